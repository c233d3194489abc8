// The numbers behind one picked pixel, written out: a convolution, a pooling window, the softmax.
//
// Everything comes from the page's own forward pass (forward.js) with the frame's weights, so
// what the math panel writes is what the network drawing shows: z = Σ patch ⊙ kernel + b and
// a = f(z) for a feature-map pixel, which of four inputs won for a pooled pixel, and for the
// whole image p_k = e^{z_k} / Σ_j e^{z_j} and the loss for its label.
// Non-goal: gradients (the server's backpropagation view is for points).
import { getActivation } from "../activations.js";
import { convPixel, poolWindow } from "./forward.js";

/**
 * One feature-map pixel of conv layer `layer`: { kind: "conv", patch [c][u][v], kernel
 * [c][u][v], bias, channels: Σ per input channel, z, a, activation, drawn } (`drawn` is the
 * value the forward pass drew there, a = f(z)).
 */
export function convMath(network, forward, { layer, map, y, x }) {
  const input = forward.conv[layer].input;
  const { patch, kernel, bias, z } = convPixel(input, network.conv_kernels[layer][map], network.conv_biases[layer][map], y, x);
  const channels = patch.map((rows, c) => rows.reduce((sum, row, u) => sum + row.reduce((s, v, w) => s + v * kernel[c][u][w], 0), 0));
  const a = getActivation(network.activation).fn(z);
  return { kind: "conv", layer, map, y, x, patch, kernel, bias, channels, z, a, activation: network.activation, drawn: forward.conv[layer].a[map][y][x] };
}

/** One pooled pixel: { kind: "pool", window [[a, b], [c, d]], winner [row, col], value, drawn }. */
export function poolMath(forward, { layer, map, y, x }) {
  const { window, winner, value } = poolWindow(forward.conv[layer].a[map], y, x);
  return { kind: "pool", layer, map, y, x, window, winner, value, drawn: forward.conv[layer].pooled[map][y][x] };
}

/** The picked pixel's numbers: convMath or poolMath by `pick.stage`; null when out of range. */
export function pixelMath(network, forward, pick) {
  const layer = forward?.conv?.[pick?.layer];
  if (!layer) return null;
  const maps = pick.stage === "pool" ? layer.pooled : layer.a;
  if (maps?.[pick.map]?.[pick.y]?.[pick.x] === undefined) return null;
  return pick.stage === "pool" ? poolMath(forward, pick) : convMath(network, forward, pick);
}

/**
 * The softmax of the output layer and the loss for `label` (null: no loss):
 * { rows: [{ name, z, p }], predicted, label, loss, lossName }. Cross-entropy is −ln p_label;
 * MSE sums (t_k − p_k)² over the classes (t one-hot), as the engine does.
 */
export function softmaxMath(forward, names, label = null, lossName = "cross_entropy") {
  const z = forward.dense.at(-1).z;
  const p = forward.outputs;
  const rows = z.map((value, k) => ({ name: names?.[k] ?? String(k), z: value, p: p[k] }));
  let loss = null;
  if (label !== null && label >= 0 && label < p.length) {
    loss = lossName === "mse"
      ? p.reduce((sum, pk, k) => sum + ((k === label ? 1 : 0) - pk) ** 2, 0)
      : -Math.log(Math.max(p[label], Number.MIN_VALUE));
  }
  return { rows, predicted: forward.predicted, label, loss, lossName };
}

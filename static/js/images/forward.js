// Forward pass of an image network (convolutions, 2×2 max-pooling, dense, softmax) from its weights.
//
// Mirrors app/nn/images/network.py so the browser computes feature maps and
// class probabilities itself, as it computes heatmaps for points; tested
// against the engine through tests/fixtures/image_cases.json.
// The network is the engine's parameters (app/nn/images/parameters.py):
//   { conv_kernels: [l][f][c][u][v], conv_biases: [l][f],
//     weights: [l][i][j], biases: [l][j], pool: bool, activation: name }
// Maps are nested arrays [channel][row][column]; an image is [row][column]
// of intensities 0 … 1. Convolutions have stride 1 and zero "same" padding;
// pooling keeps the first maximum of each 2×2 window (row by row) and drops
// a last odd row or column. Flattening reads map by map, row by row.
// Non-goal: training or gradients (the server trains).
import { getActivation } from "../activations.js";
import { softmaxInPlace } from "../forward.js";

const POOL = 2;

/** The k×k input patch centred on (y, x) of `maps` [c][row][col], zeros outside: [c][u][v]. */
export function patchAt(maps, k, y, x) {
  const pad = Math.floor(k / 2);
  const height = maps[0].length;
  const width = maps[0][0].length;
  return maps.map((map) => Array.from({ length: k }, (_, u) => Array.from({ length: k }, (_, v) => {
    const row = y + u - pad;
    const col = x + v - pad;
    return row >= 0 && row < height && col >= 0 && col < width ? map[row][col] : 0;
  })));
}

/** z of one feature-map pixel: Σ patch ⊙ kernel + bias, with the patch it used. */
export function convPixel(maps, kernel, bias, y, x) {
  const patch = patchAt(maps, kernel[0].length, y, x);
  let z = bias;
  patch.forEach((channel, c) => channel.forEach((row, u) => row.forEach((value, v) => {
    z += value * kernel[c][u][v];
  })));
  return { patch, kernel, bias, z };
}

/** Convolve `maps` [c][H][W] with `kernels` [f][c][k][k]: z as [f][H][W]. */
export function convolve(maps, kernels, biases) {
  const height = maps[0].length;
  const width = maps[0][0].length;
  return kernels.map((kernel, f) => Array.from({ length: height }, (_, y) => Array.from(
    { length: width }, (_, x) => convPixel(maps, kernel, biases[f], y, x).z)));
}

/** The 2×2 window of pooled pixel (y, x) of `map` [row][col], its maximum and which input won. */
export function poolWindow(map, y, x) {
  const window = [0, 1].map((r) => [0, 1].map((c) => map[POOL * y + r][POOL * x + c]));
  let winner = [0, 0];
  for (const [r, c] of [[0, 1], [1, 0], [1, 1]]) {
    if (window[r][c] > window[winner[0]][winner[1]]) winner = [r, c];
  }
  return { window, winner, value: window[winner[0]][winner[1]] };
}

/** 2×2 max-pooling of `maps` [c][H][W]: { pooled: [c][H/2][W/2], winners: 2·row + column }. */
export function maxPool(maps) {
  const h = Math.floor(maps[0].length / POOL);
  const w = Math.floor(maps[0][0].length / POOL);
  const windows = maps.map((map) => Array.from({ length: h }, (_, y) => Array.from(
    { length: w }, (_, x) => poolWindow(map, y, x))));
  return {
    pooled: windows.map((rows) => rows.map((row) => row.map((p) => p.value))),
    winners: windows.map((rows) => rows.map((row) => row.map((p) => POOL * p.winner[0] + p.winner[1]))),
  };
}

const mapAll = (maps, f) => maps.map((map) => map.map((row) => row.map(f)));

/**
 * Run one image through the network. Returns { conv: [{ input, z, a, pooled,
 * winners }], dense: [{ z, a }], outputs, predicted }; pooled and winners are
 * null when the network does not pool; the last dense layer's a is the softmax.
 */
export function forwardImage(network, image) {
  const f = getActivation(network.activation).fn;
  let maps = [image];
  const conv = network.conv_kernels.map((kernels, l) => {
    const input = maps;
    const z = convolve(input, kernels, network.conv_biases[l]);
    const a = mapAll(z, f);
    const { pooled, winners } = network.pool ? maxPool(a) : { pooled: null, winners: null };
    maps = pooled ?? a;
    return { input, z, a, pooled, winners };
  });
  let vector = maps.flat(2);
  const dense = network.weights.map((w, l) => {
    const b = network.biases[l];
    const z = b.map((bias, j) => vector.reduce((sum, value, i) => sum + value * w[i][j], bias));
    const last = l === network.weights.length - 1;
    vector = last ? softmaxInPlace(z.slice()) : z.map(f);
    return { z, a: vector };
  });
  const predicted = vector.indexOf(Math.max(...vector));
  return { conv, dense, outputs: vector, predicted };
}

/** Number of weights plus biases, kernels included (what the page shows beside the accuracy). */
export function parameterCount(network) {
  const count = (array) => (Array.isArray(array) ? array.reduce((s, v) => s + count(v), 0) : 1);
  return count(network.conv_kernels) + count(network.conv_biases)
    + count(network.weights) + count(network.biases);
}

// Forward pass of the fully connected network, for points and for whole grids.
//
// Shapes follow the protocol: weights[l][i][j] joins neuron i of layer l to
// neuron j of layer l + 1, biases[l][j] belongs to neuron j of layer l + 1.
// Layer l computes a = f(a_prev · W + b); the last layer uses the output
// activation. The grid evaluator reuses typed arrays so it can run on every
// rendered frame without allocating. Non-goal: gradients or training.
import { getActivation } from "./activations.js";

/** Layer sizes implied by `weights`: [n_inputs, ..., n_outputs]. */
export function sizesOf(weights) {
  return [weights[0].length, ...weights.map((w) => w[0].length)];
}

/**
 * Evaluate one point `x` (array of inputs); return every layer's outputs
 * after the input: [[a_1 ...], ..., [output ...]].
 */
export function forwardPoint(weights, biases, activation, outputActivation, x) {
  const hidden = getActivation(activation).fn;
  const output = getActivation(outputActivation).fn;
  const outputs = [];
  let a = x;
  for (let l = 0; l < weights.length; l++) {
    const w = weights[l];
    const b = biases[l];
    const f = l === weights.length - 1 ? output : hidden;
    const next = new Array(b.length);
    for (let j = 0; j < b.length; j++) {
      let z = 0;
      for (let i = 0; i < a.length; i++) z += a[i] * w[i][j];
      next[j] = f(z + b[j]);
    }
    outputs.push(next);
    a = next;
  }
  return outputs;
}

/**
 * Coordinates of the G×G grid over [-domain, domain]²: cell centres, row 0 at
 * the top (x2 = +domain side), so index r·G + c is pixel (c, r) of an image.
 */
export function gridCoordinates(size, domain) {
  const x1 = new Float64Array(size * size);
  const x2 = new Float64Array(size * size);
  const step = (2 * domain) / size;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      x1[r * size + c] = -domain + (c + 0.5) * step;
      x2[r * size + c] = domain - (r + 0.5) * step;
    }
  }
  return { x1, x2 };
}

/**
 * Make an evaluator for networks of layer `sizes` over a G×G grid.
 * evaluate(weights, biases, activation, outputActivation) fills and returns
 * `layers`: layers[l][j] is a Float64Array(G·G) of neuron j of layer l
 * (layers[0] holds the inputs x1, x2; the last holds the output).
 */
export function createGridEvaluator(sizes, size, domain) {
  const { x1, x2 } = gridCoordinates(size, domain);
  const count = size * size;
  const layers = [[x1, x2]];
  for (let l = 1; l < sizes.length; l++) {
    layers.push(Array.from({ length: sizes[l] }, () => new Float64Array(count)));
  }
  const z = new Float64Array(count);

  function evaluate(weights, biases, activation, outputActivation) {
    const hidden = getActivation(activation).fn;
    const output = getActivation(outputActivation).fn;
    for (let l = 0; l < weights.length; l++) {
      const inputs = layers[l];
      const outs = layers[l + 1];
      const w = weights[l];
      const f = l === weights.length - 1 ? output : hidden;
      for (let j = 0; j < outs.length; j++) {
        z.fill(0);
        for (let i = 0; i < inputs.length; i++) {
          const wij = w[i][j];
          const a = inputs[i];
          for (let p = 0; p < count; p++) z[p] += a[p] * wij;
        }
        const bj = biases[l][j];
        const out = outs[j];
        for (let p = 0; p < count; p++) out[p] = f(z[p] + bj);
      }
    }
    return layers;
  }

  return { size, domain, sizes: sizes.slice(), layers, evaluate };
}

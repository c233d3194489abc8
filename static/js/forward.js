// Forward pass of the fully connected network, for points and for whole grids.
//
// Shapes follow the protocol: weights[l][i][j] joins neuron i of layer l to
// neuron j of layer l + 1, biases[l][j] belongs to neuron j of layer l + 1.
// Layer l computes a = f(a_prev · W + b); the last layer uses the output
// activation, which may be "softmax" (over the whole layer). Inputs are the
// features of a raw point (features.js). The grid evaluator reuses typed
// arrays so it can run on every rendered frame without allocating.
// Non-goal: gradients or training.
import { getActivation } from "./activations.js";
import { DEFAULT_FEATURES, featureColumn, featureInputs } from "./features.js";

/** Layer sizes implied by `weights`: [n_inputs, ..., n_outputs]. */
export function sizesOf(weights) {
  return [weights[0].length, ...weights.map((w) => w[0].length)];
}

/** Replace z[0..n) by softmax(z) in place (shifted by the maximum: no overflow). */
export function softmaxInPlace(z) {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let j = 0; j < z.length; j++) {
    z[j] = Math.exp(z[j] - max);
    sum += z[j];
  }
  for (let j = 0; j < z.length; j++) z[j] /= sum;
  return z;
}

const elementwise = (name) => (name === "softmax" ? null : getActivation(name).fn);

/**
 * Evaluate one input vector `x`; return every layer's outputs after the
 * input: [[a_1 ...], ..., [output ...]].
 */
export function forwardPoint(weights, biases, activation, outputActivation, x) {
  const hidden = getActivation(activation).fn;
  const output = elementwise(outputActivation);
  const outputs = [];
  let a = x;
  for (let l = 0; l < weights.length; l++) {
    const w = weights[l];
    const b = biases[l];
    const last = l === weights.length - 1;
    const f = last ? output : hidden;
    const next = new Array(b.length);
    for (let j = 0; j < b.length; j++) {
      let z = 0;
      for (let i = 0; i < a.length; i++) z += a[i] * w[i][j];
      next[j] = f ? f(z + b[j]) : z + b[j];
    }
    if (!f) softmaxInPlace(next);
    outputs.push(next);
    a = next;
  }
  return outputs;
}

/**
 * Like forwardPoint, but keep each layer's pre-activations too:
 * [{ z: [...], a: [...] }, ...], one entry per weight layer.
 */
export function forwardLayers(weights, biases, activation, outputActivation, x) {
  const hidden = getActivation(activation).fn;
  const output = elementwise(outputActivation);
  const layers = [];
  let a = x;
  for (let l = 0; l < weights.length; l++) {
    const w = weights[l];
    const b = biases[l];
    const f = l === weights.length - 1 ? output : hidden;
    const z = new Array(b.length);
    for (let j = 0; j < b.length; j++) {
      let sum = 0;
      for (let i = 0; i < a.length; i++) sum += a[i] * w[i][j];
      z[j] = sum + b[j];
    }
    const next = f ? z.map(f) : softmaxInPlace(z.slice());
    layers.push({ z, a: next });
    a = next;
  }
  return layers;
}

/** forwardPoint for raw point [x1, x2] through the input `features`. */
export function forwardRaw(weights, biases, activation, outputActivation, features, point) {
  return forwardPoint(weights, biases, activation, outputActivation, featureInputs(features, point));
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

function softmaxColumns(outs, count) {
  for (let p = 0; p < count; p++) {
    let max = -Infinity;
    for (const o of outs) if (o[p] > max) max = o[p];
    let sum = 0;
    for (const o of outs) {
      o[p] = Math.exp(o[p] - max);
      sum += o[p];
    }
    for (const o of outs) o[p] /= sum;
  }
}

/**
 * Make an evaluator for networks of layer `sizes` over a G×G grid whose
 * inputs are `features` (default x1, x2). evaluate(weights, biases,
 * activation, outputActivation) fills and returns `layers`: layers[l][j] is a
 * Float64Array(G·G) of neuron j of layer l (layers[0] holds the features; the
 * last holds the output).
 */
export function createGridEvaluator(sizes, size, domain, features = DEFAULT_FEATURES) {
  const { x1, x2 } = gridCoordinates(size, domain);
  const count = size * size;
  const layers = [features.map((name) => featureColumn(name, x1, x2))];
  for (let l = 1; l < sizes.length; l++) {
    layers.push(Array.from({ length: sizes[l] }, () => new Float64Array(count)));
  }
  const z = new Float64Array(count);

  function evaluate(weights, biases, activation, outputActivation) {
    const hidden = getActivation(activation).fn;
    const output = elementwise(outputActivation);
    for (let l = 0; l < weights.length; l++) {
      const inputs = layers[l];
      const outs = layers[l + 1];
      const w = weights[l];
      const last = l === weights.length - 1;
      const f = last ? output : hidden;
      for (let j = 0; j < outs.length; j++) {
        z.fill(0);
        for (let i = 0; i < inputs.length; i++) {
          const wij = w[i][j];
          const a = inputs[i];
          for (let p = 0; p < count; p++) z[p] += a[p] * wij;
        }
        const bj = biases[l][j];
        const out = outs[j];
        if (f) for (let p = 0; p < count; p++) out[p] = f(z[p] + bj);
        else for (let p = 0; p < count; p++) out[p] = z[p] + bj;
      }
      if (last && !f) softmaxColumns(outs, count);
    }
    return layers;
  }

  return { size, domain, sizes: sizes.slice(), features: features.slice(), layers, evaluate };
}

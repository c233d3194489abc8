// The neuron inspector's numbers and equation: z = Σ wᵢxᵢ + b and a = f(z) for one point.
//
// inspectNeuron() takes a frame's weights (rounded to 4 decimals by the
// server: what the page displays) and computes with forward.js;
// neuronEquation() writes the equation as MathML lines with the live numbers
// substituted, 4 significant digits each. Non-goal: drawing.
import { featureInputs } from "./features.js";
import { forwardLayers } from "./forward.js";
import { chunk, factor, fname, indexed, math, mi, mn, mo, mrow, msub, sig4, sum } from "./mathml.js";

/** How equations write activation `name` (σ, tanh, ReLU …): the registry's symbol from the catalog. */
export function activationSymbol(catalog, name) {
  for (const list of [catalog?.activations, catalog?.output_activations]) {
    const entry = (list ?? []).find((item) => item.name === name);
    if (entry?.symbol) return entry.symbol;
  }
  return name;
}

const TERMS_PER_LINE = 2; // products per line: the inspector is about 500 px wide

/** "layer 2, neuron 3" (counting from 1) or "output neuron 1" for the last layer. */
export function neuronName(layer, neuron, layerCount) {
  return layer === layerCount ? `output neuron ${neuron + 1}` : `layer ${layer}, neuron ${neuron + 1}`;
}

/** Whether every weight and bias is a finite number (frames send null otherwise). */
export function finiteParameters(weights, biases) {
  const ok = (v) => typeof v === "number" && Number.isFinite(v);
  return weights.every((w) => w.every((row) => row.every(ok))) && biases.every((b) => b.every(ok));
}

/**
 * Everything about neuron `neuron` of layer `layer` (1 = first hidden layer,
 * as in the drawing) for raw point [x1, x2]: { layer, neuron, inputs,
 * weights, bias, z, a, fn, output }, or null when the network has no such
 * neuron or non-finite parameters.
 */
export function inspectNeuron({ weights, biases, activation, outputActivation, features, point, layer, neuron }) {
  if (!weights || !biases || !point || layer < 1 || layer > weights.length) return null;
  if (neuron < 0 || neuron >= biases[layer - 1].length || !finiteParameters(weights, biases)) return null;
  const x = featureInputs(features, point);
  const layers = forwardLayers(weights, biases, activation, outputActivation, x);
  const l = layer - 1;
  const output = layer === weights.length;
  return {
    layer,
    neuron,
    inputs: l === 0 ? x : layers[l - 1].a,
    weights: weights[l].map((row) => row[neuron]),
    bias: biases[l][neuron],
    z: layers[l].z[neuron],
    a: layers[l].a[neuron],
    fn: output ? outputActivation : activation,
    output,
  };
}

/** The numbers as the page shows them (4 significant digits), for data attributes. */
export function displayedNumbers(inspection) {
  const { inputs, weights, bias, z, a } = inspection;
  return { weights: weights.map(sig4), inputs: inputs.map(sig4), bias: sig4(bias), z: sig4(z), a: sig4(a) };
}

/**
 * The equation as <math> strings, one per line:
 * z = w₁x₁ + … + b, = numbers substituted (2 products a line), = z, a = f(z) = f(value) = a.
 */
export function neuronEquation(inspection, symbolText = inspection.fn) {
  const { inputs, weights, bias, z, a, fn, layer, neuron } = inspection;
  const input = layer === 1 ? "x" : "a";
  const symbolic = sum([...weights.map((_, i) => mrow(indexed("w", i + 1), indexed(input, i + 1))), mi("b")]);
  const products = weights.map((w, i) => mrow(factor(w), mo("·"), factor(inputs[i])));
  const lines = chunk([...products, factor(bias)], TERMS_PER_LINE);
  const equals = mo("=");
  const symbol = fname(symbolText);
  const applied = (arg) => mrow(symbol, mo("("), arg, mo(")"));
  const out = [
    math(mrow(mi("z"), equals, symbolic)),
    ...lines.map((terms, k) => math(mrow(k === 0 ? equals : mo("+"), sum(terms)))),
    math(mrow(equals, mn(z))),
  ];
  const softmax = msub(applied(mi("z")), `<mn>${neuron + 1}</mn>`);
  out.push(fn === "softmax"
    ? math(mrow(mi("a"), equals, softmax, equals, mn(a)))
    : math(mrow(mi("a"), equals, applied(mi("z")), equals, applied(mn(z)), equals, mn(a))));
  return out;
}

/**
 * The point of `points` ([[x1, x2, y], ...]) nearest to (x1, x2) within
 * `radius`: { index, point } or null.
 */
export function nearestPoint(points, x1, x2, radius) {
  let best = null;
  let bestDistance = radius * radius;
  points.forEach((point, index) => {
    const d = (point[0] - x1) ** 2 + (point[1] - x2) ** 2;
    if (d <= bestDistance) {
      best = { index, point };
      bestDistance = d;
    }
  });
  return best;
}

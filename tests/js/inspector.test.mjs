// The neuron inspector: live numbers through forward.js, and the equation as MathML.
import assert from "node:assert/strict";
import { test } from "node:test";

import { activationSymbol, displayedNumbers, inspectNeuron, nearestPoint, neuronEquation, neuronName } from "../../static/js/inspector.js";

const weights = [[[0.5, -1], [2, 0.25]], [[1.5], [-0.5]]];
const biases = [[0.1, -0.2], [0.05]];
const base = { weights, biases, activation: "tanh", outputActivation: "sigmoid", features: ["x1", "x2"], point: [1, -2] };

test("a first-layer neuron takes the features as inputs", () => {
  const n = inspectNeuron({ ...base, layer: 1, neuron: 0 });
  assert.deepEqual(n.inputs, [1, -2]);
  assert.deepEqual(n.weights, [0.5, 2]);
  assert.equal(n.bias, 0.1);
  assert.ok(Math.abs(n.z - (0.5 - 4 + 0.1)) < 1e-12);
  assert.ok(Math.abs(n.a - Math.tanh(n.z)) < 1e-12);
  assert.equal(n.fn, "tanh");
});

test("a later neuron takes the previous layer's activations and may be the output", () => {
  const first = [0, 1].map((j) => inspectNeuron({ ...base, layer: 1, neuron: j }).a);
  const n = inspectNeuron({ ...base, layer: 2, neuron: 0 });
  assert.deepEqual(n.inputs, first);
  assert.equal(n.fn, "sigmoid");
  assert.equal(n.output, true);
  const z = 1.5 * first[0] - 0.5 * first[1] + 0.05;
  assert.ok(Math.abs(n.a - 1 / (1 + Math.exp(-z))) < 1e-12);
});

test("no inspection for a missing neuron or non-finite weights", () => {
  assert.equal(inspectNeuron({ ...base, layer: 3, neuron: 0 }), null);
  assert.equal(inspectNeuron({ ...base, layer: 1, neuron: 5 }), null);
  assert.equal(inspectNeuron({ ...base, biases: [[null, 0], [0]], layer: 1, neuron: 0 }), null);
});

test("displayed numbers have four significant digits", () => {
  const shown = displayedNumbers(inspectNeuron({ ...base, point: [1 / 3, 0], layer: 1, neuron: 1 }));
  assert.deepEqual(shown.inputs, [0.3333, 0]);
  assert.equal(shown.z, Number((-1 / 3 - 0.2).toPrecision(4)));
});

test("the equation names the activation and substitutes every number", () => {
  const lines = neuronEquation(inspectNeuron({ ...base, layer: 1, neuron: 0 }));
  const text = lines.join("");
  assert.ok(lines.every((l) => l.startsWith("<math")));
  assert.match(text, /<mi mathvariant="normal">tanh<\/mi>/);
  assert.match(text, /<mn>0.5<\/mn><mo>·<\/mo><mn>1<\/mn>/);
  assert.match(text, /<mn>2<\/mn><mo>·<\/mo><mrow><mo>\(<\/mo><mrow><mo>−<\/mo><mn>2<\/mn>/);
  assert.match(lines.at(-1), /<mn>3.4<\/mn>/); // z = −3.4 → a = tanh(−3.4)
});

test("eight inputs wrap onto several lines", () => {
  const wide = { ...base, features: ["x1", "x2"], weights: [[[1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1]], Array.from({ length: 8 }, () => [0.1])], biases: [[0, 0, 0, 0, 0, 0, 0, 0], [0]] };
  const lines = neuronEquation(inspectNeuron({ ...wide, layer: 2, neuron: 0 }));
  assert.equal(lines.length, 1 + 5 + 2); // symbolic, 9 terms in lines of 2, z, a
  assert.match(lines[0], /<msub><mi>a<\/mi><mn>8<\/mn><\/msub>/);
});

test("a softmax output reads a = softmax(z)ⱼ", () => {
  const soft = { ...base, weights: [[[1, 0], [0, 1]]], biases: [[0, 0]], outputActivation: "softmax" };
  const text = neuronEquation(inspectNeuron({ ...soft, layer: 1, neuron: 1 })).at(-1);
  assert.match(text, /softmax<\/mi><mo>\(<\/mo><mi>z<\/mi><mo>\)<\/mo><\/mrow><mn>2<\/mn><\/msub>/);
});

test("neurons are named by layer and number", () => {
  assert.equal(neuronName(2, 2, 3), "layer 2, neuron 3");
  assert.equal(neuronName(3, 0, 3), "output neuron 1");
});

test("the nearest point within the radius is picked", () => {
  const points = [[0, 0, 1], [1, 1, -1], [3, 3, 1]];
  assert.deepEqual(nearestPoint(points, 0.9, 0.8, 0.5), { index: 1, point: [1, 1, -1] });
  assert.equal(nearestPoint(points, 2, 0, 0.5), null);
});

test("equations write each activation by the symbol its registry entry gives", () => {
  const catalog = { activations: [{ name: "sigmoid", symbol: "σ" }], output_activations: [{ name: "softmax", symbol: "softmax" }] };
  assert.equal(activationSymbol(catalog, "sigmoid"), "σ");
  assert.equal(activationSymbol(catalog, "softmax"), "softmax");
  assert.equal(activationSymbol(catalog, "unknown"), "unknown");
  const lines = neuronEquation(inspectNeuron({ ...base, layer: 1, neuron: 0 }), "σ");
  assert.match(lines.at(-1), /σ/);
});

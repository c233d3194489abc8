// The backpropagation walk-through shows the ack's numbers, step by step.
import assert from "node:assert/strict";
import { test } from "node:test";

import { backpropSteps, stepView, updateMath } from "../../static/js/backprop.js";

const ack = {
  inputs: [1, 2],
  layers: [{ z: [0.5, -0.25], a: [0.46, -0.24] }, { z: [0.3], a: [0.29] }],
  output: [0.29], target: [-1], loss: 1.6641,
  backward: [
    { dL_da: [0.1, 0.2], dL_dz: [0.08, 0.19], dL_dw: [[0.08, 0.19], [0.16, 0.38]], dL_db: [0.08, 0.19] },
    { dL_da: [2.58], dL_dz: [2.36], dL_dw: [[1.09], [-0.57]], dL_db: [2.36] },
  ],
  learning_rate: 0.5,
  updated_weights: [[[0.96, -0.095], [0.92, 0.81]], [[-0.045], [1.285]]],
  updated_biases: [[0, 0], [0]],
};
const names = { neuron: (l, j) => (l === 2 ? `output ${j + 1}` : `layer ${l}, neuron ${j + 1}`), input: (i) => `X${i + 1}` };

test("steps go forward through each layer, show the loss, then go backward", () => {
  assert.deepEqual(backpropSteps(ack).map((s) => `${s.kind}${s.layer}`), ["forward0", "forward1", "loss1", "backward1", "backward0"]);
  assert.deepEqual(backpropSteps({}), []);
});

test("a forward step lists z and a of each neuron of its layer", () => {
  const view = stepView(ack, 0, names);
  assert.equal(view.title, "Forward pass: layer 1");
  assert.deepEqual(view.neurons, [{ name: "layer 1, neuron 1", values: [0.5, 0.46] }, { name: "layer 1, neuron 2", values: [-0.25, -0.24] }]);
  assert.deepEqual(view.links, []);
});

test("the loss step compares output and target", () => {
  const view = stepView(ack, 2, names);
  assert.equal(view.kind, "loss");
  assert.deepEqual(view.neurons[0].values, [0.29, -1]);
  assert.match(view.text, /1.664/);
});

test("a backward step carries the ack's gradients for every link and the SGD update", () => {
  const view = stepView(ack, 4, names);
  assert.equal(view.title, "Backward pass: layer 1");
  assert.deepEqual(view.neurons[1].values, [0.2, 0.19]);
  assert.deepEqual(view.links.map((k) => [k.name, k.gradient, k.updated]), [
    ["X1 → layer 1, neuron 1", 0.08, 0.96], ["X1 → layer 1, neuron 2", 0.19, -0.095],
    ["X2 → layer 1, neuron 1", 0.16, 0.92], ["X2 → layer 1, neuron 2", 0.38, 0.81],
  ]);
  assert.ok(Math.abs(view.links[0].weight - 1) < 1e-12);
  const last = stepView(ack, 3, names);
  assert.equal(last.links[1].name, "layer 1, neuron 2 → output 1");
});

test("indices beyond the ends are clamped", () => {
  assert.equal(stepView(ack, 99, names).step, 4);
  assert.equal(stepView(ack, -3, names).step, 0);
  assert.equal(stepView({}, 0, names), null);
});

test("the update reads w ← w − η·g = new with numbers", () => {
  const text = updateMath(0.5, 0.03, -2, 0.56);
  assert.match(text, /<mi>w<\/mi><mo>←<\/mo><mn>0.5<\/mn><mo>−<\/mo><mn>0.03<\/mn><mo>·<\/mo><mrow><mo>\(<\/mo><mrow><mo>−<\/mo><mn>2<\/mn>/);
  assert.match(text, /<mo>=<\/mo><mn>0.56<\/mn>/);
});

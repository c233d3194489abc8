// The browser's forward pass reproduces the NumPy engine (tests/fixtures/forward_cases.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { ACTIVATIONS } from "../../static/js/activations.js";
import { createGridEvaluator, forwardLayers, forwardPoint, forwardRaw, gridCoordinates, sizesOf, softmaxInPlace } from "../../static/js/forward.js";
import { featureInputs } from "../../static/js/features.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/forward_cases.json", import.meta.url)));

function assertClose(actual, expected, tolerance, where) {
  const error = Math.abs(actual - expected);
  assert.ok(error <= tolerance, `${where}: got ${actual}, expected ${expected} (error ${error})`);
}

test("the fixture has a network for every JS activation", () => {
  const covered = new Set(fixture.networks.map((n) => n.activation));
  assert.deepEqual([...covered].sort(), Object.keys(ACTIVATIONS).sort());
});

const OUTPUT_ACTIVATIONS = ["tanh", "sigmoid", "linear", "softmax"];

test("the fixture covers every output activation", () => {
  const covered = new Set(fixture.networks.map((n) => n.output_activation));
  assert.deepEqual([...covered].sort(), [...OUTPUT_ACTIVATIONS].sort());
});

// A network with a "features" list takes raw points [x1, x2] as its inputs.
const describe = (net) => `${net.activation} → ${net.output_activation}${net.features ? ` on ${net.features.join("+")}` : ""}`;
const outputsOf = (net, x) => (net.features
  ? forwardRaw(net.weights, net.biases, net.activation, net.output_activation, net.features, x)
  : forwardPoint(net.weights, net.biases, net.activation, net.output_activation, x));

for (const net of fixture.networks) {
  test(`forwardPoint matches the engine's layer outputs for ${describe(net)}`, () => {
    assert.deepEqual(sizesOf(net.weights), net.sizes);
    net.inputs.forEach((x, p) => {
      const outputs = outputsOf(net, x);
      assert.equal(outputs.length, net.layer_outputs.length);
      outputs.forEach((layer, l) => {
        assert.equal(layer.length, net.layer_outputs[l][p].length);
        layer.forEach((a, j) => assertClose(a, net.layer_outputs[l][p][j], 1e-9, `point ${p} layer ${l} neuron ${j}`));
      });
    });
  });

  test(`the grid evaluator agrees with forwardPoint for ${describe(net)}`, () => {
    const size = 7;
    const features = net.features ?? ["x1", "x2"];
    const evaluator = createGridEvaluator(net.sizes, size, 6, features);
    const layers = evaluator.evaluate(net.weights, net.biases, net.activation, net.output_activation);
    const { x1, x2 } = gridCoordinates(size, 6);
    for (const p of [0, 3, 24, 48]) {
      const outputs = forwardRaw(net.weights, net.biases, net.activation, net.output_activation, features, [x1[p], x2[p]]);
      outputs.forEach((layer, l) => layer.forEach((a, j) => assertClose(layers[l + 1][j][p], a, 1e-12, `cell ${p} layer ${l + 1} neuron ${j}`)));
    }
  });
}

test("grid coordinates are cell centres, row 0 at the top", () => {
  const { x1, x2 } = gridCoordinates(4, 6);
  assert.deepEqual([x1[0], x1[3]], [-4.5, 4.5]);
  assert.deepEqual([x2[0], x2[12]], [4.5, -4.5]);
});

test("the grid evaluator reuses its buffers between calls", () => {
  const net = fixture.networks[0];
  const evaluator = createGridEvaluator(net.sizes, 5, 6);
  const first = evaluator.evaluate(net.weights, net.biases, net.activation, "tanh");
  const output = first.at(-1)[0];
  const second = evaluator.evaluate(net.weights, net.biases, net.activation, "tanh");
  assert.equal(second.at(-1)[0], output);
  assert.ok(output instanceof Float64Array && output.length === 25);
});

test("an unknown activation is refused with the valid names", () => {
  const net = fixture.networks[0];
  assert.throws(() => forwardPoint(net.weights, net.biases, "softsign", "tanh", [0, 0]), /valid: sigmoid, tanh, relu, linear, leaky_relu, elu, softplus, sine/);
});

test("softmax outputs are probabilities that sum to 1, even for huge inputs", () => {
  const p = softmaxInPlace([1000, 1000, -1000]);
  assert.deepEqual(p, [0.5, 0.5, 0]);
  const q = softmaxInPlace([1, 2, 3]);
  const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
  const sum = e[0] + e[1] + e[2];
  q.forEach((v, k) => assertClose(v, e[k] / sum, 1e-15, `class ${k}`));
});

test("a softmax output layer on the grid matches the point evaluation, with features", () => {
  const features = ["x1", "x2", "x1x2", "sin_x1"];
  const weights = [[[0.5, -0.2], [0.1, 0.3], [0.05, -0.02], [1, 0.5]], [[1, -1, 0.5], [-0.5, 0.2, 2]]];
  const biases = [[0.1, -0.1], [0, 0.2, -0.3]];
  const evaluator = createGridEvaluator([4, 2, 3], 5, 6, features);
  const layers = evaluator.evaluate(weights, biases, "elu", "softmax");
  const { x1, x2 } = gridCoordinates(5, 6);
  for (const p of [0, 7, 24]) {
    assertClose(layers[0][2][p], featureInputs(features, [x1[p], x2[p]])[2], 0, "input feature");
    const out = forwardRaw(weights, biases, "elu", "softmax", features, [x1[p], x2[p]]).at(-1);
    out.forEach((v, k) => assertClose(layers[2][k][p], v, 1e-12, `cell ${p} class ${k}`));
    assertClose(layers[2][0][p] + layers[2][1][p] + layers[2][2][p], 1, 1e-12, "sum");
  }
});

test("forwardLayers keeps z and a of every layer, agreeing with forwardPoint", () => {
  for (const net of fixture.networks.filter((n) => !n.features)) {
    const x = net.inputs[0];
    const layers = forwardLayers(net.weights, net.biases, net.activation, net.output_activation, x);
    const outputs = forwardPoint(net.weights, net.biases, net.activation, net.output_activation, x);
    layers.forEach(({ z, a }, l) => {
      a.forEach((v, j) => assertClose(v, outputs[l][j], 1e-15, `layer ${l} neuron ${j}`));
      const prev = l === 0 ? x : layers[l - 1].a;
      z.forEach((v, j) => {
        const sum = prev.reduce((s, ai, i) => s + ai * net.weights[l][i][j], net.biases[l][j]);
        assertClose(v, sum, 1e-12, `z of layer ${l} neuron ${j}`);
      });
    });
  }
});

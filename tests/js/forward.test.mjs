// The browser's forward pass reproduces the NumPy engine (tests/fixtures/forward_cases.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { ACTIVATIONS } from "../../static/js/activations.js";
import { createGridEvaluator, forwardPoint, gridCoordinates, sizesOf } from "../../static/js/forward.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/forward_cases.json", import.meta.url)));

function assertClose(actual, expected, tolerance, where) {
  const error = Math.abs(actual - expected);
  assert.ok(error <= tolerance, `${where}: got ${actual}, expected ${expected} (error ${error})`);
}

test("the fixture has a network for every JS activation", () => {
  const covered = new Set(fixture.networks.map((n) => n.activation));
  assert.deepEqual([...covered].sort(), Object.keys(ACTIVATIONS).sort());
});

for (const net of fixture.networks) {
  test(`forwardPoint matches the engine's layer outputs for ${net.activation}`, () => {
    assert.deepEqual(sizesOf(net.weights), net.sizes);
    net.inputs.forEach((x, p) => {
      const outputs = forwardPoint(net.weights, net.biases, net.activation, net.output_activation, x);
      assert.equal(outputs.length, net.layer_outputs.length);
      outputs.forEach((layer, l) => {
        assert.equal(layer.length, net.layer_outputs[l][p].length);
        layer.forEach((a, j) => assertClose(a, net.layer_outputs[l][p][j], 1e-9, `point ${p} layer ${l} neuron ${j}`));
      });
    });
  });

  test(`the grid evaluator agrees with forwardPoint for ${net.activation}`, () => {
    const size = 7;
    const evaluator = createGridEvaluator(net.sizes, size, 6);
    const layers = evaluator.evaluate(net.weights, net.biases, net.activation, net.output_activation);
    const { x1, x2 } = gridCoordinates(size, 6);
    for (const p of [0, 3, 24, 48]) {
      const outputs = forwardPoint(net.weights, net.biases, net.activation, net.output_activation, [x1[p], x2[p]]);
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
  assert.throws(() => forwardPoint(net.weights, net.biases, "softsign", "tanh", [0, 0]), /valid: sigmoid, tanh, relu, linear/);
});

// Arrow keys in the network drawing: one Tab stop, arrows along neurons, biases and links.
import assert from "node:assert/strict";
import { test } from "node:test";

import { nextItem } from "../../static/js/networkkeys.js";

// Seven feature rows, X₁ (row 0) and X₁² (row 2) chosen as inputs 0 and 1; layers of 3 and 2; one output.
const net = {
  columns: [7, 3, 2, 1],
  inputOf: (row) => ({ 0: 0, 2: 1 })[row] ?? -1,
  rowOf: (input) => [0, 2][input],
};
const walk = (from, ...keys) => keys.reduce((at, key) => nextItem(net, at, key), from);

test("up and down move within a column and stop at its ends", () => {
  assert.equal(walk("f:0", "ArrowDown", "ArrowDown"), "f:2");
  assert.equal(walk("f:0", "ArrowUp"), "f:0");
  assert.equal(walk("f:6", "ArrowDown"), "f:6");
  assert.equal(walk("n:1:0", "ArrowDown", "ArrowDown", "ArrowDown"), "n:1:2");
  assert.equal(walk("b:2:1", "ArrowUp"), "b:2:0");
});

test("right goes downstream: a chosen feature to its first link, a link to its target neuron", () => {
  assert.equal(walk("f:2", "ArrowRight"), "w:0:1:0");
  assert.equal(walk("f:2", "ArrowRight", "ArrowRight"), "n:1:0");
  assert.equal(walk("n:1:2", "ArrowRight"), "w:1:2:0");
  assert.equal(walk("b:1:1", "ArrowRight"), "n:1:1");
});

test("a feature that is not chosen has no links to go to", () => {
  assert.equal(walk("f:1", "ArrowRight"), "f:1");
});

test("left goes upstream: neuron to bias, bias to its first incoming link, link to its source", () => {
  assert.equal(walk("n:2:1", "ArrowLeft"), "b:2:1");
  assert.equal(walk("n:2:1", "ArrowLeft", "ArrowLeft"), "w:1:0:1");
  assert.equal(walk("w:1:0:1", "ArrowLeft"), "n:1:0");
  assert.equal(walk("w:0:1:2", "ArrowLeft"), "f:2");
  assert.equal(walk("f:0", "ArrowLeft"), "f:0");
});

test("up and down walk a layer's links in weight order, across sources", () => {
  assert.equal(walk("w:1:0:0", "ArrowDown"), "w:1:0:1");
  assert.equal(walk("w:1:0:1", "ArrowDown"), "w:1:1:0");
  assert.equal(walk("w:1:2:1", "ArrowDown"), "w:1:2:1");
  assert.equal(walk("w:0:0:0", "ArrowUp"), "w:0:0:0");
  assert.equal(walk("w:0:0:2", "ArrowDown"), "w:0:1:0");
  assert.equal(walk("w:0:1:2", "ArrowDown"), "w:0:1:2");
});

test("the output neuron has nowhere downstream to go, and every link is reachable", () => {
  assert.equal(walk("n:3:0", "ArrowRight"), "n:3:0");
  const seen = new Set();
  for (const layer of [0, 1, 2]) {
    let at = `w:${layer}:0:0`;
    for (let k = 0; k < 20; k++) { seen.add(at); at = nextItem(net, at, "ArrowDown"); }
  }
  assert.equal(seen.size, 2 * 3 + 3 * 2 + 2 * 1);
});

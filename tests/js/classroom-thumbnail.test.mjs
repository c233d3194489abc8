// A thumbnail is the output plot's picture at a small size, from a glimpse's weights.
import assert from "node:assert/strict";
import { test } from "node:test";

import { paintValues } from "../../static/js/colors.js";
import { createGridEvaluator } from "../../static/js/forward.js";
import { displayValues } from "../../static/js/outputs.js";
import { sparkline, thumbnailPixels } from "../../static/js/classroom/thumbnail.js";

const glimpse = {
  student: 1, name: "Ada", following: false, sizes: [2, 2, 1], features: ["x1", "x2"], activation: "tanh",
  output_activation: "tanh", classes: 2,
  weights: [[[0.5, -0.25], [1.5, 0.75]], [[1.0], [-2.0]]], biases: [[0.1, -0.1], [0.2]],
};

test("the thumbnail's pixels are the big plot's colours at the thumbnail's grid", () => {
  const grid = 8;
  const pixels = thumbnailPixels(glimpse, 6, new Map(), grid);
  const evaluator = createGridEvaluator([2, 2, 1], grid, 6, ["x1", "x2"]);
  const out = evaluator.evaluate(glimpse.weights, glimpse.biases, "tanh", "tanh").at(-1)[0];
  const expected = new Uint8ClampedArray(grid * grid * 4);
  paintValues(displayValues(out, "tanh", new Float64Array(grid * grid)), expected);
  assert.deepEqual(pixels, expected);
  const left = pixels.slice(0, 4).join();
  const right = pixels.slice((grid - 1) * 4, grid * 4).join();
  assert.notEqual(left, right, "the boundary shows");
});

test("one evaluator per network shape serves the whole class", () => {
  const cache = new Map();
  thumbnailPixels(glimpse, 6, cache, 8);
  thumbnailPixels({ ...glimpse, student: 2 }, 6, cache, 8);
  thumbnailPixels({ ...glimpse, sizes: [2, 3, 1], weights: [[[1, 1, 1], [1, 1, 1]], [[1], [1], [1]]], biases: [[0, 0, 0], [0]] }, 6, cache, 8);
  assert.equal(cache.size, 2);
});

test("a student following the class has no thumbnail", () => {
  assert.equal(thumbnailPixels({ student: 2, name: "Bo", following: true }, 6, new Map()), null);
});

test("the sparkline spans the epochs and the loss from 0 to its largest", () => {
  const points = sparkline({ epochs: [0, 50, 100], loss: [0.8, 0.4, null] });
  assert.deepEqual(points, [[0, 0], [0.5, 0.5]]);
  assert.deepEqual(sparkline({ epochs: [0], loss: [1] }), []);
});

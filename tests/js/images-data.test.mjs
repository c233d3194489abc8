// An image run's data in the page: test images decoded exactly, drawings on the pad, the
// layout of the maps, the test report and the runs compared.
import assert from "node:assert/strict";
import { test } from "node:test";

import { countsOf, decodePixels, gridOf, imageNetwork } from "../../static/js/images/data.js";
import { fitMaps, kernelBlock, kernelCell, kernelWidth, MAX_MAP, MIN_MAP, stages } from "../../static/js/images/layout.js";
import { clearPad, createPad, FINE, inkRows, isBlank, stamp, stroke } from "../../static/js/images/pad.js";
import { reduceDrawing } from "../../static/js/images/reduce.js";
import { architectureLabel, compareRuns, confusedImages, confusionView } from "../../static/js/images/report.js";
import { applyFrame, applyRun, createState } from "../../static/js/state.js";

const base64 = (bytes) => Buffer.from(bytes).toString("base64");

test("test images decode one byte a pixel over the scale, image after image", () => {
  const images = decodePixels(base64([0, 240, 15, 120, 1, 2, 3, 4]), 2, 240);
  assert.equal(images.length, 2);
  assert.deepEqual(Array.from(images[0]), [0, 1, 15 / 240, 0.5]);
  assert.deepEqual(gridOf(images[1], 2), [[1 / 240, 2 / 240], [3 / 240, 4 / 240]]);
  assert.deepEqual(decodePixels("", 8, 240), []);
});

test("a reduced grid becomes the counts add_images sends", () => {
  assert.deepEqual(countsOf([[0, 16], [3.0000001, 20]]), [0, 16, 3, 16]);
});

test("an image run's run and frame messages fill the state; a point run's clear it", () => {
  const state = createState();
  applyRun(state, {
    run: 2, settings: { problem: "images", activation: "relu" }, parameter_count: 1370, sizes: [128, 10],
    image_size: 2, map_sizes: [2, 1], conv_layers: [{ filters: 8, kernel: 3 }], pool: true, classes: 10,
    class_names: ["0", "1"], output_activation: "softmax",
    images: { scale: 240, train_count: 5, test: { pixels: base64([240, 0, 0, 0]), labels: [7] } },
  });
  assert.equal(state.parameterCount, 1370);
  assert.equal(state.images.test.length, 1);
  assert.equal(state.images.test[0].label, 7);
  assert.equal(state.images.trainCount, 5);
  assert.equal(imageNetwork(state), null, "no network before the first frame");
  applyFrame(state, { run: 2, epoch: 0, weights: [[[0.1]]], biases: [[0]], conv_kernels: [[[[[1]]]]], conv_biases: [[0]], report: { confusion: [[1]] } });
  assert.deepEqual(imageNetwork(state).conv_kernels, [[[[[1]]]]]);
  assert.equal(imageNetwork(state).activation, "relu");
  assert.deepEqual(state.report.confusion, [[1]]);
  applyFrame(state, { run: 2, epoch: 1, weights: [[[0.1]]], biases: [[0]], conv_kernels: [[[[[2]]]]], conv_biases: [[0]] });
  assert.deepEqual(state.report.confusion, [[1]], "a frame without a report keeps the last one");
  applyRun(state, { run: 3, settings: { problem: "classification" }, parameter_count: 23, sizes: [2, 4, 2, 1], data: { train: [], test: [] } });
  assert.equal(state.images, null);
  assert.equal(state.report, null);
});

test("a stroke inks a round brush along its segment, with no gaps, and reduces to UCI counts", () => {
  const pad = createPad(8);
  assert.equal(pad.side, 8 * FINE);
  assert.ok(isBlank(pad));
  stroke(pad, { x: 2, y: 16 }, { x: 30, y: 16 });
  const row = inkRows(pad)[16];
  assert.deepEqual(row.slice(2, 30), new Array(28).fill(1), "the whole segment is inked");
  assert.equal(inkRows(pad)[10][16], 0, "ink stays near the stroke");
  const grid = reduceDrawing(inkRows(pad), 8);
  assert.ok(grid[4].slice(1, 7).every((count) => count >= 4 && count <= 16), JSON.stringify(grid[4]));
  assert.equal(grid[0].reduce((s, v) => s + v, 0), 0);
  clearPad(pad);
  assert.ok(isBlank(pad));
  stamp(pad, -5, -5);
  assert.ok(isBlank(pad), "a stamp off the pad inks nothing");
});

test("maps take the largest size at which every stage fits, wrapping into sub-columns when tall", () => {
  const images = { size: 8, mapSizes: [8, 4], conv: [{ filters: 8, kernel: 3 }], pool: true };
  const list = stages(images, [128, 10]);
  const roomy = fitMaps(list, 2000, 400, 200);
  assert.equal(roomy.size, MAX_MAP);
  assert.deepEqual(roomy.rows, [0, 4, 4, 0], "5 fit a sub-column: 8 maps stack 4 and 4, conv and pool alike");
  const tight = fitMaps(list, 500, 400, 200);
  const total = 200 + tight.widths.reduce((s, w) => s + w + 12, 0);
  assert.ok(tight.size < MAX_MAP && total <= 500, JSON.stringify(tight));
  assert.equal(tight.widths[0], 0, "the input stage is not a map stage");
  assert.ok(tight.widths[1] > tight.widths[2], "a conv stage holds its kernels too");
  const headed = fitMaps(list, 2000, 400, 200, 4, MIN_MAP, [0, 0, 500, 0]);
  assert.equal(headed.widths[2], 500, "a stage is as wide as its heading at least");
  const tiny = fitMaps(list, 10, 10, 0);
  assert.equal(tiny.size, MIN_MAP, "never below the smallest readable map");
});

test("a kernel's channels stack in a square-ish block no taller than its map", () => {
  assert.deepEqual(kernelBlock(3, 1), { cols: 1, rows: 1, width: 3, height: 3 });
  assert.deepEqual(kernelBlock(5, 8), { cols: 3, rows: 3, width: 17, height: 17 });
  assert.equal(kernelWidth(3, 1, 48), 3 * kernelCell(3, 1, 48));
  assert.equal(kernelCell(3, 1, 12), 2, "one grid: never below 2 px a cell");
  assert.equal(kernelCell(5, 8, 40), 2);
  assert.ok(kernelCell(5, 8, 12) * 17 > 12 && kernelCell(5, 8, 12) === 1, "at least 1 px");
  assert.equal(kernelWidth(5, 8, 40), 34);
});

test("the drawing's stages run input, conv, pool per layer, dense, output", () => {
  const images = { size: 8, mapSizes: [8, 4, 2], conv: [{ filters: 8, kernel: 3 }, { filters: 4, kernel: 5 }], pool: true };
  assert.deepEqual(stages(images, [16, 12, 10]).map((s) => `${s.kind}:${s.count}`),
    ["input:1", "conv:8", "pool:8", "conv:4", "pool:4", "dense:12", "output:10"]);
  assert.deepEqual(stages({ ...images, conv: [], pool: false }, [64, 10]).map((s) => s.kind), ["input", "output"]);
});

test("the confusion view shades each row by its share and counts the right answers", () => {
  const view = confusionView({ confusion: [[3, 1], [0, 4]], class_accuracy: [0.75, 1] }, ["cat", "dog"]);
  assert.equal(view.correct, 7);
  assert.equal(view.total, 8);
  assert.deepEqual(view.rows[0].cells, [{ count: 3, share: 0.75, right: true }, { count: 1, share: 0.25, right: false }]);
  assert.equal(view.rows[1].name, "dog");
  const test_ = [{ pixels: new Float64Array(4) }, { pixels: new Float64Array([1, 1, 1, 1]) }];
  const confused = confusedImages({ most_confused: [{ index: 1, label: 0, predicted: 1, probability: 0.9 }, { index: 5 }] }, test_);
  assert.equal(confused.length, 1);
  assert.equal(confused[0].pixels, test_[1].pixels);
});

test("compared runs keep each network's best accuracy, newest first, a few at most", () => {
  let runs = [];
  runs = compareRuns(runs, { run: 1, dataset: "digits", parameters: 1370, accuracy: 0.9, epoch: 3 });
  runs = compareRuns(runs, { run: 1, dataset: "digits", parameters: 1370, accuracy: 0.96, epoch: 5 });
  runs = compareRuns(runs, { run: 1, dataset: "digits", parameters: 1370, accuracy: 0.95, epoch: 6 });
  assert.deepEqual(runs, [{ run: 1, dataset: "digits", parameters: 1370, accuracy: 0.96, epoch: 5 }]);
  for (let run = 2; run <= 6; run++) runs = compareRuns(runs, { run, dataset: "digits", parameters: run, accuracy: 0.5, epoch: 1 });
  assert.deepEqual(runs.map((r) => r.run), [6, 5, 4, 3]);
  assert.equal(compareRuns(runs, { run: 9, accuracy: null }), runs, "no accuracy yet: nothing to note");
});

test("architecture labels say CNN, dense or softmax on the pixels", () => {
  assert.equal(architectureLabel({ conv_layers: [{ filters: 8, kernel: 3 }], pool: true, hidden_layers: [] }, 10), "CNN 8 × 3×3, pooled → 10");
  assert.equal(architectureLabel({ conv_layers: [], hidden_layers: [16] }, 10), "dense on the pixels: 16 → 10");
  assert.equal(architectureLabel({ conv_layers: [], hidden_layers: [] }, 10), "softmax on the pixels");
});

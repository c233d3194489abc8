// The control table: specs from the schema, what the settings hide, layer edits.
import assert from "node:assert/strict";
import { test } from "node:test";

import { controlSpecs, controlView, editLayers, REGULARIZATION_RATES } from "../../static/js/fields.js";
import { dataPoint, plotScale } from "../../static/js/layout.js";

const schema = {
  problem: { type: "string", options: ["classification", "regression"] },
  dataset: {
    type: "string", options: ["circle", "blobs", "plane", "custom"],
    problems: { classification: ["circle", "blobs", "custom"], regression: ["plane", "custom"] },
  },
  num_classes: { type: "integer", min: 3, max: 5 },
  loss: { type: "string", options: ["mse", "cross_entropy"] },
  regularization_rate: { type: "number", min: 0, max: 10 },
  stop_after: { type: "integer", min: 0, max: 1000000 },
  learning_rate: { type: "number", min: 1e-5, max: 10, scale: "log" },
};
const catalog = {
  datasets: [
    { name: "circle", label: "Circle", problem: "classification", classes: 2 },
    { name: "blobs", label: "Blobs", problem: "classification", classes: "num_classes" },
    { name: "plane", label: "Plane", problem: "regression", classes: 1 },
  ],
  losses: [{ name: "mse", label: "Mean squared error" }, { name: "cross_entropy", label: "Cross-entropy" }],
};

test("specs come in page order with the schema's options and the catalog's labels", () => {
  const specs = controlSpecs(schema, catalog);
  assert.deepEqual(specs.map((s) => s.name), ["problem", "dataset", "num_classes", "learning_rate", "loss", "regularization_rate", "stop_after"]);
  assert.deepEqual(specs.find((s) => s.name === "loss").options[1], { value: "cross_entropy", label: "Cross-entropy" });
});

test("the regularization rate offers TensorFlow Playground's values; stop_after is a number box", () => {
  const specs = controlSpecs(schema, catalog);
  const rate = specs.find((s) => s.name === "regularization_rate");
  assert.equal(rate.kind, "select");
  assert.deepEqual(rate.options.map((o) => o.value), [...REGULARIZATION_RATES]);
  assert.equal(specs.find((s) => s.name === "stop_after").kind, "number");
});

test("the dataset list follows the problem type", () => {
  assert.deepEqual(controlView({ problem: "regression", dataset: "plane" }, schema, catalog).options.dataset, ["plane", "custom"]);
  assert.deepEqual(controlView({ problem: "classification", dataset: "circle" }, schema, catalog).options.dataset, ["circle", "blobs", "custom"]);
});

test("number of classes shows only for data sets with a configurable class count", () => {
  assert.ok(controlView({ dataset: "circle" }, schema, catalog).hidden.includes("num_classes"));
  assert.ok(!controlView({ dataset: "blobs" }, schema, catalog).hidden.includes("num_classes"));
});

test("cross-entropy is disabled for regression only", () => {
  assert.deepEqual(controlView({ problem: "regression", dataset: "plane" }, schema, catalog).disabled.loss, ["cross_entropy"]);
  assert.deepEqual(controlView({ problem: "classification", dataset: "circle" }, schema, catalog).disabled.loss, []);
});

test("layer edits respect the limits", () => {
  const limits = { maxLayers: 2, minNeurons: 1, maxNeurons: 3 };
  assert.deepEqual(editLayers([3, 1], "add-layer", 0, limits), [3, 1]);
  assert.deepEqual(editLayers([3, 1], "add-neuron", 0, limits), [3, 1]);
  assert.deepEqual(editLayers([3, 1], "remove-neuron", 1, limits), [3, 1]);
  assert.deepEqual(editLayers([3], "add-layer", 0, limits), [3, 2]);
});

test("a pixel of the plot maps back to its data point", () => {
  const scale = plotScale(6, 300);
  const [x1, x2] = dataPoint(6, 300, scale.x(1.5), scale.y(-4));
  assert.ok(Math.abs(x1 - 1.5) < 1e-12 && Math.abs(x2 + 4) < 1e-12);
});

test("your own points: the number of points is the number there, and neither it nor the noise can be set", async () => {
  const { shownValues } = await import("../../static/js/fields.js");
  const settings = { problem: "classification", dataset: "custom", num_points: 500, noise: 0 };
  const data = { train: [[0, 0, 1], [1, 1, -1], [2, 2, 1]], test: [[3, 3, 1]] };
  assert.equal(shownValues(settings, data).num_points, 4);
  assert.equal(shownValues({ ...settings, dataset: "circle" }, data).num_points, 500);
  assert.deepEqual(controlView(settings, schema, catalog).locked, ["num_points", "noise"]);
  assert.deepEqual(controlView({ ...settings, dataset: "circle" }, schema, catalog).locked, []);
});

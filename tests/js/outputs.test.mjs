// Output display: kinds, probability mapping, discretizing, metric labels, drawable labels.
import assert from "node:assert/strict";
import { test } from "node:test";

import { displayValues, formatMetric, metricLabels, outputKind, pointLabelChoices } from "../../static/js/outputs.js";

test("the kind of output follows the problem and the classes", () => {
  assert.equal(outputKind({ problem: "regression", classes: 1 }), "regression");
  assert.equal(outputKind({ problem: "classification", classes: 2 }), "binary");
  assert.equal(outputKind({ problem: "classification", classes: 4 }), "classes");
});

test("sigmoid probabilities map onto the diverging scale as 2p − 1", () => {
  const out = displayValues(new Float64Array([0, 0.5, 1]), "sigmoid", new Float64Array(3));
  assert.deepEqual([...out], [-1, 0, 1]);
  assert.deepEqual([...displayValues([0.3], "tanh", [0])], [0.3]);
});

test("discretize: binary outputs become ±1, regression values snap to quarters", () => {
  assert.deepEqual(displayValues([-0.01, 0, 0.7], "tanh", [0, 0, 0], { discretize: true }), [-1, 1, 1]);
  assert.deepEqual(displayValues([0.3, 0.7], "sigmoid", [0, 0], { discretize: true }), [-1, 1]);
  assert.deepEqual(displayValues([0.3, -0.62], "linear", [0, 0], { discretize: true, kind: "regression" }), [0.25, -0.5]);
});

test("metric labels name accuracy or R²", () => {
  assert.deepEqual(metricLabels("accuracy"), { name: "Accuracy", train: "Training accuracy", test: "Test accuracy" });
  assert.deepEqual(metricLabels("r2"), { name: "R²", train: "Training R²", test: "Test R²" });
  assert.equal(formatMetric("accuracy", 0.9876), "98.8 %");
  assert.equal(formatMetric("r2", 0.91234), "0.912");
  assert.equal(formatMetric("r2", null), "—");
  assert.equal(formatMetric("r2", -9224163.7), "-9.2e+6"); // fits its fixed-width readout
  assert.equal(formatMetric("r2", -12.5), "-12.500");
});

test("points can be drawn with ±1, a class index or a value", () => {
  assert.deepEqual(pointLabelChoices("binary", 2).options.map((o) => o.value), [1, -1]);
  assert.deepEqual(pointLabelChoices("classes", 4).options.map((o) => o.value), [0, 1, 2, 3]);
  assert.equal(pointLabelChoices("regression", 1).kind, "value");
});

test("points: two classes by sign and shape, several by palette and glyph, regression by value", async () => {
  const { pointStyle } = await import("../../static/js/outputs.js");
  const binary = pointStyle("binary");
  assert.notEqual(binary(1).glyph, binary(-1).glyph);
  assert.equal(binary(1).fill, "rgb(8, 119, 189)");
  assert.equal(pointStyle("classes")(2).glyph, "triangle");
  assert.equal(pointStyle("regression")(0).fill, "rgb(232, 234, 235)");
});

test("captions and point classes name the colours of the palette in use", async () => {
  const { usePalette } = await import("../../static/js/colors.js");
  const { outputCaption } = await import("../../static/js/outputs.js");
  try {
    assert.equal(outputCaption("binary"), "Network output: blue +1, orange −1");
    usePalette("cvd");
    assert.equal(outputCaption("binary"), "Network output: dark blue +1, yellow −1");
    assert.deepEqual(pointLabelChoices("binary", 2).options.map((o) => o.label), ["Class +1 (dark blue)", "Class −1 (yellow)"]);
    assert.equal(outputCaption("classes"), "Network output: the most likely class");
  } finally {
    usePalette("standard");
  }
});

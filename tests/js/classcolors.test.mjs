// Categorical colours and argmax painting for three or more classes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CLASS_COLORS, classCss, classGlyph, confidence, paintClasses } from "../../static/js/classcolors.js";

test("five distinct Okabe–Ito colours, each with its own glyph", () => {
  assert.equal(CLASS_COLORS.length, 5);
  assert.equal(new Set(CLASS_COLORS.map(String)).size, 5);
  assert.equal(new Set([0, 1, 2, 3, 4].map(classGlyph)).size, 5);
  assert.equal(classCss(0), "rgb(230, 159, 0)");
  assert.equal(classCss(5), classCss(0));
});

test("confidence is 0 at chance and 1 when certain", () => {
  assert.equal(confidence(1 / 3, 3), 0);
  assert.equal(confidence(1, 3), 1);
  assert.ok(Math.abs(confidence(2 / 3, 3) - 0.5) < 1e-12);
});

test("each pixel takes its argmax class, lighter when unsure", () => {
  const outputs = [new Float64Array([0.9, 0.34]), new Float64Array([0.05, 0.33]), new Float64Array([0.05, 0.33])];
  const rgba = paintClasses(outputs, new Uint8ClampedArray(8));
  const [sure, unsure] = [[...rgba.slice(0, 3)], [...rgba.slice(4, 7)]];
  // Both are class 0 (orange: red > blue); the unsure one is near white.
  assert.ok(sure[0] > sure[2] && unsure[0] > unsure[2]);
  assert.ok(unsure.every((c, k) => c > sure[k]));
  assert.ok(Math.min(...unsure) > 200);
  assert.equal(rgba[3], 255);
});

test("discretized regions are all full strength", () => {
  const outputs = [new Float64Array([0.2]), new Float64Array([0.5]), new Float64Array([0.3])];
  const rgba = paintClasses(outputs, new Uint8ClampedArray(4), true);
  assert.deepEqual([...rgba.slice(0, 3)], [...CLASS_COLORS[1]]);
});

test("an output neuron's thumbnail: white where its class is ruled out, its class colour where sure", async () => {
  const { paintClassShare, classRgb } = await import("../../static/js/classcolors.js");
  const rgba = paintClassShare([0, 1, 0.5, NaN], 2, new Uint8ClampedArray(16));
  assert.deepEqual([...rgba.slice(0, 3)], [255, 255, 255]);
  assert.deepEqual([...rgba.slice(4, 7)], [...classRgb(2)]);
  assert.deepEqual([...rgba.slice(8, 11)], classRgb(2).map((c) => Math.round(255 + (c - 255) * 0.5)));
  assert.deepEqual([...rgba.slice(12, 15)], [255, 255, 255]);
});

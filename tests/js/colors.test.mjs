// The diverging scale: sign → hue, 0 → neutral, clamping, and its uses.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  NEGATIVE, NEUTRAL, POSITIVE, clampUnit, createPalette, cssColor, divergingRgb, labelColor, linkStyle, paintValues,
} from "../../static/js/colors.js";

test("zero maps to the neutral grey and the ends to orange and blue", () => {
  assert.deepEqual(divergingRgb(0), [...NEUTRAL]);
  assert.deepEqual(divergingRgb(-1), [...NEGATIVE]);
  assert.deepEqual(divergingRgb(1), [...POSITIVE]);
});

test("negative values are orange-ish and positive values blue-ish", () => {
  const [rn, , bn] = divergingRgb(-0.5);
  const [rp, , bp] = divergingRgb(0.5);
  assert.ok(rn > bn, "negative: more red than blue");
  assert.ok(bp > rp, "positive: more blue than red");
});

test("values beyond ±1 are clamped and NaN is neutral", () => {
  assert.deepEqual(divergingRgb(-7), divergingRgb(-1));
  assert.deepEqual(divergingRgb(42), divergingRgb(1));
  assert.deepEqual(divergingRgb(NaN), [...NEUTRAL]);
  assert.equal(clampUnit(undefined), 0);
});

test("cssColor formats rgb()", () => {
  assert.equal(cssColor(1), "rgb(8, 119, 189)");
});

test("paintValues uses the same scale as divergingRgb", () => {
  const values = Float64Array.from([-1, 0, 1, 5, NaN]);
  const rgba = paintValues(values, new Uint8ClampedArray(values.length * 4));
  assert.deepEqual([...rgba.subarray(0, 4)], [...NEGATIVE, 255]);
  assert.deepEqual([...rgba.subarray(4, 8)], [...divergingRgb(0), 255]);
  assert.deepEqual([...rgba.subarray(8, 12)], [...POSITIVE, 255]);
  assert.deepEqual([...rgba.subarray(12, 16)], [...POSITIVE, 255]);
  assert.deepEqual([...rgba.subarray(16, 20)], [...divergingRgb(0), 255]);
});

test("paintValues divides by the scale before colouring", () => {
  const rgba = paintValues(Float64Array.from([3]), new Uint8ClampedArray(4), 3);
  assert.deepEqual([...rgba.subarray(0, 3)], [...POSITIVE]);
});

test("a palette has one opaque colour per step", () => {
  const palette = createPalette(3);
  assert.deepEqual([...palette], [...NEGATIVE, 255, ...divergingRgb(0), 255, ...POSITIVE, 255]);
});

test("links show sign by dash and magnitude by clamped width", () => {
  assert.equal(linkStyle(-0.5).dashed, true);
  assert.equal(linkStyle(0.5).dashed, false);
  assert.ok(linkStyle(2).width > linkStyle(0.1).width);
  assert.equal(linkStyle(100).width, linkStyle(-1000).width);
  assert.notEqual(linkStyle(-1).color, linkStyle(1).color);
});

test("point colours follow the label's sign", () => {
  assert.equal(labelColor(1), cssColor(1));
  assert.equal(labelColor(-1), cssColor(-1));
});

test("a bias shows its sign by colour and outline and its size by area", async () => {
  const { biasStyle, cssColor, BIAS_FULL } = await import("../../static/js/colors.js");
  const small = biasStyle(0.05);
  const big = biasStyle(1.5);
  const negative = biasStyle(-0.5);
  assert.ok(big.scale > small.scale);
  assert.equal(biasStyle(BIAS_FULL * 3).scale, 1);
  assert.ok(small.scale >= 0.25, "a tiny bias is still a visible square");
  assert.ok(biasStyle(0.1).scale ** 2 >= 0.2, "a starting bias of 0.1 fills a good part of its frame: no empty checkbox");
  assert.equal(negative.negative, true);
  assert.equal(big.negative, false);
  assert.notEqual(small.color, cssColor(0), "a small positive bias is not drawn neutral");
  assert.equal(biasStyle(0).color, cssColor(0));
  assert.ok((big.scale / small.scale) ** 2 > 3, "area grows with |b|");
  assert.ok([0, 0.1, 0.5, 1, 2].map((b) => biasStyle(b).scale).every((s, k, all) => k === 0 || s > all[k - 1]));
});

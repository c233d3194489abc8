// The colour-blind-safe palette and projector-thick links (colors.js switches).
import assert from "node:assert/strict";
import { test } from "node:test";

import { PALETTES, divergingRgb, linkStyle, useLinkScale, usePalette } from "../../static/js/colors.js";

const lightness = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

test("the cvd palette's ends differ strongly in lightness (readable in greyscale)", () => {
  const { negative, positive } = PALETTES.cvd;
  assert.ok(Math.abs(lightness(negative) - lightness(positive)) > 100);
});

test("choosing a palette changes the scale; an unknown name falls back", () => {
  assert.equal(usePalette("cvd"), "cvd");
  assert.deepEqual(divergingRgb(1), [...PALETTES.cvd.positive]);
  assert.equal(usePalette("rainbow"), "standard");
  assert.deepEqual(divergingRgb(-1), [...PALETTES.standard.negative]);
});

test("projector links are thicker but still sized by |w| and dashed when negative", () => {
  const normal = linkStyle(-2);
  useLinkScale(2);
  const thick = linkStyle(-2);
  const faint = linkStyle(0.05);
  useLinkScale(1);
  assert.equal(faint.color, linkStyle(0.43).color, "a faint link keeps 40 % of its colour on a projector");
  assert.equal(thick.width, 2 * normal.width);
  assert.equal(thick.dashed, true);
  assert.ok(linkStyle(3).width > linkStyle(0.5).width);
});

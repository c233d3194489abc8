// The one diverging colour scale, used for links, neurons, heatmaps and points.
//
// Values in [-1, 1] map orange (negative) → light grey (0) → blue (positive),
// as in TensorFlow Playground. Colour is never the only cue: links also carry
// sign by dash and magnitude by width (linkStyle), points by outline.
// Non-goal: drawing; these functions only compute colours and pixels.

export const NEGATIVE = Object.freeze([245, 147, 34]); // #f59322
export const NEUTRAL = Object.freeze([232, 234, 235]); // #e8eaeb
export const POSITIVE = Object.freeze([8, 119, 189]); // #0877bd

/**
 * Palettes a page may choose (usePalette). "cvd" keeps apart for every common
 * colour-vision deficiency and in greyscale: a light yellow end against a
 * dark blue one, far apart in lightness.
 */
export const PALETTES = Object.freeze({
  standard: Object.freeze({ negative: NEGATIVE, neutral: NEUTRAL, positive: POSITIVE, names: Object.freeze({ negative: "orange", positive: "blue" }) }),
  cvd: Object.freeze({ negative: Object.freeze([240, 190, 0]), neutral: Object.freeze([236, 236, 236]), positive: Object.freeze([20, 40, 120]), names: Object.freeze({ negative: "yellow", positive: "dark blue" }) }),
});
let ends = PALETTES.standard;

const PALETTE_STEPS = 512;

/** Clamp `value` to [-1, 1]; NaN and non-numbers become 0 (neutral). */
export function clampUnit(value) {
  if (typeof value !== "number" || Number.isNaN(value)) return 0;
  return value < -1 ? -1 : value > 1 ? 1 : value;
}

/** Colour of `value` as [r, g, b] integers, clamped to the scale's ends. */
export function divergingRgb(value) {
  const v = clampUnit(value);
  const end = v < 0 ? ends.negative : ends.positive;
  const t = Math.abs(v);
  return [0, 1, 2].map((k) => Math.round(ends.neutral[k] + (end[k] - ends.neutral[k]) * t));
}

/** Colour of `value` as a CSS string "rgb(r, g, b)". */
export function cssColor(value) {
  const [r, g, b] = divergingRgb(value);
  return `rgb(${r}, ${g}, ${b})`;
}

/** Precomputed RGBA lookup over [-1, 1] in `steps` bins (for heatmaps). */
export function createPalette(steps = PALETTE_STEPS) {
  const table = new Uint8ClampedArray(steps * 4);
  for (let k = 0; k < steps; k++) {
    const [r, g, b] = divergingRgb(-1 + (2 * k) / (steps - 1));
    table.set([r, g, b, 255], k * 4);
  }
  return table;
}

let SHARED_PALETTE = createPalette();

/** Use palette `name` ("standard" or "cvd") from now on; returns the name in use. */
export function usePalette(name) {
  const chosen = Object.hasOwn(PALETTES, name) ? name : "standard";
  ends = PALETTES[chosen];
  SHARED_PALETTE = createPalette();
  return chosen;
}

/** Names of the two ends' colours in the palette in use: { negative, positive } (for captions). */
export function colourNames() {
  return ends.names;
}

/** The palette `paintValues` uses now (a new object after each `usePalette`). */
export function currentPalette() {
  return SHARED_PALETTE;
}

/**
 * Fill `rgba` (Uint8ClampedArray of 4·n, e.g. ImageData.data) with the colours
 * of `values` (n numbers) divided by `scale`. Allocates nothing.
 */
export function paintValues(values, rgba, scale = 1, palette = SHARED_PALETTE) {
  const last = palette.length / 4 - 1;
  for (let p = 0; p < values.length; p++) {
    let v = values[p] / scale;
    if (!(v >= -1)) v = v > 1 ? 1 : v < -1 ? -1 : 0; // NaN → 0
    else if (v > 1) v = 1;
    const k = Math.round(((v + 1) / 2) * last) * 4;
    const o = p * 4;
    rgba[o] = palette[k];
    rgba[o + 1] = palette[k + 1];
    rgba[o + 2] = palette[k + 2];
    rgba[o + 3] = 255;
  }
  return rgba;
}

let linkScale = 1;

/**
 * Draw links `scale` times as thick from now on (projector mode: 2). Above 1
 * faint links also keep at least 40 % of their colour, since a washed-out
 * projector loses pale tints first (sign stays in the dash, size in the width).
 */
export function useLinkScale(scale) {
  linkScale = scale > 0 ? scale : 1;
}

/** Stroke of a link of weight `w`: colour by sign and size, width by |w|, dash if negative. */
export function linkStyle(w) {
  const magnitude = Number.isFinite(w) ? Math.abs(w) : 0;
  return {
    color: cssColor(linkScale > 1 && magnitude > 0 ? Math.sign(w) * (0.4 + 0.6 * Math.min(magnitude, 1)) : w),
    width: linkScale * (1 + 1.5 * Math.min(magnitude, 4)),
    dashed: w < 0,
  };
}

export const BIAS_FULL = 2; // |b| drawn as a full square

export const BIAS_MIN_SIDE = 0.35; // a zero bias: a small neutral square, never an empty box

/**
 * Look of a bias `b`: a square filled in its sign's colour (never paler than 35 %, so a
 * small bias still shows its sign), its side growing with √|b| from BIAS_MIN_SIDE of the
 * frame to all of it at BIAS_FULL (a starting bias of 0.1 fills a quarter of its frame,
 * so it never reads as an empty checkbox), and `negative` for a dashed outline, so sign
 * and size read without colour.
 */
export function biasStyle(b) {
  const magnitude = Number.isFinite(b) ? Math.min(Math.abs(b), BIAS_FULL) : 0;
  const sign = magnitude > 0 ? Math.sign(b) : 0;
  return {
    color: cssColor(sign * (0.35 + 0.65 * Math.min(magnitude, 1))),
    scale: BIAS_MIN_SIDE + (1 - BIAS_MIN_SIDE) * Math.sqrt(magnitude / BIAS_FULL),
    negative: sign < 0,
  };
}

/** Fill colour of a data point with label `y` (+1 blue, -1 orange). */
export function labelColor(y) {
  return cssColor(y > 0 ? 1 : -1);
}

// The one diverging colour scale, used for links, neurons, heatmaps and points.
//
// Values in [-1, 1] map orange (negative) → light grey (0) → blue (positive),
// as in TensorFlow Playground. Colour is never the only cue: links also carry
// sign by dash and magnitude by width (linkStyle), points by outline.
// Non-goal: drawing; these functions only compute colours and pixels.

export const NEGATIVE = Object.freeze([245, 147, 34]); // #f59322
export const NEUTRAL = Object.freeze([232, 234, 235]); // #e8eaeb
export const POSITIVE = Object.freeze([8, 119, 189]); // #0877bd

const PALETTE_STEPS = 512;

/** Clamp `value` to [-1, 1]; NaN and non-numbers become 0 (neutral). */
export function clampUnit(value) {
  if (typeof value !== "number" || Number.isNaN(value)) return 0;
  return value < -1 ? -1 : value > 1 ? 1 : value;
}

/** Colour of `value` as [r, g, b] integers, clamped to the scale's ends. */
export function divergingRgb(value) {
  const v = clampUnit(value);
  const end = v < 0 ? NEGATIVE : POSITIVE;
  const t = Math.abs(v);
  return [0, 1, 2].map((k) => Math.round(NEUTRAL[k] + (end[k] - NEUTRAL[k]) * t));
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

const SHARED_PALETTE = createPalette();

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

/** Stroke of a link of weight `w`: colour by sign and size, width by |w|, dash if negative. */
export function linkStyle(w) {
  const magnitude = Number.isFinite(w) ? Math.abs(w) : 0;
  return {
    color: cssColor(w),
    width: 1 + 1.5 * Math.min(magnitude, 4),
    dashed: w < 0,
  };
}

/** Fill colour of a data point with label `y` (+1 blue, -1 orange). */
export function labelColor(y) {
  return cssColor(y > 0 ? 1 : -1);
}

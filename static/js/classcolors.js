// Categorical colours for three or more classes: the Okabe–Ito palette.
//
// Points and heatmap regions share these colours; a region takes its argmax
// class's colour, washed towards white as the network's confidence drops.
// Colour is not the only cue: every class also has its own point glyph.
// Non-goal: two-class data and regression (they use colors.js's diverging scale).

/** Okabe–Ito colours as [r, g, b], safe for the common colour-vision deficiencies. */
export const CLASS_COLORS = Object.freeze([
  Object.freeze([230, 159, 0]), // orange #E69F00
  Object.freeze([0, 114, 178]), // blue #0072B2
  Object.freeze([0, 158, 115]), // bluish green #009E73
  Object.freeze([204, 121, 167]), // reddish purple #CC79A7
  Object.freeze([86, 180, 233]), // sky blue #56B4E9
]);

/** Point shapes, one per class, so classes differ without colour too. */
export const CLASS_GLYPHS = Object.freeze(["circle", "square", "triangle", "diamond", "star"]);

const WHITE = 255;
const MIN_STRENGTH = 0.12; // a wholly unsure region keeps a hint of its class

/** Colour [r, g, b] of class `k` (cycling past the palette's end). */
export function classRgb(k) {
  return CLASS_COLORS[((k % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length];
}

/** CSS colour "rgb(r, g, b)" of class `k`. */
export function classCss(k) {
  const [r, g, b] = classRgb(k);
  return `rgb(${r}, ${g}, ${b})`;
}

/** Point glyph of class `k`. */
export function classGlyph(k) {
  return CLASS_GLYPHS[k % CLASS_GLYPHS.length];
}

/** Write pixel `o` of `rgba`: `colour` at `strength` (0: white, 1: the colour itself). */
function wash(rgba, o, colour, strength) {
  rgba[o] = Math.round(WHITE + (colour[0] - WHITE) * strength);
  rgba[o + 1] = Math.round(WHITE + (colour[1] - WHITE) * strength);
  rgba[o + 2] = Math.round(WHITE + (colour[2] - WHITE) * strength);
  rgba[o + 3] = 255;
}

/**
 * Confidence in [0, 1] of a winning probability `top` among `k` classes:
 * 0 at chance (1/k), 1 when certain.
 */
export function confidence(top, k) {
  const t = (top - 1 / k) / (1 - 1 / k);
  return t > 1 ? 1 : t > 0 ? t : 0;
}

/**
 * Fill `rgba` (4·n bytes) from `outputs` (k arrays of n class probabilities):
 * each pixel gets its argmax class's colour, lighter when less confident;
 * with `discretize`, full strength everywhere. Allocates nothing.
 */
export function paintClasses(outputs, rgba, discretize = false) {
  const k = outputs.length;
  const n = outputs[0].length;
  for (let p = 0; p < n; p++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (outputs[j][p] > outputs[best][p]) best = j;
    const t = discretize ? 1 : confidence(outputs[best][p], k);
    wash(rgba, p * 4, classRgb(best), MIN_STRENGTH + (1 - MIN_STRENGTH) * t);
  }
  return rgba;
}

/**
 * Fill `rgba` (4·n bytes) with class `k`'s colour at the strength of its probability
 * `values` (n numbers in [0, 1]): white where the network rules class k out, the full
 * class colour where it is sure (an output neuron's thumbnail). Allocates nothing.
 */
export function paintClassShare(values, k, rgba) {
  const colour = classRgb(k);
  for (let p = 0; p < values.length; p++) {
    const v = values[p];
    wash(rgba, p * 4, colour, v > 1 ? 1 : v > 0 ? v : 0); // NaN → white
  }
  return rgba;
}

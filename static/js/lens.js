// The activation lens's numbers: the curve of f over z, where each neuron's z falls, and a histogram.
//
// The plot covers z ∈ [−5, 5], or wider when a pre-activation falls outside
// (up to ±MAX_RANGE). Marks carry a short label per neuron ("1·2" = layer 1,
// neuron 2) and a label row, so labels of nearby marks do not overlap.
// Non-goal: drawing (draw/lens.js paints what these functions return).
import { getActivation } from "./activations.js";

export const BASE_RANGE = 5;
export const MAX_RANGE = 60;

/** Half-width of the z axis: 5, or the largest |z| rounded up to a multiple of 5 (at most MAX_RANGE). */
export function lensRange(zs) {
  let largest = 0;
  for (const z of zs) if (Number.isFinite(z) && Math.abs(z) > largest) largest = Math.abs(z);
  return Math.min(MAX_RANGE, Math.max(BASE_RANGE, Math.ceil(largest / 5) * 5));
}

/**
 * `samples` points of activation `name` over [−range, range]:
 * { z: [...], a: [...], low, high (the values reached), min, max (the plot's bounds) }.
 */
export function activationCurve(name, range, samples = 241) {
  const { fn } = getActivation(name);
  const z = Array.from({ length: samples }, (_, k) => -range + (2 * range * k) / (samples - 1));
  const a = z.map(fn);
  const low = Math.min(...a);
  const high = Math.max(...a);
  const [min, max] = high - low < 1e-9 ? [low - 1, high + 1] : [low, high];
  const pad = 0.08 * (max - min);
  return { z, a, low, high, min: min - pad, max: max + pad };
}

/** Counts of `values` in `bins` equal bins over [−range, range] (values outside go to the end bins). */
export function histogram(values, range, bins = 48) {
  const counts = new Array(bins).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const k = Math.floor(((v + range) / (2 * range)) * bins);
    counts[Math.min(bins - 1, Math.max(0, k))]++;
  }
  return counts;
}

/**
 * Marks for the hidden neurons' pre-activations `layers` (layers[l][j] = z):
 * [{ layer, neuron, z, a, label, row }] sorted by z. `toX(z)` gives a pixel
 * position and `labelWidth` the width of one label, so that labels sharing a
 * row never overlap.
 */
export function lensMarks(layers, activation, toX, labelWidth) {
  const { fn } = getActivation(activation);
  const marks = [];
  layers.forEach((zs, l) => zs.forEach((z, j) => marks.push({ layer: l + 1, neuron: j, z, a: fn(z), label: `${l + 1}·${j + 1}` })));
  marks.sort((p, q) => p.z - q.z);
  const rowEnds = [];
  for (const mark of marks) {
    const x = toX(mark.z);
    let row = rowEnds.findIndex((end) => end <= x - labelWidth / 2);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = x + labelWidth / 2 + 2;
    mark.row = row;
  }
  return marks;
}

/** Pixel scale of the lens plot: z ∈ [−range, range] across, a ∈ [min, max] up, inside `pad`. */
export function lensScale(range, min, max, width, height, pad = { left: 52, right: 14, top: 12, bottom: 34 }) {
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  return {
    pad,
    x: (z) => pad.left + ((z + range) / (2 * range)) * w,
    y: (a) => pad.top + ((max - a) / (max - min)) * h,
  };
}

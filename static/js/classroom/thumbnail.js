// A student's run as a thumbnail: its output over the plane, computed here from its weights.
//
// The server sends numbers, never pictures (a glimpse: sizes, features, activations,
// weights); this module runs the same forward pass as the big output plot (forward.js)
// over a small grid and colours it the same way (colors.js, classcolors.js), so 30
// thumbnails a second cost the teacher's browser a few milliseconds and the server nothing.
// Non-goal: the canvas (classroom/draw/classview.js paints the pixels).
import { paintClasses } from "../classcolors.js";
import { paintValues } from "../colors.js";
import { createGridEvaluator } from "../forward.js";
import { displayValues, outputKind } from "../outputs.js";

export const THUMBNAIL_GRID = 24;

/** Evaluators by network shape, so a class of one shape builds one (callers keep the cache). */
export function evaluatorFor(cache, entry, domain, grid = THUMBNAIL_GRID) {
  const key = `${entry.sizes.join()}|${entry.features.join()}|${domain}|${grid}`;
  let evaluator = cache.get(key);
  if (!evaluator) {
    evaluator = createGridEvaluator(entry.sizes, grid, domain, entry.features);
    cache.set(key, evaluator);
  }
  return evaluator;
}

/**
 * RGBA pixels (grid × grid, row 0 at the top) of glimpse `entry`'s output over
 * [−domain, domain]², or null for a student without a run of their own.
 */
export function thumbnailPixels(entry, domain, cache, grid = THUMBNAIL_GRID) {
  if (entry.following || !entry.weights?.length) return null;
  const evaluator = evaluatorFor(cache, entry, domain, grid);
  const layers = evaluator.evaluate(entry.weights, entry.biases, entry.activation, entry.output_activation);
  const outputs = layers.at(-1);
  const rgba = new Uint8ClampedArray(grid * grid * 4);
  const kind = outputKind({ classes: entry.classes, problem: entry.classes === 1 ? "regression" : "classification" });
  if (kind === "classes") paintClasses(outputs, rgba);
  else paintValues(displayValues(outputs[0], entry.output_activation, new Float64Array(grid * grid)), rgba);
  return rgba;
}

/** Points [x, y] (0 … 1, y down) of a glimpse's loss curve for a sparkline; missing losses are skipped. */
export function sparkline(curve) {
  const epochs = curve?.epochs ?? [];
  const values = curve?.loss ?? [];
  const finite = values.filter((v) => Number.isFinite(v));
  if (epochs.length < 2 || !finite.length) return [];
  const top = Math.max(...finite) || 1;
  const last = epochs.at(-1) || 1;
  return epochs.flatMap((e, i) => (Number.isFinite(values[i]) ? [[e / last, 1 - values[i] / top]] : []));
}

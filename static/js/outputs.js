// What the output panel shows, decided from the run: how to colour the
// network's output, the points and the metric readouts.
//
// Two classes use the diverging scale on the output mapped to [-1, 1]
// (sigmoid probabilities p become 2p − 1); three or more classes colour by
// argmax class (classcolors.js); regression shows the value itself.
// Non-goal: painting (draw/heatmap.js) and the colours' numbers (colors.js).
import { classCss, classGlyph } from "./classcolors.js";
import { colourNames, cssColor, labelColor } from "./colors.js";

/** "classes" (k ≥ 3), "binary" or "regression" for a run. */
export function outputKind({ classes, problem }) {
  if (problem === "regression" || classes === 1) return "regression";
  return classes >= 3 ? "classes" : "binary";
}

/** Whether neuron values of `activation` are probabilities in [0, 1] (shown as 2p − 1). */
export function isProbability(activation) {
  return activation === "sigmoid" || activation === "softmax";
}

/**
 * Write into `out` the values of one neuron ready for the diverging scale:
 * probabilities become 2p − 1; with `discretize`, binary outputs become ±1
 * and regression values snap to steps of 0.25. Returns `out`.
 */
export function displayValues(values, activation, out, { discretize = false, kind = "binary" } = {}) {
  const probability = isProbability(activation);
  for (let p = 0; p < values.length; p++) {
    let v = probability ? 2 * values[p] - 1 : values[p];
    if (discretize) v = kind === "regression" ? Math.round(v * 4) / 4 : v >= 0 ? 1 : -1;
    out[p] = v;
  }
  return out;
}

/** Labels of the metric readouts for a frame's `metric` ("accuracy" | "r2"). */
export function metricLabels(metric) {
  return metric === "r2"
    ? { name: "R²", train: "Training R²", test: "Test R²" }
    : { name: "Accuracy", train: "Training accuracy", test: "Test accuracy" };
}

/** A metric reading: accuracy as a percentage, R² with three decimals, "—" when missing. */
export function formatMetric(metric, value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  if (metric !== "r2") return `${(value * 100).toFixed(1)} %`;
  return Math.abs(value) >= 1000 ? value.toExponential(1) : value.toFixed(3); // a wrecked fit stays readable
}

/**
 * The labels a drawn point can take: { kind: "sign" | "class" | "value", options }
 * where options are [{ value, label }] (none for a regression value slider).
 */
export function pointLabelChoices(kind, classes) {
  if (kind === "regression") return { kind: "value", options: [] };
  if (kind === "classes") {
    return { kind: "class", options: Array.from({ length: classes }, (_, k) => ({ value: k, label: `Class ${k}` })) };
  }
  const names = colourNames();
  return { kind: "sign", options: [{ value: 1, label: `Class +1 (${names.positive})` }, { value: -1, label: `Class −1 (${names.negative})` }] };
}

/**
 * The output plot's caption for an output `kind`, naming the colours of the palette in use;
 * with no point at all (your own points, none drawn yet) it says what to do.
 */
export function outputCaption(kind, { empty = false } = {}) {
  if (empty) return "No points yet: with Draw points on, click the plane to add some";
  if (kind === "classes") return "Network output: the most likely class";
  if (kind === "regression") return "Network output: predicted value";
  const names = colourNames();
  return `Network output: ${names.positive} +1, ${names.negative} −1`;
}

/** styleOf(label) → { fill, glyph } for the points of an output kind. */
export function pointStyle(kind) {
  if (kind === "classes") return (y) => ({ fill: classCss(y), glyph: classGlyph(y) });
  if (kind === "regression") return (y) => ({ fill: cssColor(y), glyph: "circle" });
  return (y) => ({ fill: labelColor(y), glyph: y > 0 ? "circle" : "square" });
}

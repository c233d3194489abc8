// Which catalog formulas the math panel shows for the current settings, and the loss readings as MathML.
//
// Every formula is the server catalog's MathML (the engine's one
// definition); this module only picks entries and builds the readings.
// Non-goal: inserting markup (draw/mathml.js does that safely).
import { formatMetric, metricLabels } from "./outputs.js";
import { math, mi, mn, mo, mrow, msub, mtext } from "./mathml.js";

const find = (list, name) => (list ?? []).find((entry) => entry.name === name) ?? null;

/**
 * The formulas for `settings` and the run's output activation:
 * { linear, activation, derivative, output, loss, head } — each
 * { name, label, mathml } or null when the catalog lacks it.
 */
export function pickFormulas(catalog, settings, outputActivation) {
  const act = find(catalog?.activations, settings?.activation);
  const loss = find(catalog?.losses, settings?.loss);
  const out = find(catalog?.output_activations, outputActivation);
  const head = (catalog?.heads ?? []).find((h) => h.output_activation === outputActivation && h.loss === settings?.loss) ?? null;
  const pick = (entry, key = "formula_mathml", label = entry?.label) => (entry?.[key] ? { name: entry.name, label, mathml: entry[key] } : null);
  return {
    linear: catalog?.linear_step?.formula_mathml ? { name: "linear_step", label: "Linear step", mathml: catalog.linear_step.formula_mathml } : null,
    activation: pick(act),
    derivative: pick(act, "derivative_formula_mathml", act && `Derivative of ${act.label}`),
    output: pick(out),
    loss: pick(loss),
    head: pick(head, "delta_formula_mathml"),
  };
}

/** L_train = …, L_test = … as one <math>; "—" for a missing loss. */
export function lossReadingMath(train, test) {
  const reading = (set, value) => mrow(msub(mi("L"), mtext(set)), mo("="), mn(value));
  return math(mrow(reading("train", train), mo(","), mtext("\u2003"), reading("test", test)));
}

/** Metric readings as text: "Training accuracy 98.4 %, test accuracy 97.2 %". */
export function metricReading(metric, train, test) {
  const labels = metricLabels(metric ?? "accuracy");
  return `${labels.train} ${formatMetric(metric, train)}, ${labels.test[0].toLowerCase()}${labels.test.slice(1)} ${formatMetric(metric, test)}`;
}

// One table of the settings the page shows, turned into control specs.
//
// The server's hello.schema gives each field's type, range and options; this
// table adds what only the page needs (label, group, slider step, unit).
// controlSpecs() merges the two, so the controls are generated, never
// hand-written. Non-goal: the widgets themselves (draw/controls.js).
import { formatNumber, sliderScale } from "./scales.js";

/** Settings shown as controls, in page order. */
export const FIELDS = Object.freeze([
  { name: "dataset", label: "Dataset", group: "data" },
  { name: "train_ratio", label: "Ratio of training to test data", group: "data", step: 10, unit: "%" },
  { name: "noise", label: "Noise", group: "data", step: 5, unit: "%" },
  { name: "num_points", label: "Number of points", group: "data", step: 10 },
  { name: "learning_rate", label: "Learning rate", group: "training" },
  { name: "activation", label: "Activation", group: "training" },
  { name: "batch_size", label: "Batch size", group: "training" },
  { name: "speed", label: "Speed", group: "training", unit: "epochs/s", maxLabel: "max" },
]);

/** Human label of option `name` from the catalog (any list), else the name. */
export function optionLabel(catalog, name) {
  for (const list of Object.values(catalog ?? {})) {
    if (!Array.isArray(list)) continue;
    const entry = list.find((item) => item && item.name === name);
    if (entry?.label) return entry.label;
  }
  return name;
}

function formatter(field, entry) {
  return (value) => {
    if (field.maxLabel && value >= entry.max) return field.maxLabel;
    const text = formatNumber(value, 3);
    return field.unit ? `${text} ${field.unit}` : text;
  };
}

/**
 * Control specs for the fields present in `schema`:
 * select → { name, label, group, kind: "select", options: [{ value, label }] };
 * number → { ..., kind: "range", scale: sliderScale, integer, format(value) }.
 */
export function controlSpecs(schema, catalog) {
  const specs = [];
  for (const field of FIELDS) {
    const entry = schema?.[field.name];
    if (!entry) continue;
    const base = { name: field.name, label: field.label, group: field.group, live: entry.live !== false };
    if (entry.type === "string") {
      const options = (entry.options ?? []).map((value) => ({ value, label: optionLabel(catalog, value) }));
      specs.push({ ...base, kind: "select", options });
    } else if (entry.type === "number" || entry.type === "integer") {
      const step = entry.scale === "log" ? 1 : field.step ?? 1;
      specs.push({
        ...base,
        kind: "range",
        integer: entry.type === "integer",
        scale: sliderScale({ min: entry.min, max: entry.max, scale: entry.scale, step }),
        format: formatter(field, entry),
      });
    }
  }
  return specs;
}

/**
 * Limits of the hidden layers from the schema's "layers" entry:
 * min/max bound each layer's neuron count, max_layers the number of layers.
 */
export function layerLimits(entry) {
  return {
    maxLayers: entry?.max_layers ?? 6,
    minNeurons: entry?.min ?? 1,
    maxNeurons: entry?.max ?? 8,
  };
}

/** hidden_layers after one +/- click: "add-layer", "remove-layer", "add-neuron", "remove-neuron". */
export function editLayers(layers, action, index, limits) {
  const next = layers.slice();
  if (action === "add-layer" && next.length < limits.maxLayers) next.push(Math.min(2, limits.maxNeurons));
  else if (action === "remove-layer" && next.length > 0) next.pop();
  else if (action === "add-neuron" && next[index] < limits.maxNeurons) next[index]++;
  else if (action === "remove-neuron" && next[index] > limits.minNeurons) next[index]--;
  return next;
}

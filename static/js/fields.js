// One table of the settings the page shows, turned into control specs.
//
// The server's hello.schema gives each field's type, range and options; this
// table adds what only the page needs (label, group, slider step, unit).
// controlSpecs() merges the two, so the controls are generated, never
// hand-written. Non-goal: the widgets themselves (draw/controls.js).
import { formatNumber, sliderScale } from "./scales.js";

/** Regularization rates offered, as in TensorFlow Playground. */
export const REGULARIZATION_RATES = Object.freeze([0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);

/** Settings shown as controls, in page order. */
export const FIELDS = Object.freeze([
  { name: "problem", label: "Problem type", group: "data", labels: { classification: "Classification", regression: "Regression", images: "Images" } },
  { name: "dataset", label: "Dataset", group: "data", picker: "thumbnails" },
  { name: "num_classes", label: "Number of classes", group: "data" },
  { name: "train_ratio", label: "Ratio of training to test data", group: "data", step: 10, unit: "%" },
  { name: "noise", label: "Noise", group: "data", step: 5, unit: "%" },
  { name: "num_points", label: "Number of points", group: "data", step: 10, imagesLabel: "Number of images" },
  { name: "image_size", label: "Image size", group: "data", unit: "px" },
  { name: "conv_layers", label: "Convolution layers", group: "network" },
  { name: "pool", label: "2×2 max-pooling after each convolution", group: "network" },
  { name: "learning_rate", label: "Learning rate", group: "training" },
  { name: "activation", label: "Activation", group: "training" },
  { name: "loss", label: "Loss", group: "training" },
  { name: "optimizer", label: "Optimizer", group: "training" },
  { name: "regularization", label: "Regularization", group: "training" },
  { name: "regularization_rate", label: "Regularization rate", group: "training", choices: REGULARIZATION_RATES },
  { name: "batch_size", label: "Batch size", group: "training" },
  { name: "speed", label: "Speed", group: "training", unit: "epochs/s", maxLabel: "max" },
  { name: "stop_after", label: "Stop after (epochs, 0 = never)", group: "training", input: "number" },
  { name: "stop_patience", label: "Stop when test loss stops improving (patience, epochs, 0 = off)", group: "training", input: "number" },
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
 * select → { name, label, group, kind: "select", options: [{ value, label }] }; the data set
 * is picked from thumbnails: kind "thumbnails", each option with its catalog `entry`;
 * number → { ..., kind: "range", scale: sliderScale, integer, format(value) }.
 */
export function controlSpecs(schema, catalog, problem = "classification") {
  const specs = [];
  const view = schemaFor(schema, problem);
  for (const field of FIELDS) {
    const entry = view?.[field.name];
    if (!entry) continue;
    const label = problem === "images" ? field.imagesLabel ?? field.label : field.label;
    const base = { name: field.name, label, group: field.group, live: entry.live !== false };
    if (entry.type === "boolean") {
      specs.push({ ...base, kind: "toggle" });
    } else if (entry.type === "conv_layers") {
      specs.push({ ...base, kind: "conv", limits: convLimits(entry) });
    } else if (entry.type === "string") {
      const options = (entry.options ?? []).map((value) => ({ value, label: field.labels?.[value] ?? optionLabel(catalog, value) }));
      if (field.picker === "thumbnails") options.forEach((o) => { o.entry = datasetEntry(catalog, o.value); });
      specs.push({ ...base, kind: field.picker ?? "select", options });
    } else if (field.choices) {
      const options = field.choices.map((value) => ({ value, label: formatNumber(value, 3) }));
      specs.push({ ...base, kind: "select", numeric: true, options });
    } else if (field.input === "number") {
      specs.push({ ...base, kind: "number", min: entry.min, max: entry.max, step: 1 });
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

/** Catalog entry of data set `name`, or undefined. */
export function datasetEntry(catalog, name) {
  return (catalog?.datasets ?? []).find((d) => d.name === name);
}

/** Whether `problem` learns images (else points). */
export const isImages = (problem) => problem === "images";

/** The schema as it applies to `problem`: each field's `by_problem[problem]` merged in. */
export function schemaFor(schema, problem) {
  if (!schema) return schema;
  return Object.fromEntries(Object.entries(schema).map(([name, entry]) => [name, { ...entry, ...(entry.by_problem?.[problem] ?? {}) }]));
}

/**
 * What the current settings hide or narrow: { hidden: [field names],
 * options: { dataset: [names] }, disabled: { loss: [names] }, locked: [field names] }.
 * Dataset lists only the problem's data sets (and the current one, e.g. "custom");
 * "Number of classes" shows only for data sets whose classes are configurable;
 * a field that does not apply to the problem hides (schema `applies_to`); of the image
 * data sets only the shapes take a size, a count and noise; cross-entropy is off for regression.
 */
export function controlView(settings, schema, catalog) {
  const problem = settings?.problem ?? "classification";
  const problems = schema?.dataset?.problems;
  let datasets = problems?.[problem] ?? schema?.dataset?.options ?? [];
  if (settings?.dataset && !datasets.includes(settings.dataset)) datasets = [...datasets, settings.dataset];
  const hidden = Object.entries(schema ?? {}).filter(([, entry]) => entry.applies_to && !entry.applies_to.includes(problem)).map(([name]) => name);
  if (datasetEntry(catalog, settings?.dataset)?.classes !== "num_classes") hidden.push("num_classes");
  if (isImages(problem) && settings?.dataset !== "shapes") hidden.push("image_size", "num_points", "noise");
  return {
    hidden,
    options: { dataset: datasets },
    disabled: { loss: problem === "regression" ? ["cross_entropy"] : [] },
    // Your own points are what was drawn or loaded: no generator's count or noise applies.
    locked: settings?.dataset === "custom" ? ["num_points", "noise"] : [],
  };
}

/** The values the controls show: the settings, but for your own points the number there is. */
export function shownValues(settings, data) {
  if (settings?.dataset !== "custom") return settings;
  return { ...settings, num_points: (data?.train?.length ?? 0) + (data?.test?.length ?? 0) };
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
  if (action === "add-layer" && next.length < limits.maxLayers) next.push(Math.min(limits.newLayer ?? 2, limits.maxNeurons));
  else if (action === "remove-layer" && next.length > 0) next.pop();
  else if (action === "add-neuron" && next[index] < limits.maxNeurons) next[index]++;
  else if (action === "remove-neuron" && next[index] > limits.minNeurons) next[index]--;
  return next;
}

/** Limits of conv_layers from its schema entry: layers, filters per layer, kernel sides. */
export function convLimits(entry) {
  return {
    maxLayers: entry?.max_layers ?? 3,
    minFilters: entry?.min ?? 1,
    maxFilters: entry?.max ?? 16,
    kernels: entry?.kernels ?? [3, 5],
  };
}

/**
 * conv_layers after one edit: "add-layer" (a copy of the last layer, or 8 filters 3×3),
 * "remove-layer" (the last), "add-filter" / "remove-filter" of layer `index`, or
 * "kernel" (layer `index` takes the next kernel side). Returns a new list.
 */
export function editConv(layers, action, index, limits) {
  const next = layers.map((layer) => ({ ...layer }));
  const layer = next[index];
  if (action === "add-layer" && next.length < limits.maxLayers) next.push({ ...(next.at(-1) ?? { filters: Math.min(8, limits.maxFilters), kernel: limits.kernels[0] }) });
  else if (action === "remove-layer") next.pop();
  else if (action === "add-filter" && layer && layer.filters < limits.maxFilters) layer.filters++;
  else if (action === "remove-filter" && layer && layer.filters > limits.minFilters) layer.filters--;
  else if (action === "kernel" && layer) layer.kernel = limits.kernels[(limits.kernels.indexOf(layer.kernel) + 1) % limits.kernels.length];
  return next;
}

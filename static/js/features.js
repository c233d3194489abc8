// Input features computed from a raw point (x1, x2), as the engine computes them.
//
// The network's input layer holds the chosen features in the order given by
// settings.features; the input column of the drawing shows all of them.
// Non-goal: choosing features (the server validates the list).

/** Feature name → { label, fn(x1, x2) }, in the order the page shows them. */
export const FEATURES = Object.freeze({
  x1: Object.freeze({ label: "X₁", fn: (x1) => x1 }),
  x2: Object.freeze({ label: "X₂", fn: (x1, x2) => x2 }),
  x1_sq: Object.freeze({ label: "X₁²", fn: (x1) => x1 * x1 }),
  x2_sq: Object.freeze({ label: "X₂²", fn: (x1, x2) => x2 * x2 }),
  x1x2: Object.freeze({ label: "X₁X₂", fn: (x1, x2) => x1 * x2 }),
  sin_x1: Object.freeze({ label: "sin(X₁)", fn: (x1) => Math.sin(x1) }),
  sin_x2: Object.freeze({ label: "sin(X₂)", fn: (x1, x2) => Math.sin(x2) }),
});

export const FEATURE_NAMES = Object.freeze(Object.keys(FEATURES));
export const DEFAULT_FEATURES = Object.freeze(["x1", "x2"]);

/** Return the feature called `name`; throw naming the valid ones otherwise. */
export function getFeature(name) {
  const feature = FEATURES[name];
  if (!feature) throw new RangeError(`unknown feature "${name}"; valid: ${FEATURE_NAMES.join(", ")}`);
  return feature;
}

/** The network inputs of raw point [x1, x2] for the feature list `names`. */
export function featureInputs(names, [x1, x2]) {
  return names.map((name) => getFeature(name).fn(x1, x2));
}

/** Column of feature `name` over coordinate arrays x1, x2 (a new Float64Array). */
export function featureColumn(name, x1, x2) {
  const { fn } = getFeature(name);
  const out = new Float64Array(x1.length);
  for (let p = 0; p < x1.length; p++) out[p] = fn(x1[p], x2[p]);
  return out;
}

/** Half-width of a feature's values over [-domain, domain]² (to scale its thumbnail). */
export function featureRange(name, domain) {
  if (name === "sin_x1" || name === "sin_x2") return 1;
  if (name === "x1" || name === "x2") return domain;
  return domain * domain;
}

/**
 * `features` after clicking feature `name`: added at its place in the page
 * order, or removed unless it is the last one left (at least one stays on).
 */
export function toggleFeature(features, name) {
  getFeature(name);
  if (features.includes(name)) return features.length > 1 ? features.filter((f) => f !== name) : features.slice();
  return FEATURE_NAMES.filter((f) => f === name || features.includes(f));
}

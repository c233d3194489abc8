// Activation functions mirrored from app/nn/activations.py (the one definition).
//
// The browser needs them to evaluate the network for the heatmaps. Each entry
// has fn(z) and derivative(z, a), as in the Python registry; the test
// tests/js/activations.test.mjs checks both against tests/fixtures/forward_cases.json.
// Non-goal: training (the server trains; the browser only draws).

/** Activation name → { fn(z), derivative(z, a) }. */
export const ACTIVATIONS = Object.freeze({
  sigmoid: Object.freeze({
    // 0.5 + 0.5·tanh(z/2) is exactly the logistic function and never overflows.
    fn: (z) => 0.5 * Math.tanh(0.5 * z) + 0.5,
    derivative: (z, a) => (1 - a) * a,
  }),
  tanh: Object.freeze({
    fn: (z) => Math.tanh(z),
    derivative: (z, a) => 1 - a * a,
  }),
  relu: Object.freeze({
    fn: (z) => (z > 0 ? z : 0),
    // The kink at 0 takes derivative 0, as in the engine.
    derivative: (z) => (z > 0 ? 1 : 0),
  }),
  linear: Object.freeze({
    fn: (z) => z,
    derivative: () => 1,
  }),
});

/** Return the activation called `name`; throw naming the valid ones otherwise. */
export function getActivation(name) {
  const activation = ACTIVATIONS[name];
  if (!activation) {
    throw new RangeError(`unknown activation "${name}"; valid: ${Object.keys(ACTIVATIONS).join(", ")}`);
  }
  return activation;
}

// Activation functions mirrored from app/nn/activations.py (the one definition).
//
// The browser needs them to evaluate the network for the heatmaps. Each entry
// has fn(z) and derivative(z, a), as in the Python registry; the test
// tests/js/activations.test.mjs checks both against tests/fixtures/forward_cases.json.
// Softmax is not here: it acts on a whole layer (see outputs in forward.js).
// Non-goal: training (the server trains; the browser only draws).

export const LEAKY_SLOPE = 0.01; // slope of leaky_relu below 0
export const ELU_ALPHA = 1; // saturation value of elu below 0 is −α

const logistic = (z) => 0.5 * Math.tanh(0.5 * z) + 0.5;

/** Activation name → { fn(z), derivative(z, a) }. */
export const ACTIVATIONS = Object.freeze({
  sigmoid: Object.freeze({
    // 0.5 + 0.5·tanh(z/2) is exactly the logistic function and never overflows.
    fn: logistic,
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
  leaky_relu: Object.freeze({
    fn: (z) => (z > 0 ? z : LEAKY_SLOPE * z),
    derivative: (z) => (z > 0 ? 1 : LEAKY_SLOPE),
  }),
  elu: Object.freeze({
    fn: (z) => (z > 0 ? z : ELU_ALPHA * Math.expm1(z)),
    derivative: (z, a) => (z > 0 ? 1 : a + ELU_ALPHA),
  }),
  softplus: Object.freeze({
    // log(1 + e^z) = max(z, 0) + log1p(e^−|z|): no overflow at large |z|.
    fn: (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))),
    derivative: (z) => logistic(z),
  }),
  sine: Object.freeze({
    fn: (z) => Math.sin(z),
    derivative: (z) => Math.cos(z),
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

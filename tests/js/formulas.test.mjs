// The math panel's choice of catalog formulas and the loss readings.
import assert from "node:assert/strict";
import { test } from "node:test";

import { lossReadingMath, metricReading, pickFormulas } from "../../static/js/formulas.js";

const catalog = {
  linear_step: { formula_mathml: "<math>lin</math>" },
  activations: [{ name: "tanh", label: "Tanh", formula_mathml: "<math>t</math>", derivative_formula_mathml: "<math>dt</math>" }],
  output_activations: [{ name: "sigmoid", label: "Sigmoid", formula_mathml: "<math>s</math>" }],
  losses: [{ name: "cross_entropy", label: "Cross-entropy", formula_mathml: "<math>ce</math>" }],
  heads: [{ name: "sigmoid_cross_entropy", label: "Sigmoid output, binary cross-entropy", output_activation: "sigmoid", loss: "cross_entropy", delta_formula_mathml: "<math>d</math>" }],
};

test("the formulas follow the settings and the run's output activation", () => {
  const f = pickFormulas(catalog, { activation: "tanh", loss: "cross_entropy" }, "sigmoid");
  assert.deepEqual([f.linear.mathml, f.activation.mathml, f.derivative.mathml, f.output.mathml, f.loss.mathml, f.head.mathml],
    ["<math>lin</math>", "<math>t</math>", "<math>dt</math>", "<math>s</math>", "<math>ce</math>", "<math>d</math>"]);
  assert.equal(f.derivative.label, "Derivative of Tanh");
});

test("entries the catalog lacks are null", () => {
  const f = pickFormulas(catalog, { activation: "relu", loss: "mse" }, "tanh");
  assert.equal(f.activation, null);
  assert.equal(f.head, null);
  assert.equal(pickFormulas(null, null, null).linear, null);
});

test("loss readings name both sets with four significant digits", () => {
  const m = lossReadingMath(0.021346, null);
  assert.match(m, /<mtext>train<\/mtext><\/msub><mo>=<\/mo><mn>0.02135<\/mn>/);
  assert.match(m, /<mtext>test<\/mtext><\/msub><mo>=<\/mo><mo>—<\/mo>/);
  assert.equal(metricReading("r2", 0.9, 0.8), "Training R² 0.900, test R² 0.800");
});

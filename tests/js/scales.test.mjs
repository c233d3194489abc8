// Log and linear slider scales, the control table, and number formatting.
import assert from "node:assert/strict";
import { test } from "node:test";

import { controlSpecs, editLayers, layerLimits, optionLabel } from "../../static/js/fields.js";
import { formatLoss, formatNumber, formatTick, logStops, nearestStop, sliderScale } from "../../static/js/scales.js";

test("learning-rate stops run 1e-5 … 10 in 1-2-3-5 steps", () => {
  const stops = logStops(1e-5, 10);
  assert.equal(stops[0], 1e-5);
  assert.equal(stops.at(-1), 10);
  assert.ok(stops.includes(0.03) && stops.includes(0.003) && stops.includes(1));
  for (let k = 1; k < stops.length; k++) assert.ok(stops[k] > stops[k - 1]);
});

test("odd ends are kept as stops", () => {
  assert.deepEqual(logStops(1, 7000).slice(-3), [3000, 5000, 7000]);
});

for (const [min, max] of [[1e-5, 10], [1, 10000], [1, 7000]]) {
  test(`a log slider ${min}…${max} round-trips position → value → position`, () => {
    const scale = sliderScale({ min, max, scale: "log" });
    const [first, last] = scale.positions;
    for (let p = first; p <= last; p++) assert.equal(scale.toPosition(scale.fromPosition(p)), p);
    assert.equal(scale.fromPosition(first), min);
    assert.equal(scale.fromPosition(last), max);
  });
}

test("a value between stops goes to the nearest one on a log scale", () => {
  const stops = logStops(1e-5, 10);
  assert.equal(stops[nearestStop(stops, 0.031)], 0.03);
  assert.equal(stops[nearestStop(stops, 0.04)], 0.05);
  assert.equal(stops[nearestStop(stops, 1e-9)], 1e-5);
});

test("a linear slider's position is its clamped value", () => {
  const scale = sliderScale({ min: 10, max: 90, step: 10 });
  assert.deepEqual(scale.positions, [10, 90, 10]);
  assert.equal(scale.fromPosition("40"), 40);
  assert.equal(scale.toPosition(120), 90);
});

test("a log scale needs a positive range", () => {
  assert.throws(() => sliderScale({ min: 0, max: 10, scale: "log" }), /0 < min < max/);
});

test("numbers are shown with three significant digits", () => {
  assert.equal(formatNumber(0.00001), "0.00001");
  assert.equal(formatNumber(0.030000001), "0.03");
  assert.equal(formatNumber(1234.5), "1230");
  assert.equal(formatNumber(null), "—");
  assert.equal(formatLoss(0.12345), "0.1235");
  assert.equal(formatLoss(0.000123456), "0.000123");
  assert.equal(formatLoss(NaN), "—");
});

test("a blown-up loss reads in powers of ten, not as a 35-digit number", () => {
  assert.equal(formatLoss(2.24962989e34), "2.25e+34");
  assert.equal(formatLoss(12345.6), "1.23e+4");
  assert.equal(formatLoss(9999.5), "9999.5000");
});

const schema = {
  learning_rate: { type: "number", min: 1e-5, max: 10, default: 0.03, scale: "log", live: true },
  activation: { type: "string", options: ["sigmoid", "tanh"], default: "tanh", live: true },
  speed: { type: "number", min: 1, max: 10000, default: 100, scale: "log", live: true },
  train_ratio: { type: "integer", min: 10, max: 90, default: 50, scale: "linear", live: false },
  hidden_layers: { type: "layers" },
};

test("controls are generated from the schema with their exact labels", () => {
  const specs = controlSpecs(schema, { activations: [{ name: "tanh", label: "Tanh" }] });
  assert.deepEqual(specs.map((s) => s.label), ["Ratio of training to test data", "Learning rate", "Activation", "Speed"]);
  const activation = specs.find((s) => s.name === "activation");
  assert.deepEqual(activation.options, [{ value: "sigmoid", label: "sigmoid" }, { value: "tanh", label: "Tanh" }]);
  const speed = specs.find((s) => s.name === "speed");
  assert.equal(speed.format(10000), "max");
  assert.equal(speed.format(100), "100 epochs/s");
  assert.equal(specs[0].live, false);
});

test("option labels come from any catalog list", () => {
  assert.equal(optionLabel({ datasets: [{ name: "xor", label: "Exclusive or" }] }, "xor"), "Exclusive or");
  assert.equal(optionLabel(undefined, "xor"), "xor");
});

test("layer limits fall back to the documented defaults", () => {
  assert.deepEqual(layerLimits(undefined), { maxLayers: 6, minNeurons: 1, maxNeurons: 8 });
});

test("layer limits come from the schema's layers entry", () => {
  assert.deepEqual(layerLimits({ type: "layers", min: 1, max: 8, max_layers: 6 }), { maxLayers: 6, minNeurons: 1, maxNeurons: 8 });
});

test("layer edits respect the limits", () => {
  const limits = { maxLayers: 2, minNeurons: 1, maxNeurons: 3 };
  assert.deepEqual(editLayers([3, 1], "add-layer", 0, limits), [3, 1]);
  assert.deepEqual(editLayers([3], "add-layer", 0, limits), [3, 2]);
  assert.deepEqual(editLayers([3, 1], "add-neuron", 0, limits), [3, 1]);
  assert.deepEqual(editLayers([3, 1], "add-neuron", 1, limits), [3, 2]);
  assert.deepEqual(editLayers([3, 1], "remove-neuron", 1, limits), [3, 1]);
  assert.deepEqual(editLayers([3, 1], "remove-layer", 0, limits), [3]);
  assert.deepEqual(editLayers([], "remove-layer", 0, limits), []);
});

test("axis ticks stay short even for a loss that blew up", () => {
  assert.equal(formatTick(0.5), "0.5");
  assert.equal(formatTick(1500), "1500");
  assert.equal(formatTick(2e69), "2.0e+69");
  assert.equal(formatTick(0.30000000000000004), "0.3");
});

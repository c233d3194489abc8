// Applying hello/run/frame messages, and the loss history behind the chart.
import assert from "node:assert/strict";
import { test } from "node:test";

import { appendHistory, createHistory, decimate } from "../../static/js/history.js";
import { applyFrame, applyHello, applyRun, applyRunning, applySettings, createState } from "../../static/js/state.js";

const weights = [[[0.1, 0.2], [0.3, -0.4]], [[0.5], [-0.6]]];
const biases = [[0.1, 0.1], [0.2]];

function run(id) {
  return {
    run: id, settings: { learning_rate: 0.03, hidden_layers: [2] }, sizes: [2, 2, 1], domain: 6,
    data: { train: [[1, 2, 1]], test: [[-1, -2, -1]] },
  };
}

function frame(id, start, train, extra = {}) {
  return {
    run: id, epoch: start + train.length - 1, running: true, loss_train: train.at(-1), loss_test: train.at(-1) + 0.1,
    weights, biases, history: { start, train, test: train.map((v) => v + 0.1) }, stopped: null, ...extra,
  };
}

test("history accumulates across frames", () => {
  const state = applyRun(createState(), run(1));
  applyFrame(state, frame(1, 0, [1.0]));
  applyFrame(state, frame(1, 1, [0.9, 0.8, 0.7]));
  applyFrame(state, frame(1, 4, [0.6]));
  assert.equal(state.history.length, 5);
  assert.deepEqual([...state.history.train.subarray(0, 5)], [1.0, 0.9, 0.8, 0.7, 0.6]);
  assert.equal(state.epoch, 4);
  assert.equal(state.lossTrain, 0.6);
  assert.deepEqual(state.sizes, [2, 2, 1]);
});

test("history grows past its initial capacity", () => {
  const history = createHistory(4);
  for (let e = 0; e < 100; e++) appendHistory(history, e, [e], [e]);
  assert.equal(history.length, 100);
  assert.equal(history.train[99], 99);
  assert.equal(history.train[3], 3);
});

test("a new run drops the curve and the weights", () => {
  const state = applyRun(createState(), run(1));
  applyFrame(state, frame(1, 0, [1.0, 0.5]));
  applyRun(state, run(2));
  assert.equal(state.history.length, 0);
  assert.equal(state.weights, null);
  assert.equal(state.run, 2);
  applyFrame(state, frame(2, 0, [0.9]));
  assert.equal(state.history.length, 1);
  assert.equal(state.history.train[0], 0.9);
});

test("a frame of an unannounced run also drops the curve", () => {
  const state = applyRun(createState(), run(1));
  applyFrame(state, frame(1, 0, [1.0, 0.5, 0.4]));
  applyFrame(state, frame(7, 0, [0.3]));
  assert.equal(state.run, 7);
  assert.equal(state.history.length, 1);
});

test("a history restarting at 0 in the same run replaces the old curve", () => {
  const state = applyRun(createState(), run(1));
  applyFrame(state, frame(1, 0, [1.0, 0.5, 0.4]));
  applyFrame(state, frame(1, 0, [0.8]));
  assert.equal(state.history.length, 1);
  assert.equal(state.history.train[0], 0.8);
});

test("null losses become gaps, and stopped is kept", () => {
  const state = applyRun(createState(), run(1));
  const stopped = { reason: "diverged", message: "loss is not finite" };
  applyFrame(state, frame(1, 0, [1.0, null], { loss_train: null, stopped, running: false }));
  assert.ok(Number.isNaN(state.history.train[1]));
  assert.equal(state.lossTrain, null);
  assert.deepEqual(state.stopped, stopped);
  assert.deepEqual(decimate(state.history, 10)[1], [1.0, null]);
  applyRunning(state, true);
  assert.equal(state.stopped, null);
});

test("decimation keeps every spike and jump of a long curve", () => {
  const values = Array.from({ length: 5000 }, (_, i) => (i % 397 === 0 && i > 0 ? 5 + i / 1000 : 1 / (i + 1)));
  const history = appendHistory(createHistory(), 0, values, values.map((v) => v * 1.1));
  const [epochs, train, test] = decimate(history, 200);
  assert.ok(epochs.length <= 200);
  for (let i = 397; i < 5000; i += 397) assert.ok(epochs.includes(i), `spike at ${i} dropped`);
  assert.equal(Math.max(...train), Math.max(...values));
  assert.equal(Math.max(...test), Math.max(...values) * 1.1);
  assert.deepEqual(epochs, [...epochs].sort((a, b) => a - b));
});

test("settings from a configure ack merge into the state", () => {
  const state = applyRun(createState(), run(1));
  applySettings(state, { learning_rate: 0.1 });
  assert.equal(state.settings.learning_rate, 0.1);
  assert.deepEqual(state.settings.hidden_layers, [2]);
});

test("decimation keeps everything when short", () => {
  const history = appendHistory(createHistory(), 0, [3, 2, 1], [4, 3, 2]);
  assert.deepEqual(decimate(history, 10), [[0, 1, 2], [3, 2, 1], [4, 3, 2]]);
});

for (const n of [2, 11, 1000, 12345]) {
  test(`decimation of ${n} epochs to 100 points keeps the first and last and is bounded`, () => {
    const values = Array.from({ length: n }, (_, i) => 1 / (i + 1));
    const history = appendHistory(createHistory(), 0, values, values);
    const [epochs, train] = decimate(history, 100);
    assert.ok(epochs.length <= 100);
    assert.equal(epochs[0], 0);
    assert.equal(epochs.at(-1), n - 1);
    assert.equal(train.at(-1), values.at(-1));
    for (let k = 1; k < epochs.length; k++) assert.ok(epochs[k] > epochs[k - 1], "epochs increase");
  });
}

test("a run names the output activation and a frame the hidden one its weights were trained with", () => {
  const state = applyRun(createState(), { ...run(1), output_activation: "sigmoid" });
  assert.equal(state.outputActivation, "sigmoid");
  applyFrame(state, { ...frame(1, 0, [1.0]), activation: "relu" });
  assert.equal(state.activation, "relu");
});

test("hello keeps the schema and catalog, and reads the frame rate and message limits from limits", () => {
  const state = applyHello(createState(), { protocol: 4, session: "s", schema: { noise: { type: "integer" } }, catalog: {}, limits: { max_frame_rate: 12, max_message_bytes: 5000 } });
  assert.deepEqual(Object.keys(state.schema), ["noise"]);
  assert.equal(state.limits.max_frame_rate, 12);
  assert.equal(state.limits.max_message_bytes, 5000);
  assert.equal(state.limits.max_csv_bytes, 131072);
});

test("a run with the same number after point edits keeps epoch, weights and curve but takes the new data", () => {
  const state = applyRun(createState(), run(1));
  applyFrame(state, frame(1, 0, [1.0, 0.5, 0.4]));
  const data = state.versions.data;
  applyRun(state, { ...run(1), settings: { dataset: "custom" }, data: { train: [[0, 0, 1], [1, 1, -1]], test: [] } });
  assert.equal(state.history.length, 3);
  assert.equal(state.epoch, 2);
  assert.deepEqual(state.weights, weights);
  assert.equal(state.data.train.length, 2);
  assert.equal(state.settings.dataset, "custom");
  assert.equal(state.versions.data, data + 1);
});

test("a run names its features and classes; frames carry the metric", () => {
  const state = applyRun(createState(), { ...run(1), features: ["x1", "sin_x2"], classes: 4, output_activation: "softmax" });
  assert.deepEqual(state.features, ["x1", "sin_x2"]);
  assert.equal(state.classes, 4);
  applyFrame(state, frame(1, 0, [1.0], { metric: "accuracy", metric_train: 0.75, metric_test: null }));
  assert.equal(state.metric, "accuracy");
  assert.equal(state.metricTrain, 0.75);
  assert.equal(state.metricTest, null);
});

test("a log-scale chart gets no zero, negative or missing loss", async () => {
  const { forLogScale } = await import("../../static/js/history.js");
  assert.deepEqual(forLogScale([[0, 1, 2], [1, 0, -2], [0.5, null, 3]]), [[0, 1, 2], [1, null, null], [0.5, null, 3]]);
});

// Coach notes on synthetic histories and tiny networks: divergence, overfitting, dead and saturated neurons.
import assert from "node:assert/strict";
import { test } from "node:test";

import { coachNotes, diverged, neuronHealth, overfitting } from "../../static/js/coach.js";
import { appendHistory, createHistory } from "../../static/js/history.js";

function historyOf(train, test) {
  return appendHistory(createHistory(), 0, train, test);
}

const epochs = (n, f) => Array.from({ length: n }, (_, e) => f(e));
const healthyTrain = epochs(600, (e) => 1.1 * Math.exp(-e / 80) + 0.01);
const healthyTest = epochs(600, (e) => 1.1 * Math.exp(-e / 80) + 0.02);
const net = { weights: [[[1, -1], [0.5, 0.5]], [[1], [1]]], biases: [[0, 0], [0]], activation: "tanh", outputActivation: "tanh", features: ["x1", "x2"] };
const points = [[0.5, 0.2, 1], [-0.3, 0.8, -1], [1, -1, 1], [-0.7, -0.4, -1]];
const healthy = { ...net, history: historyOf(healthyTrain, healthyTest), stopped: null, points };

test("a healthy run gets no note", () => {
  assert.deepEqual(coachNotes(healthy), []);
});

test("a loss that rose far above its start is divergence", () => {
  const history = historyOf([1.1, 2.06, 2.03, 2.03, 2.03, 2.03], [1, 2, 2, 2, 2, 2]);
  assert.equal(diverged(history, null), true);
  const notes = coachNotes({ ...healthy, history });
  assert.equal(notes[0].kind, "divergence");
  assert.match(notes[0].text, /learning rate is too high.*Lower it and press Reset/);
});

test("the server's diverged stop and a non-finite loss are divergence too", () => {
  assert.equal(diverged(historyOf([1, 0.9], [1, 1]), { reason: "diverged", detail: "saturated" }), true);
  assert.equal(diverged(historyOf([1, 0.9, NaN], [1, 1, NaN]), null), true);
  assert.equal(diverged(historyOf([1, 0.9], [1, 1]), { reason: "epoch_limit" }), false);
  assert.equal(diverged(historyOf([1, 1.2, 1.3], [1, 1, 1]), null), false); // a small rise is not a blow-up
});

test("test loss rising for a long stretch while training loss falls is overfitting", () => {
  const train = epochs(800, (e) => Math.exp(-e / 100));
  const test = epochs(800, (e) => (e < 200 ? 1 - e / 400 : 0.5 + (e - 200) / 1000));
  assert.equal(overfitting(historyOf(train, test)), true);
  const notes = coachNotes({ ...healthy, history: historyOf(train, test) });
  assert.deepEqual(notes.map((n) => n.kind), ["overfitting"]);
  assert.match(notes[0].text, /memorising the training points: test loss is rising while training loss falls/);
});

test("a short or small rise of test loss is not overfitting", () => {
  const train = epochs(300, (e) => Math.exp(-e / 100));
  const shortRise = epochs(300, (e) => (e < 250 ? 1 - e / 500 : 0.5 + (e - 250) / 100));
  assert.equal(overfitting(historyOf(train, shortRise)), false);
  const flat = epochs(300, (e) => (e < 100 ? 1 - e / 200 : 0.5 + (e - 100) / 100000));
  assert.equal(overfitting(historyOf(train, flat)), false);
});

test("a rising test loss while training loss rises too is not overfitting", () => {
  const both = epochs(400, (e) => (e < 100 ? 1 - e / 200 : 0.5 + (e - 100) / 500));
  assert.equal(overfitting(historyOf(both, both)), false);
});

test("a ReLU neuron negative on every point is dead and named", () => {
  const relu = { ...net, activation: "relu", weights: [[[1, 0], [0, 0]], [[1], [1]]], biases: [[0, -5], [0]] };
  assert.deepEqual(neuronHealth({ ...relu, points }).dead, [{ layer: 1, neuron: 1 }]);
  const notes = coachNotes({ ...healthy, ...relu });
  assert.equal(notes.length, 1);
  assert.deepEqual(notes[0].neurons, [{ layer: 1, neuron: 1 }]);
  assert.match(notes[0].text, /Dead ReLU: layer 1, neuron 2 outputs 0 on every training point/);
});

test("tanh and sigmoid neurons with large |z| everywhere are saturated", () => {
  const big = { ...net, biases: [[10, 0], [0]] };
  assert.deepEqual(neuronHealth({ ...big, points }).saturated, [{ layer: 1, neuron: 0 }]);
  assert.deepEqual(neuronHealth({ ...big, activation: "sigmoid", points }).saturated, [{ layer: 1, neuron: 0 }]);
  const both = { ...net, biases: [[10, -10], [0]] };
  const note = coachNotes({ ...healthy, ...both }).find((n) => n.kind === "saturated");
  assert.match(note.text, /Saturated tanh: layer 1, neuron 1 and layer 1, neuron 2 sit on the flat part/);
});

test("the output layer and other activations are never flagged", () => {
  const outputBig = { ...net, biases: [[0, 0], [50]] };
  assert.deepEqual(neuronHealth({ ...outputBig, points }), { dead: [], saturated: [] });
  assert.deepEqual(neuronHealth({ ...net, activation: "elu", biases: [[-9, -9], [0]], points }), { dead: [], saturated: [] });
});

// Coach notes on synthetic histories and tiny networks: divergence, overfitting, dead and saturated neurons.
import assert from "node:assert/strict";
import { test } from "node:test";

import { coachNotes, learningRateTooHigh, neuronHealth, overfitting } from "../../static/js/coach.js";
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

// Histories the engine gives on the circle with (4, 2) tanh: learning rate 10 (shoots up,
// stays flat), 3 (shoots up, settles above the start), 1 (jumps up and down).
const shotUp = [1.107, 2.063, 2.032, 2.032, 2.032, 2.032, 2.032, 2.032];
const settledHigh = [1.107, 1.96, 1.661, 1.743, 1.743, 1.709, ...Array(40).fill(1.36)];
const jumping = [1.107, 0.936, 1.297, 0.8, 1.264, 1.114, ...epochs(60, (e) => (e % 3 === 0 ? 1.37 : e % 3 === 1 ? 1.01 : 1.29))];

test("a loss that shot up and stays high, or jumps up and down, means the learning rate is too high", () => {
  assert.equal(learningRateTooHigh(historyOf(shotUp, shotUp)), "high");
  assert.equal(learningRateTooHigh(historyOf(settledHigh, settledHigh)), "high");
  assert.equal(learningRateTooHigh(historyOf(jumping, jumping)), "jumping");
  const notes = coachNotes({ ...healthy, history: historyOf(jumping, jumping) });
  assert.deepEqual(notes.map((n) => n.kind), ["divergence"]);
  assert.match(notes[0].text, /learning rate is too high: every step overshoots, so the loss jumps up and down.*Lower it and press Reset/);
});

test("a healthy or recovering run is not flagged, however noisy its descent", () => {
  assert.equal(learningRateTooHigh(historyOf(healthyTrain, healthyTest)), null);
  const noisy = epochs(300, (e) => 1.03 * Math.exp(-e / 150) + 0.05 * Math.sin(e * 1.7) * Math.exp(-e / 300));
  assert.equal(learningRateTooHigh(historyOf(noisy, noisy)), null);
  const recovered = [1.16, 2.03, 1.2, 0.6, ...epochs(40, (e) => 0.3 / (1 + e))];
  assert.equal(learningRateTooHigh(historyOf(recovered, recovered)), null);
  assert.equal(learningRateTooHigh(historyOf([1, 1.2, 1.3], [1, 1, 1])), null); // a small rise is not a blow-up
});

test("one note says it all: the loss shot up and the saturated neurons are named in it", () => {
  const saturated = { ...net, biases: [[10, -10], [0]] };
  const notes = coachNotes({ ...healthy, ...saturated, history: historyOf(shotUp, shotUp) });
  assert.equal(notes.length, 1);
  assert.equal(notes[0].kind, "divergence");
  assert.match(notes[0].text, /threw the loss up.*layer 1, neuron 1 and layer 1, neuron 2 saturated \(stuck where tanh is flat/);
  assert.deepEqual(notes[0].neurons, [{ layer: 1, neuron: 0 }, { layer: 1, neuron: 1 }]);
});

test("a run the server stopped because a number stopped being finite gets that one message", () => {
  const stopped = { reason: "diverged", detail: "nonfinite", message: "Training paused: a weight or the loss stopped being a finite number." };
  const history = historyOf([0.17, 2.2e34, 2e69, NaN], [0.2, 3e34, 3e69, NaN]);
  const notes = coachNotes({ ...healthy, biases: [[10, -10], [0]], history, stopped });
  assert.deepEqual(notes.map((n) => [n.kind, n.text]), [["stopped", stopped.message]]);
});

test("other stops are said beside what else is worth saying", () => {
  const stopped = { reason: "epoch_limit", message: "Stopped after 600 epochs, as asked." };
  assert.deepEqual(coachNotes({ ...healthy, stopped }).map((n) => n.kind), ["stopped"]);
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

test("a test loss that drifts up a little near its best is not overfitting: how much it rose counts", () => {
  // Shaped like an engine run (xor, learning rate 0.1, 3000 epochs: 98 % test accuracy):
  // the test loss falls from 1.13 to 0.038 by epoch 400, then drifts up to 0.07.
  const train = epochs(1000, (e) => 1.13 * Math.exp(-e / 60) + 0.01 * Math.exp(-e / 2000));
  const drift = epochs(1000, (e) => (e < 400 ? 1.13 - (1.13 - 0.038) * Math.sqrt(e / 400) : 0.038 + (e - 400) * 5e-5));
  assert.equal(overfitting(historyOf(train, drift)), false);
  // The same run whose test loss climbs back a third of the way to where it started is memorising.
  const climb = epochs(1000, (e) => (e < 400 ? 1.13 - (1.13 - 0.038) * Math.sqrt(e / 400) : 0.038 + (e - 400) * 6e-4));
  assert.equal(overfitting(historyOf(train, climb)), true);
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

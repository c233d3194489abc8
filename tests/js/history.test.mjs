// The loss curve's readings: thinned histories from the server, and a bounded copy here.
import assert from "node:assert/strict";
import { test } from "node:test";

import { OLDER, RECENT, appendHistory, createHistory, decimate, thinIndices } from "../../static/js/history.js";

const curve = (n, from = 0) => Array.from({ length: n }, (_, i) => 1 / (1 + (from + i) / 50) + ((from + i) % 97 === 0 ? 0.5 : 0));

test("a thinned history from the server keeps its epochs", () => {
  const history = appendHistory(createHistory(), 0, [1, 0.5, 0.4, 0.3], [1, 0.6, 0.5, 0.4], [0, 40, 41, 42]);
  assert.deepEqual([...history.epochs.subarray(0, 4)], [0, 40, 41, 42]);
  appendHistory(history, 43, [0.25], [0.35]);
  assert.deepEqual(decimate(history, 10)[0], [0, 40, 41, 42, 43]);
});

test("a history from 0 replaces the curve; one from later keeps what came before", () => {
  const history = appendHistory(createHistory(), 0, [3, 2, 1], [3, 2, 1]);
  appendHistory(history, 2, [0.5, 0.4], [0.5, 0.4]);
  assert.deepEqual(decimate(history, 10)[1], [3, 2, 0.5, 0.4]);
  appendHistory(history, 0, [9], [9], [0]);
  assert.equal(history.length, 1);
});

test("the copy stays bounded and keeps every minimum and maximum", () => {
  const history = createHistory(16);
  let lowest = Infinity;
  let highest = -Infinity;
  for (let start = 0; start < 60_000; start += 700) {
    const values = curve(700, start);
    values.forEach((v) => { lowest = Math.min(lowest, v); highest = Math.max(highest, v); });
    appendHistory(history, start, values, values);
    assert.ok(history.length <= RECENT + 2 * OLDER);
  }
  const train = [...history.train.subarray(0, history.length)];
  assert.equal(Math.min(...train), lowest);
  assert.equal(Math.max(...train), highest);
  const epochs = [...history.epochs.subarray(0, history.length)];
  assert.deepEqual(epochs.slice(-RECENT), Array.from({ length: RECENT }, (_, i) => 60_200 - RECENT + i), "the recent ones one by one");
  for (let k = 1; k < epochs.length; k++) assert.ok(epochs[k] > epochs[k - 1]);
});

test("thinning keeps each run's first, lowest and highest", () => {
  const history = appendHistory(createHistory(), 0, [3, 1, 2, 5, 4, 4, 0.5, 9], [1, 1, 1, 1, 2, 2, 2, 2]);
  assert.deepEqual(thinIndices(history, 0, 8, 2), [0, 1, 3, 4, 6, 7]);
});

test("decimation keeps the extremes of a long curve", () => {
  const values = curve(20_000);
  const history = appendHistory(createHistory(), 0, values, values);
  const [epochs, train] = decimate(history, 200);
  assert.ok(epochs.length <= 200);
  assert.equal(Math.max(...train), Math.max(...values));
  assert.equal(train.at(-1), values.at(-1));
});

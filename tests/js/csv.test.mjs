// CSV of points (protocol format) and of the loss history.
import assert from "node:assert/strict";
import { test } from "node:test";

import { buildPointsCsv, lossHistoryCsv, parsePointsCsv } from "../../static/js/csv.js";
import { appendHistory, createHistory } from "../../static/js/history.js";

const data = {
  train: [[0.1 + 0.2, -5.123456789012345, 1], [1e-7, 6, -1]],
  test: [[-3, 2.5, 2]],
};

test("points CSV has a header and the set column", () => {
  const text = buildPointsCsv(data);
  assert.deepEqual(text.split("\n").slice(0, 2), ["x1,x2,label,set", "0.30000000000000004,-5.123456789012345,1,train"]);
  assert.ok(text.endsWith("-3,2.5,2,test\n"));
});

test("build then parse gives back the same points", () => {
  const back = parsePointsCsv(buildPointsCsv(data));
  assert.deepEqual({ train: back.train, test: back.test }, data);
  assert.deepEqual(back.unassigned, []);
});

test("rows without a set, blank lines and CRLF are accepted", () => {
  const back = parsePointsCsv("1,2,1\r\n\r\n3,4,-1,test\r\n");
  assert.deepEqual(back, { train: [], test: [[3, 4, -1]], unassigned: [[1, 2, 1]] });
});

test("a bad value names its line and column", () => {
  assert.throws(() => parsePointsCsv("x1,x2,label\n1,2,1\n1,oops,1\n"), /^Error: line 3: x2 is not a number$/);
  assert.throws(() => parsePointsCsv("1,2\n"), /line 1: expected x1,x2,label\[,set\]/);
  assert.throws(() => parsePointsCsv("1,2,1,validation\n"), /line 1: set must be train or test/);
});

test("the loss history CSV has one row per epoch and empty cells for missing losses", () => {
  const history = appendHistory(createHistory(), 0, [0.5, 0.25, null], [0.6, null, 0.125]);
  assert.equal(lossHistoryCsv(history), "epoch,train_loss,test_loss\n0,0.5,0.6\n1,0.25,\n2,,0.125\n");
});

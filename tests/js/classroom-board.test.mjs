// The experiment board's ranking table and curves.
import assert from "node:assert/strict";
import { test } from "node:test";

import { applyBoardChange, boardCurves, boardRows, settingsSummary } from "../../static/js/classroom/board.js";

let ids = 0;
const entry = (name, test, epochs = 3, id = ++ids) => ({
  id, name, label: "", settings: { learning_rate: 0.03, activation: "tanh", hidden_layers: [4, 2], dataset: "circle" },
  epoch: epochs - 1, loss_train: test, loss_test: test, metric: "accuracy", metric_train: 0.9, metric_test: 0.875,
  curve: { epochs: [...Array(epochs).keys()], train: Array(epochs).fill(test), test: Array(epochs).fill(test) },
});

test("rows follow the server's ranking of entry ids, lowest test loss first", () => {
  const rows = boardRows({ entries: [entry("Ana", 0.3, 3, 1), entry("Bo", 0.1, 3, 2)], ranking: [2, 1] });
  assert.deepEqual(rows.map((r) => [r.rank, r.name, r.testLoss]), [[1, "Bo", "0.1000"], [2, "Ana", "0.3000"]]);
  assert.equal(rows[0].metric, "87.5 %");
});

test("entries left out of the ranking come last", () => {
  const rows = boardRows({ entries: [entry("Ana", null, 3, 1), entry("Bo", 0.1, 3, 2)], ranking: [2] });
  assert.deepEqual(rows.map((r) => r.name), ["Bo", "Ana"]);
  assert.equal(rows[1].testLoss, "—");
});

test("a settings summary names rate, activation, layers and data", () => {
  assert.equal(settingsSummary(entry("x", 1).settings), "lr 0.03 · tanh · 4,2 · circle");
  assert.equal(settingsSummary({ hidden_layers: [] }), "no hidden layer");
});

test("curves are thinned, share axes and skip missing losses", () => {
  const long = entry("Ana", 0.5, 1000);
  long.curve.test[10] = null;
  const { series, xMax, yMax } = boardCurves({ entries: [long, entry("Bo", 0.2, 5)] }, 100);
  assert.ok(series[0].points.length <= 100);
  assert.deepEqual(series[0].points.at(-1), [999, 0.5]);
  assert.equal(xMax, 999);
  assert.ok(yMax > 0.5);
  assert.ok(series[0].points.every(([, y]) => Number.isFinite(y)));
});

test("an empty board has sane axes", () => {
  assert.deepEqual(boardCurves({ entries: [] }), { series: [], xMax: 1, yMax: 1, yMin: 1 });
});

test("the board's loss axis is logarithmic, one tick per power of ten, so good runs do not all hug zero", async () => {
  const { boardAxes } = await import("../../static/js/classroom/board.js");
  const curves = boardCurves({ entries: [entry("Ana", 0.004, 300), entry("Bo", 0.8, 300)] });
  const { x, y } = boardAxes(curves);
  assert.deepEqual(y.ticks, [0.001, 0.01, 0.1, 1]);
  assert.ok(Math.abs(y.at(0.01) - 1 / 3) < 1e-12 && Math.abs(y.at(0.1) - 2 / 3) < 1e-12);
  assert.ok(y.at(0.004) > 0.1, "a loss of 0.004 sits well above the axis, not on it");
  assert.deepEqual(x.ticks, [0, 100, 200]); // not only the last epoch
});

test("round epoch ticks", async () => {
  const { niceTicks } = await import("../../static/js/classroom/board.js");
  assert.deepEqual(niceTicks(1000), [0, 200, 400, 600, 800, 1000]);
  assert.deepEqual(niceTicks(7), [0, 2, 4, 6]);
  assert.deepEqual(niceTicks(1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
});

test("a board change adds, replaces and removes entries by id and takes the new ranking", () => {
  let board = applyBoardChange(undefined, { set: [entry("Ana", 0.3, 3, 1)], removed: [], ranking: [1] });
  board = applyBoardChange(board, { set: [entry("Bo", 0.1, 3, 2)], removed: [], ranking: [2, 1] });
  const before = board;
  board = applyBoardChange(board, { set: [entry("Ana", 0.05, 3, 1)], removed: [], ranking: [1, 2] });
  assert.deepEqual(boardRows(board).map((r) => [r.name, r.testLoss]), [["Ana", "0.0500"], ["Bo", "0.1000"]]);
  assert.equal(before.entries[0].loss_test, 0.3, "the earlier board is left as it was");
  board = applyBoardChange(board, { set: [], removed: [1], ranking: [2] });
  assert.deepEqual(boardRows(board).map((r) => r.name), ["Bo"]);
});

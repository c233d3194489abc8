// Predict-then-run questions and the reveal's bars.
import assert from "node:assert/strict";
import { test } from "node:test";

import { PRESET_QUESTIONS, answersText, checkQuestion, pollBars } from "../../static/js/classroom/poll.js";

test("bars show counts and shares in option order", () => {
  const bars = pollBars({ options: ["Yes", "No", "Slowly"], counts: [3, 1, 0] });
  assert.deepEqual(bars.map((b) => b.text), ["3 (75%)", "1 (25%)", "0 (0%)"]);
  assert.equal(bars[0].share, 0.75);
});

test("nobody answering gives empty bars, not NaN", () => {
  assert.deepEqual(pollBars({ options: ["A", "B"], counts: [0, 0] }).map((b) => b.share), [0, 0]);
  assert.equal(answersText(0), "No answers yet");
  assert.equal(answersText(1), "1 answer");
  assert.equal(answersText(12), "12 answers");
});

test("a question needs text and 2 to 6 answers; blanks are dropped", () => {
  assert.deepEqual(checkQuestion(" Converge? ", ["Yes", " ", "No"]), { question: "Converge?", options: ["Yes", "No"] });
  assert.match(checkQuestion("", ["a", "b"]).error, /Write the question/);
  assert.match(checkQuestion("Q", ["a"]).error, /at least 2/);
  assert.match(checkQuestion("Q", ["a", "b", "c", "d", "e", "f", "g"]).error, /at most 6/);
  assert.match(checkQuestion("Q", ["a", "x".repeat(61)]).error, /Answer 2 has more than 60/);
});

test("the presets are valid questions", () => {
  for (const preset of PRESET_QUESTIONS) assert.equal(checkQuestion(preset.question, preset.options).error, undefined);
  assert.deepEqual(PRESET_QUESTIONS[0].options, ["Yes", "No", "Slowly"]);
});

test("after a reveal, the bar of this student's own answer is marked, for that question only", async () => {
  const { pollBars } = await import("../../static/js/classroom/poll.js");
  const poll = { id: 4, options: ["Yes", "No", "Slowly"], counts: [3, 1, 2] };
  assert.deepEqual(pollBars(poll, { id: 4, choice: 2 }).map((b) => b.mine), [false, false, true]);
  assert.deepEqual(pollBars(poll, { id: 3, choice: 2 }).map((b) => b.mine), [false, false, false]);
  assert.deepEqual(pollBars(poll).map((b) => b.mine), [false, false, false]);
});

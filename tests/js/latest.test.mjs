// A dragged timeline asks the server once at a time, and the last value always goes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { latest } from "../../static/js/latest.js";

function server() {
  const calls = [];
  const answers = [];
  const send = (value) => new Promise((resolve) => { calls.push(value); answers.push(resolve); });
  return { calls, send, answer: async () => { answers.shift()(); await new Promise((r) => setTimeout(r, 0)); } };
}

test("the first value goes at once and values pushed meanwhile collapse to the last", async () => {
  const s = server();
  const push = latest(s.send);
  assert.equal(push.busy(), false);
  push(1);
  push(2);
  push(3);
  push(4);
  assert.deepEqual(s.calls, [1]);
  assert.equal(push.busy(), true);
  await s.answer();
  assert.deepEqual(s.calls, [1, 4]);
  await s.answer();
  assert.deepEqual(s.calls, [1, 4], "nothing more to send");
  assert.equal(push.busy(), false, "idle once the last answer came");
  push(5);
  assert.deepEqual(s.calls, [1, 4, 5]);
});

test("a failed request does not stop the next", async () => {
  let calls = 0;
  const push = latest(async () => { calls += 1; if (calls === 1) throw new Error("refused"); });
  push("a");
  push("b");
  await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(calls, 2);
});

test("null (back to now) is a value like any other", async () => {
  const s = server();
  const push = latest(s.send);
  push(10);
  push(null);
  await s.answer();
  assert.deepEqual(s.calls, [10, null]);
});

// Slider sends are throttled, and the latest value is never lost.
import assert from "node:assert/strict";
import { test } from "node:test";

import { throttle } from "../../static/js/throttle.js";

function fakeClock() {
  const clock = { t: 0, timers: [] };
  clock.now = () => clock.t;
  clock.schedule = (fn, ms) => { const timer = { fn, at: clock.t + ms }; clock.timers.push(timer); return timer; };
  clock.cancel = (timer) => { clock.timers = clock.timers.filter((x) => x !== timer); };
  clock.advance = (ms) => {
    clock.t += ms;
    for (const timer of clock.timers.filter((x) => x.at <= clock.t)) { clock.cancel(timer); timer.fn(); }
  };
  return clock;
}

test("the first call goes at once and bursts are limited to one per interval", () => {
  const clock = fakeClock();
  const sent = [];
  const send = throttle((v) => sent.push(v), 100, clock);
  send(1);
  send(2);
  send(3);
  assert.deepEqual(sent, [1]);
  clock.advance(100);
  assert.deepEqual(sent, [1, 3]);
  clock.advance(500);
  assert.deepEqual(sent, [1, 3]);
});

test("flush sends the pending value immediately and only once", () => {
  const clock = fakeClock();
  const sent = [];
  const send = throttle((v) => sent.push(v), 100, clock);
  send(1);
  send(2);
  send.flush();
  assert.deepEqual(sent, [1, 2]);
  clock.advance(200);
  send.flush();
  assert.deepEqual(sent, [1, 2]);
});

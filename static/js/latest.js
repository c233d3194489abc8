// Send the latest value, one request at a time: a slider dragged faster than the server answers.
//
// latest(send) returns push(value): the first value goes at once; values pushed while a
// request is in flight replace each other, and only the last of them goes when it ends.
// So a drag over a thousand epochs costs as many requests as the server can answer, and
// the epoch the pointer stops at is always the last one asked. push.busy() says whether a
// request is still in flight or waiting (a view should not overwrite what the user chose).
// Non-goal: timing (throttle.js).

/** Wrap async `send(value)`; returns push(value), with push.busy(). */
export function latest(send) {
  let busy = false;
  let waiting = false;
  let next;

  async function pump() {
    busy = true;
    while (waiting) {
      const value = next;
      waiting = false;
      try {
        await send(value);
      } catch {
        // a failed send must not stop later ones; the caller reports its own errors
      }
    }
    busy = false;
  }

  function push(value) {
    next = value;
    waiting = true;
    if (!busy) pump();
  }
  push.busy = () => busy || waiting;
  return push;
}

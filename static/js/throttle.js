// Limit how often a slider sends while it is dragged.
//
// throttle(fn, ms) calls fn at once, then at most once per `ms` with the
// latest arguments; flush() sends a pending call now. Clock and timer are
// injectable so tests run without waiting. Non-goal: debouncing.

/** Wrap `fn` so it runs at most once per `interval` ms; the last call always runs. */
export function throttle(fn, interval, { now = () => Date.now(), schedule = setTimeout, cancel = clearTimeout } = {}) {
  let last = -Infinity;
  let timer = null;
  let pending = null;

  function run() {
    timer = null;
    last = now();
    const args = pending;
    pending = null;
    fn(...args);
  }

  function call(...args) {
    pending = args;
    const wait = last + interval - now();
    if (wait <= 0) {
      if (timer !== null) cancel(timer);
      run();
    } else if (timer === null) {
      timer = schedule(run, wait);
    }
  }

  call.flush = () => {
    if (pending === null) return;
    if (timer !== null) cancel(timer);
    run();
  };
  return call;
}

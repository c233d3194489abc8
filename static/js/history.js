// The loss curve: per-epoch training and test losses in growing typed arrays.
//
// Index i holds epoch i; a missing or non-finite loss is stored as NaN.
// decimate() thins the curve to at most N points for the chart (first and
// last always kept). Non-goal: smoothing or statistics.

const INITIAL_CAPACITY = 1024;

/** An empty history. */
export function createHistory(capacity = INITIAL_CAPACITY) {
  return { length: 0, train: new Float64Array(capacity), test: new Float64Array(capacity) };
}

function grow(history, needed) {
  let capacity = history.train.length;
  if (needed <= capacity) return;
  while (capacity < needed) capacity *= 2;
  for (const key of ["train", "test"]) {
    const bigger = new Float64Array(capacity);
    bigger.set(history[key].subarray(0, history.length));
    history[key] = bigger;
  }
}

const toNumber = (v) => (typeof v === "number" && Number.isFinite(v) ? v : NaN);

/**
 * Write losses for epochs start, start + 1, ... into `history`.
 * Anything from `start` on is replaced (a resend or a reset truncates);
 * a gap before `start` is filled with NaN.
 */
export function appendHistory(history, start, train, test) {
  const end = start + train.length;
  grow(history, end);
  if (start > history.length) {
    history.train.fill(NaN, history.length, start);
    history.test.fill(NaN, history.length, start);
  }
  for (let k = 0; k < train.length; k++) {
    history.train[start + k] = toNumber(train[k]);
    history.test[start + k] = toNumber(test ? test[k] : NaN);
  }
  history.length = end;
  return history;
}

/** Index of the k-th of `count` points spread evenly over `length` items. */
function pick(k, count, length) {
  return Math.round((k * (length - 1)) / (count - 1));
}

/**
 * At most `maxPoints` (≥ 2) points of the curve as uPlot data:
 * [epochs, train, test], plain arrays, null where a loss is missing.
 */
export function decimate(history, maxPoints) {
  const n = history.length;
  const count = n <= maxPoints ? n : Math.max(2, Math.floor(maxPoints));
  const epochs = new Array(count);
  const train = new Array(count);
  const test = new Array(count);
  for (let k = 0; k < count; k++) {
    const i = count === n ? k : pick(k, count, n);
    epochs[k] = i;
    train[k] = Number.isNaN(history.train[i]) ? null : history.train[i];
    test[k] = Number.isNaN(history.test[i]) ? null : history.test[i];
  }
  return [epochs, train, test];
}

/** uPlot data for a log-scale axis: losses ≤ 0 (or missing) become null, since log(0) has no place. */
export function forLogScale([epochs, ...series]) {
  return [epochs, ...series.map((values) => values.map((v) => (typeof v === "number" && v > 0 ? v : null)))];
}

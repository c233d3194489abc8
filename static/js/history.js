// The loss curve: per-epoch training and test losses in growing typed arrays.
//
// Index i holds epoch i; a missing or non-finite loss is stored as NaN.
// decimate() thins the curve to at most N points for the chart (first and
// last always kept, and each stretch's extremes, so spikes show). Non-goal: smoothing.

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

/** Indices of `history` to draw: per bucket of epochs, where each loss is lowest and highest. */
function extremes(history, buckets) {
  const n = history.length;
  const picked = [0];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * (n - 2)) / buckets);
    const to = 1 + Math.floor(((b + 1) * (n - 2)) / buckets); // exclusive; the last epoch is added below
    const best = { trainLow: from, trainHigh: from, testLow: from, testHigh: from };
    for (let i = from; i < to; i++) {
      if (history.train[i] < history.train[best.trainLow]) best.trainLow = i;
      if (history.train[i] > history.train[best.trainHigh]) best.trainHigh = i;
      if (history.test[i] < history.test[best.testLow]) best.testLow = i;
      if (history.test[i] > history.test[best.testHigh]) best.testHigh = i;
    }
    if (to > from) picked.push(...new Set(Object.values(best).sort((x, y) => x - y)));
  }
  picked.push(n - 1);
  return picked;
}

/**
 * At most `maxPoints` (≥ 8) points of the curve as uPlot data: [epochs, train, test],
 * plain arrays, null where a loss is missing. A long curve keeps, per stretch of epochs,
 * each loss's lowest and highest value, so spikes and jumps stay on the chart.
 */
export function decimate(history, maxPoints) {
  const n = history.length;
  const indices = n <= maxPoints ? Array.from({ length: n }, (_, i) => i) : extremes(history, Math.max(1, Math.floor((maxPoints - 2) / 4)));
  const value = (series, i) => (Number.isNaN(series[i]) ? null : series[i]);
  return [indices.slice(), indices.map((i) => value(history.train, i)), indices.map((i) => value(history.test, i))];
}

/** uPlot data for a log-scale axis: losses ≤ 0 (or missing) become null, since log(0) has no place. */
export function forLogScale([epochs, ...series]) {
  return [epochs, ...series.map((values) => values.map((v) => (typeof v === "number" && v > 0 ? v : null)))];
}

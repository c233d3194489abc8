// The loss curve: readings (epoch, training loss, test loss) in growing typed arrays, bounded.
//
// The server sends every recent epoch and a thinned record of older ones
// (frame.history.epochs then says which epochs the values belong to); this
// copy stays bounded the same way: past LIMIT readings, all but the last
// RECENT are thinned to at most OLDER, each bucket keeping its first reading
// and its lowest and highest losses, so every minimum and maximum stays on
// the curve. A missing or non-finite loss is NaN. decimate() picks the
// chart's points the same way. Non-goal: smoothing or statistics.

const INITIAL_CAPACITY = 1024;
export const RECENT = 4000; // readings kept one by one (the server's recent epochs fit)
export const OLDER = 2000; // readings kept of everything before them
const LIMIT = RECENT + 2 * OLDER;
const PER_BUCKET = 5; // first, lowest and highest training loss, lowest and highest test loss

/** An empty history. */
export function createHistory(capacity = INITIAL_CAPACITY) {
  return { length: 0, epochs: new Float64Array(capacity), train: new Float64Array(capacity), test: new Float64Array(capacity) };
}

function grow(history, needed) {
  let capacity = history.train.length;
  if (needed <= capacity) return;
  while (capacity < needed) capacity *= 2;
  for (const key of ["epochs", "train", "test"]) {
    const bigger = new Float64Array(capacity);
    bigger.set(history[key].subarray(0, history.length));
    history[key] = bigger;
  }
}

const toNumber = (v) => (typeof v === "number" && Number.isFinite(v) ? v : NaN);

/**
 * Indices of the readings from..to (exclusive) to keep when thinning them into
 * `buckets` runs of consecutive readings: each run's first, and its lowest and
 * highest training and test losses (NaN only when a run has no number). Sorted.
 */
export function thinIndices(history, from, to, buckets) {
  const kept = new Set();
  const size = (to - from) / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = from + Math.floor(b * size);
    const end = from + Math.floor((b + 1) * size);
    if (end <= start) continue;
    kept.add(start);
    for (const values of [history.train, history.test]) {
      let low = -1;
      let high = -1;
      for (let i = start; i < end; i++) {
        if (Number.isNaN(values[i])) continue;
        if (low < 0 || values[i] < values[low]) low = i;
        if (high < 0 || values[i] > values[high]) high = i;
      }
      if (low >= 0) kept.add(low).add(high);
    }
  }
  return [...kept].sort((a, b) => a - b);
}

/** Thin everything but the last RECENT readings to at most OLDER (in place). */
function compact(history) {
  const older = history.length - RECENT;
  const keep = thinIndices(history, 0, older, Math.floor(OLDER / PER_BUCKET));
  let at = 0;
  for (const i of keep) at = move(history, i, at);
  for (let i = older; i < history.length; i++) at = move(history, i, at);
  history.length = at;
}

function move(history, from, to) {
  history.epochs[to] = history.epochs[from];
  history.train[to] = history.train[from];
  history.test[to] = history.test[from];
  return to + 1;
}

/**
 * Write the readings of a frame's history into `history`: losses `train`,
 * `test` of the epochs `epochs` (when the server thinned them) or of
 * start, start + 1, ... Readings from epoch `start` on are replaced (a
 * resend, a reset, a late join from 0 truncates).
 */
export function appendHistory(history, start, train, test, epochs = null) {
  let length = history.length;
  while (length > 0 && history.epochs[length - 1] >= start) length--;
  history.length = length;
  grow(history, length + train.length);
  for (let k = 0; k < train.length; k++) {
    history.epochs[length + k] = epochs ? epochs[k] : start + k;
    history.train[length + k] = toNumber(train[k]);
    history.test[length + k] = toNumber(test ? test[k] : NaN);
  }
  history.length = length + train.length;
  if (history.length > LIMIT) compact(history);
  return history;
}

/**
 * At most about `maxPoints` (≥ 2) readings as uPlot data: [epochs, train, test],
 * plain arrays, null where a loss is missing; the first and last readings and
 * the extremes of each stretch are kept.
 */
export function decimate(history, maxPoints) {
  const n = history.length;
  let picked = Array.from({ length: n }, (_, i) => i);
  if (n > maxPoints) {
    picked = thinIndices(history, 0, n - 1, Math.max(1, Math.floor((maxPoints - 1) / PER_BUCKET)));
    picked.push(n - 1);
  }
  const nullable = (v) => (Number.isNaN(v) ? null : v);
  return [picked.map((i) => history.epochs[i]), picked.map((i) => nullable(history.train[i])), picked.map((i) => nullable(history.test[i]))];
}

/** uPlot data for a log-scale axis: losses ≤ 0 (or missing) become null, since log(0) has no place. */
export function forLogScale([epochs, ...series]) {
  return [epochs, ...series.map((values) => values.map((v) => (typeof v === "number" && v > 0 ? v : null)))];
}

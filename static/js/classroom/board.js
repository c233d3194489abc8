// The class experiment board: a ranking table and everyone's loss curves.
//
// The teacher gets the whole board once (`board`, after a claim) and then
// only what changes (`board_change`); applyBoardChange() keeps the board up
// to date. boardRows() turns it into table rows in ranking order (lowest test
// loss first, as the server ranks, by entry id); boardCurves() thins each
// entry's curve and finds the common ranges, boardAxes() their scales and
// ticks (log losses), ready for a canvas to draw.
// Non-goal: drawing (classroom/draw/board.js) and ranking rules (the server ranks).
import { formatMetric } from "../outputs.js";
import { formatLoss } from "../scales.js";

const finite = (v) => typeof v === "number" && Number.isFinite(v);

/** One short line about an entry's settings: "lr 0.03 · tanh · 4,2 · circle". */
export function settingsSummary(settings = {}) {
  const parts = [];
  if (settings.learning_rate !== undefined) parts.push(`lr ${settings.learning_rate}`);
  if (settings.activation) parts.push(settings.activation);
  if (Array.isArray(settings.hidden_layers)) parts.push(settings.hidden_layers.length ? settings.hidden_layers.join(",") : "no hidden layer");
  if (settings.dataset) parts.push(settings.dataset);
  return parts.join(" · ");
}

/** The board after `change` = { set, removed, ranking }: a new object, `board` is untouched. */
export function applyBoardChange(board = { entries: [], ranking: [] }, { set = [], removed = [], ranking = [] } = {}) {
  const byId = new Map(board.entries.map((e) => [e.id, e]));
  for (const id of removed) byId.delete(id);
  for (const entry of set) byId.set(entry.id, entry);
  return { entries: [...byId.values()].sort((a, b) => a.id - b.id), ranking: ranking.slice() };
}

/**
 * Table rows of `board` = { entries, ranking (entry ids) }: [{ rank, id, name,
 * label, summary, epoch, testLoss, trainLoss, metric }] (texts formatted).
 * Entries the ranking leaves out come last, by id (submission order).
 */
export function boardRows({ entries = [], ranking = [] } = {}) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const order = ranking.filter((id) => byId.has(id));
  for (const e of entries) if (!order.includes(e.id)) order.push(e.id);
  return order.map((id, k) => {
    const e = byId.get(id);
    return {
      rank: k + 1,
      id,
      name: e.name || `Student ${id}`,
      label: e.label || "",
      summary: settingsSummary(e.settings),
      epoch: e.epoch ?? 0,
      testLoss: formatLoss(e.loss_test),
      trainLoss: formatLoss(e.loss_train),
      metric: formatMetric(e.metric, e.metric_test),
    };
  });
}

/** Evenly spread indices (first and last kept) of at most `max` of `n` items. */
function thin(n, max) {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1)));
}

/**
 * Curves of every entry for one chart: { series: [{ id, name, points: [[epoch, loss], ...] }],
 * xMax, yMax } with test losses (training losses where a run has no test set),
 * at most `maxPoints` points each; non-finite losses are skipped.
 */
export function boardCurves({ entries = [] } = {}, maxPoints = 200) {
  let xMax = 1;
  let yMax = 0;
  let yMin = Infinity; // the smallest loss above 0 (the log axis starts at its decade)
  const series = entries.map((e) => {
    const curve = e.curve ?? {};
    const epochs = curve.epochs ?? [];
    const losses = (curve.test ?? []).some(finite) ? curve.test : curve.train ?? [];
    const points = [];
    for (const i of thin(epochs.length, Math.max(2, maxPoints))) {
      if (!finite(losses[i]) || !finite(epochs[i])) continue;
      points.push([epochs[i], losses[i]]);
      xMax = Math.max(xMax, epochs[i]);
      yMax = Math.max(yMax, losses[i]);
      if (losses[i] > 0) yMin = Math.min(yMin, losses[i]);
    }
    return { id: e.id, name: e.name || `Student ${e.id}`, points };
  });
  return { series, xMax, yMax: yMax > 0 ? yMax * 1.05 : 1, yMin: Number.isFinite(yMin) ? yMin : 1 };
}

/** Ticks 0, step, 2·step … ≤ max with a 1, 2 or 5 × 10ⁿ step, about `count` of them. */
export function niceTicks(max, count = 5) {
  const rough = max / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  return Array.from({ length: Math.floor(max / step + 1e-9) + 1 }, (_, k) => Number((k * step).toPrecision(12)));
}

/**
 * The board's axes: losses on a log scale, one tick per power of ten from the decade of
 * the smallest loss to that of the largest (good runs do not all hug zero), and epochs
 * with round ticks. Returns { x: { max, ticks }, y: { min, max, ticks, at(loss) → 0..1 } }.
 */
export function boardAxes({ xMax, yMin, yMax }) {
  const low = Math.floor(Math.log10(yMin));
  const high = Math.max(low + 1, Math.ceil(Math.log10(yMax)));
  const ticks = Array.from({ length: high - low + 1 }, (_, k) => Number((10 ** (low + k)).toPrecision(1)));
  const at = (loss) => (Math.log10(Math.max(loss, 10 ** low)) - low) / (high - low);
  return { x: { max: xMax, ticks: niceTicks(xMax) }, y: { min: 10 ** low, max: 10 ** high, ticks, at } };
}

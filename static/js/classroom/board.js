// The class experiment board: a ranking table and everyone's loss curves.
//
// The teacher gets the whole board once (`board`, after a claim) and then
// only what changes (`board_change`); applyBoardChange() keeps the board up
// to date. boardRows() turns it into table rows in ranking order (lowest test
// loss first, as the server ranks, by entry id); boardCurves() thins each
// entry's curve and finds the common axes, ready for a canvas to draw.
// Non-goal: drawing (draw/board view) and ranking rules (the server ranks).
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
    }
    return { id: e.id, name: e.name || `Student ${e.id}`, points };
  });
  return { series, xMax, yMax: yMax > 0 ? yMax * 1.05 : 1 };
}

// The class experiment board: a ranking table and everyone's loss curves.
//
// boardRows() turns a `board` message into table rows in ranking order
// (lowest test loss first, as the server ranks); boardCurves() thins each
// entry's curve and finds the common axes, ready for a canvas to draw.
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

/**
 * Table rows of `board` = { entries, ranking }: [{ rank, index, name, label,
 * summary, epoch, testLoss, trainLoss, metric }] (texts formatted). Entries the
 * ranking leaves out (no test loss) come last, in arrival order.
 */
export function boardRows({ entries = [], ranking = [] } = {}) {
  const order = ranking.filter((i) => entries[i]);
  for (let i = 0; i < entries.length; i++) if (!order.includes(i)) order.push(i);
  return order.map((index, k) => {
    const e = entries[index];
    return {
      rank: k + 1,
      index,
      name: e.name || `Student ${index + 1}`,
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
 * Curves of every entry for one chart: { series: [{ index, name, points: [[epoch, loss], ...] }],
 * xMax, yMax } with test losses (training losses where a run has no test set),
 * at most `maxPoints` points each; non-finite losses are skipped.
 */
export function boardCurves({ entries = [] } = {}, maxPoints = 200) {
  let xMax = 1;
  let yMax = 0;
  const series = entries.map((e, index) => {
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
    return { index, name: e.name || `Student ${index + 1}`, points };
  });
  return { series, xMax, yMax: yMax > 0 ? yMax * 1.05 : 1 };
}

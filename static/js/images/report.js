// The test set's report as the page shows it, and the runs a class compares (pure).
//
// A frame's `report` (docs/PROTOCOL.md "Image runs") has the confusion matrix (row = true
// class, column = predicted), each class's accuracy and the most confused test images.
// compareRuns keeps the last few networks tried on the same images with their parameter
// counts and best test accuracy, so "a dense network on the pixels" and "a small CNN" sit
// side by side.
// Non-goal: drawing (draw/imageview.js).

export const COMPARED_RUNS = 4;

/** { rows: [{ name, cells: [{ count, share, right }], accuracy }], correct, total } of a report. */
export function confusionView(report, names) {
  const matrix = report?.confusion ?? [];
  let correct = 0;
  let total = 0;
  const rows = matrix.map((row, t) => {
    const sum = row.reduce((s, v) => s + v, 0);
    correct += row[t] ?? 0;
    total += sum;
    return {
      name: names?.[t] ?? String(t),
      cells: row.map((count, p) => ({ count, share: sum ? count / sum : 0, right: p === t })),
      accuracy: report.class_accuracy?.[t] ?? null,
    };
  });
  return { rows, correct, total };
}

/** The report's most confused images with their pixels: [{ index, label, predicted, probability, pixels }]. */
export function confusedImages(report, test) {
  return (report?.most_confused ?? [])
    .filter((item) => test?.[item.index])
    .map((item) => ({ ...item, pixels: test[item.index].pixels }));
}

/** A network's shape in a few words: "CNN 8×3×3, pool → 10", "dense 64 → 16 → 10", "softmax on the pixels". */
export function architectureLabel(settings, classes) {
  const conv = settings?.conv_layers ?? [];
  const hidden = settings?.hidden_layers ?? [];
  const dense = [...hidden, classes].join(" → ");
  if (!conv.length) return hidden.length ? `dense on the pixels: ${dense}` : "softmax on the pixels";
  const filters = conv.map((c) => `${c.filters} × ${c.kernel}×${c.kernel}`).join(", ");
  return `CNN ${filters}${settings.pool ? ", pooled" : ""} → ${dense}`;
}

/**
 * `runs` with the run `entry` = { run, label, dataset, parameters, accuracy, epoch } noted: a
 * run already listed keeps its best accuracy (and the epoch it reached it); a new one goes on
 * top; at most `most` are kept. Returns a new list.
 */
export function compareRuns(runs, entry, most = COMPARED_RUNS) {
  if (entry.accuracy === null || entry.accuracy === undefined) return runs;
  const old = runs.find((r) => r.run === entry.run && r.dataset === entry.dataset);
  if (old) {
    const best = old.accuracy >= entry.accuracy ? old : { ...old, accuracy: entry.accuracy, epoch: entry.epoch };
    return runs.map((r) => (r === old ? best : r));
  }
  return [entry, ...runs].slice(0, most);
}

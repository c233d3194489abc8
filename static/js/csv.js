// CSV files the page builds: data points (docs/PROTOCOL.md "CSV of points") and the loss history.
//
// Numbers are written with String(), the shortest text that reads back as the
// same double, so a download followed by an upload gives the same points.
// parsePointsCsv() mirrors the server's reading for tests and previews; the
// server's parse is the one that counts. Non-goal: quoting (no text fields).

const POINT_HEADER = "x1,x2,label,set";

/** CSV text of `data` ({train, test} of [x1, x2, label]) with a header and the set column. */
export function buildPointsCsv(data) {
  const lines = [POINT_HEADER];
  for (const set of ["train", "test"]) {
    for (const [x1, x2, label] of data?.[set] ?? []) lines.push(`${x1},${x2},${label},${set}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Points of CSV `text`: { train, test, unassigned } (rows without a set go to
 * `unassigned`). Throws Error("line N: ...") naming the first bad line.
 */
export function parsePointsCsv(text) {
  const out = { train: [], test: [], unassigned: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const number = index + 1;
    if (line === "") return;
    const cells = line.split(",").map((c) => c.trim());
    if (index === 0 && cells[0] === "x1") return; // header
    if (cells.length < 3 || cells.length > 4) throw new Error(`line ${number}: expected x1,x2,label[,set]`);
    const values = cells.slice(0, 3).map(Number);
    ["x1", "x2", "label"].forEach((name, k) => {
      if (cells[k] === "" || !Number.isFinite(values[k])) throw new Error(`line ${number}: ${name} is not a number`);
    });
    const set = cells[3];
    if (set !== undefined && set !== "train" && set !== "test") throw new Error(`line ${number}: set must be train or test`);
    out[set ?? "unassigned"].push(values);
  });
  return out;
}

/**
 * CSV "epoch,train_loss,test_loss" of a history (history.js): one row per kept
 * reading (every recent epoch; older ones thinned); missing losses are empty cells.
 */
export function lossHistoryCsv(history) {
  const cell = (v) => (Number.isNaN(v) ? "" : String(v));
  const lines = ["epoch,train_loss,test_loss"];
  for (let i = 0; i < history.length; i++) lines.push(`${history.epochs[i]},${cell(history.train[i])},${cell(history.test[i])}`);
  return `${lines.join("\n")}\n`;
}

// Show the live readings (epoch, parameters, losses, accuracy or R²), the Play/Pause button and the notices.
//
// Pure display: text comes formatted from scales.js and outputs.js, state from state.js.
// The readings have fixed widths (css/screen.css), so growing numbers move nothing.
// Notices: one shows at a time (notices.js), in the header's notice slot.
import { createNoticeBoard } from "../notices.js";
import { formatMetric, metricLabels } from "../outputs.js";
import { formatLoss } from "../scales.js";

const byId = (id) => document.getElementById(id);

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Return { show(state), notice(id, text|null), flash(id, text, ms) } for the page's fixed elements. */
export function createReadouts() {
  const el = Object.fromEntries(["epoch", "param-count", "loss-train", "loss-test", "metric-train", "metric-test", "metric-label", "loss-note", "play", "play-label"].map((id) => [id, byId(id)]));
  const timers = new Map();
  const board = createNoticeBoard();
  const notes = [...document.querySelectorAll("#notices .notice")];

  /** Show notice `id` with `text` (null: take it away); only the latest notice on shows. */
  function notice(id, text) {
    board.set(id, text);
    const shown = board.current();
    for (const note of notes) {
      const mine = note.id === shown?.id;
      if (mine && note.textContent !== shown.text) note.textContent = shown.text;
      if (mine) note.title = shown.text; // the slot clamps a long text to its lines
      note.hidden = !mine;
    }
  }

  return {
    show(state) {
      setText(el.epoch, String(state.epoch));
      setText(el["param-count"], state.parameterCount === null ? "—" : state.parameterCount.toLocaleString("en"));
      setText(el["loss-train"], formatLoss(state.lossTrain));
      setText(el["loss-test"], formatLoss(state.lossTest));
      const metric = state.metric ?? (state.settings?.problem === "regression" ? "r2" : "accuracy");
      setText(el["metric-label"], metricLabels(metric).name);
      setText(el["metric-train"], formatMetric(metric, state.metricTrain));
      setText(el["metric-test"], formatMetric(metric, state.metricTest));
      setText(el["loss-note"], state.settings?.loss === "cross_entropy"
        ? "Loss = cross-entropy over the set (regularization not included)"
        : `Loss = mean of (y − ŷ)²${state.classes >= 3 ? ", summed over the outputs," : ""} over the set (MSE)`);
      setText(el["play-label"], state.running ? "Pause" : "Play");
      el.play.classList.toggle("is-running", state.running);
    },
    notice,
    /** Show notice `id` with `text` for `ms` milliseconds. */
    flash(id, text, ms = 6000) {
      notice(id, text);
      clearTimeout(timers.get(id));
      timers.set(id, setTimeout(() => notice(id, null), ms));
    },
  };
}

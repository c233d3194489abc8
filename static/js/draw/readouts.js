// Show the live readings (epoch, losses, accuracy or R²), the Play/Pause button and the notices.
//
// Pure display: text comes formatted from scales.js and outputs.js, state from state.js.
// The readings have fixed widths (css/screen.css), so growing numbers move nothing.
import { formatMetric, metricLabels } from "../outputs.js";
import { formatLoss } from "../scales.js";

const byId = (id) => document.getElementById(id);

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Return { show(state), notice(id, text|null), flash(id, text, ms) } for the page's fixed elements. */
export function createReadouts() {
  const el = Object.fromEntries(["epoch", "loss-train", "loss-test", "metric-train", "metric-test", "metric-label", "loss-note", "play", "play-label"].map((id) => [id, byId(id)]));
  const timers = new Map();

  function notice(id, text) {
    const note = byId(id);
    if (text) note.textContent = text;
    note.hidden = !text;
  }

  return {
    show(state) {
      setText(el.epoch, String(state.epoch));
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

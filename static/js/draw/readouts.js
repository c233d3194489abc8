// Show the live readings (epoch, losses, accuracy or R²), the Play/Pause button and the notices.
//
// Pure display: text comes formatted from scales.js and outputs.js, state from state.js.
import { formatMetric, metricLabels } from "../outputs.js";
import { formatLoss } from "../scales.js";

const byId = (id) => document.getElementById(id);

/** Return { show(state), notice(id, text|null), flash(id, ms) } for the page's fixed elements. */
export function createReadouts() {
  const epoch = byId("epoch");
  const lossTrain = byId("loss-train");
  const lossTest = byId("loss-test");
  const metricTrain = byId("metric-train");
  const metricTest = byId("metric-test");
  const play = byId("play");
  const playLabel = byId("play-label");
  const timers = new Map();

  function notice(id, text) {
    const el = byId(id);
    if (text) el.textContent = text;
    el.hidden = !text;
  }

  return {
    show(state) {
      epoch.textContent = String(state.epoch);
      lossTrain.textContent = formatLoss(state.lossTrain);
      lossTest.textContent = formatLoss(state.lossTest);
      const metric = state.metric ?? (state.settings?.problem === "regression" ? "r2" : "accuracy");
      const labels = metricLabels(metric);
      byId("metric-train-label").textContent = labels.train;
      byId("metric-test-label").textContent = labels.test;
      metricTrain.textContent = formatMetric(metric, state.metricTrain);
      metricTest.textContent = formatMetric(metric, state.metricTest);
      byId("loss-note").textContent = state.settings?.loss === "cross_entropy"
        ? "Loss = cross-entropy over the set (regularization not included)"
        : `Loss = mean of (y − ŷ)²${state.classes >= 3 ? ", summed over the outputs," : ""} over the set (MSE)`;
      playLabel.textContent = state.running ? "Pause" : "Play";
      play.classList.toggle("is-running", state.running);
      notice("notice-stopped", state.stopped ? `Training stopped: ${state.stopped.message}` : null);
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

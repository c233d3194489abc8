// Show the live readings (epoch, losses), the Play/Pause button and the notices.
//
// Pure display: text comes formatted from scales.js, state from state.js.
import { formatLoss } from "../scales.js";

const byId = (id) => document.getElementById(id);

/** Return { show(state), notice(id, text|null), flash(id, ms) } for the page's fixed elements. */
export function createReadouts() {
  const epoch = byId("epoch");
  const lossTrain = byId("loss-train");
  const lossTest = byId("loss-test");
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

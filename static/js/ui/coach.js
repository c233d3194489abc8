// Wire the coach notes: recompute from the latest frame at most a few times a second.
//
// coach.js does a forward pass over every training point, so frames arriving
// at 30 per second are thinned by throttle.js; the notes name neurons that the
// overlay highlights in the drawing.
import { coachNotes } from "../coach.js";
import { throttle } from "../throttle.js";
import { drawCoach } from "../draw/coach.js";

const INTERVAL_MS = 400;

/** `ctx` = { state, root, schedule }; returns { render() } → overlay marks of the named neurons. */
export function wireCoach({ state, root, schedule }) {
  let notes = [];
  let seen = -1;
  const update = throttle(() => {
    notes = state.weights ? coachNotes({
      history: state.history, stopped: state.stopped, weights: state.weights, biases: state.biases,
      activation: state.activation ?? state.settings?.activation, outputActivation: state.outputActivation,
      features: state.features, points: state.data.train,
    }) : [];
    drawCoach(root, notes);
    root.dataset.epoch = String(state.epoch); // the epoch these notes judged (read by the browser tests)
    schedule();
  }, INTERVAL_MS);

  return {
    render() {
      const key = state.versions.frame + state.versions.data * 1e9;
      if (key !== seen) {
        seen = key;
        update();
      }
      return { marks: { "is-flagged": notes.flatMap((note) => note.neurons) } };
    },
  };
}

// Coach notes: plain one-sentence warnings about what is going wrong in a run.
//
// coachNotes() looks at the loss history, the latest frame and the training
// points and returns notes for (a) divergence, (b) overfitting, (c) dead ReLU
// and saturated sigmoid/tanh neurons, each naming the neurons concerned.
// A healthy run gets no note. The caller limits how often it runs (it does a
// forward pass over every training point). Non-goal: advice on every setting.
import { featureInputs } from "./features.js";
import { forwardLayers } from "./forward.js";
import { finiteParameters, neuronName } from "./inspector.js";

export const DIVERGENCE_FACTOR = 1.5; // recent training loss this many times the start: blown up
export const OVERFIT_EPOCHS = 100; // test loss must have been rising for at least this long
export const OVERFIT_MARGIN = 0.1; // relative rise of test loss above its minimum
export const SATURATED_SHARE = 0.95; // share of training points with |z| beyond the flat-part threshold
export const FLAT_BEYOND = Object.freeze({ tanh: 3, sigmoid: 6 }); // |z| beyond which f′(z) < 1 % of its peak

const RECENT = 10; // epochs averaged for a "current" loss

function finiteMean(values) {
  const finite = values.filter(Number.isFinite);
  return finite.length ? finite.reduce((s, v) => s + v, 0) / finite.length : NaN;
}

function recent(series, end, count = RECENT) {
  return finiteMean(Array.from(series.subarray(Math.max(0, end - count), end)));
}

/** Whether the training loss blew up: the server says so, it is not finite, or it rose far above its start. */
export function diverged(history, stopped) {
  if (stopped?.reason === "diverged") return true;
  const n = history.length;
  if (n < 2) return false;
  const start = history.train[0];
  const last = history.train[n - 1];
  if (Number.isFinite(start) && !Number.isFinite(last)) return true;
  return start > 0 && recent(history.train, n, 5) > DIVERGENCE_FACTOR * start;
}

/**
 * Whether test loss has risen for at least OVERFIT_EPOCHS epochs, clearly
 * above its minimum, while training loss kept falling.
 */
export function overfitting(history) {
  const n = history.length;
  if (n < OVERFIT_EPOCHS + RECENT) return false;
  let best = 0;
  for (let e = 1; e < n; e++) if (history.test[e] < history.test[best] || !Number.isFinite(history.test[best])) best = e;
  const min = history.test[best];
  if (!Number.isFinite(min) || n - 1 - best < OVERFIT_EPOCHS) return false;
  const testNow = recent(history.test, n);
  const trainThen = recent(history.train, best + 1, 1);
  const trainNow = recent(history.train, n);
  return testNow > min * (1 + OVERFIT_MARGIN) + 0.01 && trainNow < 0.9 * trainThen;
}

/**
 * Hidden neurons that are dead (ReLU output 0 on every point) or saturated
 * (|z| beyond FLAT_BEYOND on at least SATURATED_SHARE of the points):
 * { dead: [{layer, neuron}], saturated: [{layer, neuron}] }, layers counted from 1.
 */
export function neuronHealth({ weights, biases, activation, outputActivation, features, points }) {
  const found = { dead: [], saturated: [] };
  const threshold = FLAT_BEYOND[activation];
  if (!points?.length || !weights || (activation !== "relu" && !threshold) || !finiteParameters(weights, biases)) return found;
  const hidden = weights.slice(0, -1).map((w) => w[0].length);
  const alive = hidden.map((n) => new Array(n).fill(false));
  const flat = hidden.map((n) => new Array(n).fill(0));
  for (const point of points) {
    const layers = forwardLayers(weights, biases, activation, outputActivation, featureInputs(features, point));
    hidden.forEach((_, l) => layers[l].z.forEach((z, j) => {
      if (z > 0) alive[l][j] = true;
      if (Math.abs(z) >= threshold) flat[l][j]++;
    }));
  }
  hidden.forEach((n, l) => {
    for (let j = 0; j < n; j++) {
      if (activation === "relu" && !alive[l][j]) found.dead.push({ layer: l + 1, neuron: j });
      if (threshold && flat[l][j] >= SATURATED_SHARE * points.length) found.saturated.push({ layer: l + 1, neuron: j });
    }
  });
  return found;
}

function names(neurons, layerCount) {
  const list = neurons.map((n) => neuronName(n.layer, n.neuron, layerCount));
  return list.length < 2 ? list.join("") : `${list.slice(0, -1).join("; ")} and ${list.at(-1)}`;
}

/**
 * Notes for a run: [{ kind, text, neurons }] with kind "divergence",
 * "overfitting", "dead" or "saturated"; `neurons` lists {layer, neuron} to highlight.
 * `run` = { history, stopped, weights, biases, activation, outputActivation, features, points }.
 */
export function coachNotes(run) {
  const notes = [];
  const { history } = run;
  if (diverged(history, run.stopped)) {
    notes.push({ kind: "divergence", neurons: [], text: "The learning rate is too high: the loss blew up. Lower it and press Reset." });
  } else if (overfitting(history)) {
    notes.push({ kind: "overfitting", neurons: [], text: "The network is memorising the training points: test loss is rising while training loss falls. Try more data, less noise, a smaller network or regularization." });
  }
  const health = neuronHealth(run);
  const layerCount = run.weights?.length ?? 0;
  if (health.dead.length) {
    const one = health.dead.length === 1;
    notes.push({ kind: "dead", neurons: health.dead, text: `Dead ReLU: ${names(health.dead, layerCount)} ${one ? "outputs" : "output"} 0 on every training point, so ${one ? "it no longer learns" : "they no longer learn"}.` });
  }
  if (health.saturated.length) {
    const one = health.saturated.length === 1;
    notes.push({ kind: "saturated", neurons: health.saturated, text: `Saturated ${run.activation}: ${names(health.saturated, layerCount)} ${one ? "sits" : "sit"} on the flat part of the curve for nearly every training point, so ${one ? "its" : "their"} gradient is almost zero and learning stalls.` });
  }
  return notes;
}

// Coach notes: plain one-sentence remarks about what is going on in a run.
//
// coachNotes() looks at the loss history, the latest frame, the server's stop and the
// training points and returns notes for (a) a stop (the server's reason, the one message
// when a number stopped being finite), (b) a learning rate that is too high (the loss
// jumps around, or jumped up and stays there, often with saturated or dead neurons: one
// note says it all and names them), (c) overfitting, (d) dead ReLU and saturated
// sigmoid/tanh neurons. A healthy run gets no note. The caller limits how often it runs
// (it does a forward pass over every training point). Non-goal: advice on every setting.
import { featureInputs } from "./features.js";
import { forwardLayers } from "./forward.js";
import { finiteParameters, neuronName } from "./inspector.js";

export const DIVERGENCE_FACTOR = 1.5; // a loss this many times its start has blown up (or once had)
export const JUMP_WINDOW = 30; // epochs looked at for a loss jumping up and down
export const JUMP_SHARE = 0.5; // rises and falls each adding up to this share of the start loss within the window: jumping
export const JUMP_LEVEL = 0.75; // … while the loss stays above this share of its start and climbs back above the start
export const OVERFIT_EPOCHS = 100; // test loss must have been rising for at least this long
export const OVERFIT_MARGIN = 0.1; // relative rise of test loss above its minimum
export const OVERFIT_GIVEBACK = 0.25; // … and it gave back at least this share of what it fell from its start to its minimum
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

function windowStats(series, end) {
  let rises = 0;
  let falls = 0;
  let top = -Infinity;
  for (let e = Math.max(1, end - JUMP_WINDOW); e < end; e++) {
    const step = series[e] - series[e - 1];
    if (step > 0) rises += step;
    else falls -= step;
    if (series[e] > top) top = series[e];
  }
  return { rises, falls, top };
}

/**
 * How the training loss shows a learning rate that is too high: "jumping" (up and down,
 * never settling), "high" (it shot up and stays above where it started, or blew up), or
 * null. A loss that stopped being finite is the server's to report (it stops the run).
 */
export function learningRateTooHigh(history) {
  const n = history.length;
  const start = history.train[0];
  if (n < 3 || !(start > 0) || !Number.isFinite(history.train[n - 1])) return null;
  const now = recent(history.train, n, 5);
  const { rises, falls, top } = windowStats(history.train, n);
  if (Math.min(rises, falls) > JUMP_SHARE * start && top > start && now > JUMP_LEVEL * start) return "jumping";
  if (now > DIVERGENCE_FACTOR * start) return "high";
  let peak = -Infinity;
  for (let e = 1; e < n; e++) if (history.train[e] > peak) peak = history.train[e];
  return peak > DIVERGENCE_FACTOR * start && now > start ? "high" : null;
}

/**
 * Whether test loss has risen for at least OVERFIT_EPOCHS epochs, clearly above its
 * minimum, while training loss kept falling. How much it rose is what counts: it must
 * give back OVERFIT_GIVEBACK of what it fell from the start to its minimum, so a run at
 * 99 % test accuracy whose test loss drifts from 0.02 to 0.03 is not called memorising.
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
  const fell = recent(history.test, 1, 1) - min;
  const rose = testNow - min;
  return rose > min * OVERFIT_MARGIN + 0.01 && rose >= OVERFIT_GIVEBACK * fell && trainNow < 0.9 * trainThen;
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

function tooHighNote(how, health, activation, layerCount) {
  const hurt = [...health.saturated, ...health.dead];
  const why = how === "jumping"
    ? "every step overshoots, so the loss jumps up and down instead of settling"
    : "the first steps threw the loss up and it stays above where it started";
  const neurons = [];
  if (health.saturated.length) neurons.push(`${names(health.saturated, layerCount)} saturated (stuck where ${activation} is flat, so they barely learn)`);
  if (health.dead.length) neurons.push(`${names(health.dead, layerCount)} died (ReLU outputs 0 on every point)`);
  const also = neurons.length ? `; ${neurons.join(", and ")}` : "";
  return { kind: "divergence", neurons: hurt, text: `The learning rate is too high: ${why}${also}. Lower it and press Reset.` };
}

/** The server's stop as one sentence. */
function stopNote(stopped) {
  return { kind: "stopped", neurons: [], text: stopped.message || `Training stopped (${stopped.reason}).` };
}

/**
 * Notes for a run: [{ kind, text, neurons }] with kind "stopped", "divergence",
 * "overfitting", "dead" or "saturated"; `neurons` lists {layer, neuron} to highlight.
 * `run` = { history, stopped, weights, biases, activation, outputActivation, features, points }.
 * A run stopped because a number stopped being finite gets that one message alone.
 */
export function coachNotes(run) {
  const { history, stopped } = run;
  if (stopped?.reason === "diverged") return [stopNote(stopped)];
  const notes = stopped ? [stopNote(stopped)] : [];
  const health = neuronHealth(run);
  const layerCount = run.weights?.length ?? 0;
  const how = learningRateTooHigh(history);
  if (how) return [...notes, tooHighNote(how, health, run.activation, layerCount)];
  if (overfitting(history)) {
    notes.push({ kind: "overfitting", neurons: [], text: "The network is memorising the training points: test loss is rising while training loss falls. Try more data, less noise, a smaller network or regularization." });
  }
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

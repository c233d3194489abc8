// The one-point backpropagation walk-through: its steps and what each step shows.
//
// An explain_point ack (the engine's numbers) is walked forward layer by
// layer (z and a per neuron), then the loss, then backward layer by layer
// (∂L/∂a and ∂L/∂z per neuron, ∂L/∂w per link and the update
// w ← w − η·∂L/∂w). Names come from the caller. Non-goal: computing any
// gradient here: every number is the ack's.
import { factor, math, mi, mn, mo, mrow, msub } from "./mathml.js";

/** Steps of an ack: [{ kind: "forward" | "loss" | "backward", layer }] (layer = weight layer). */
export function backpropSteps(ack) {
  const count = ack?.layers?.length ?? 0;
  if (!count) return [];
  const forward = Array.from({ length: count }, (_, l) => ({ kind: "forward", layer: l }));
  const backward = Array.from({ length: count }, (_, k) => ({ kind: "backward", layer: count - 1 - k }));
  return [...forward, { kind: "loss", layer: count - 1 }, ...backward];
}

/** The update of one weight as MathML: w ← w − η·g = new. */
export function updateMath(w, rate, gradient, updated) {
  return math(mrow(mi("w"), mo("←"), factor(w), mo("−"), mn(rate), mo("·"), factor(gradient), mo("="), mn(updated)), { display: "inline" });
}

const partial = (top, bottom) => mrow(mo("∂"), mi(top), mo("/"), mo("∂"), mi(bottom));

/**
 * What step `index` shows: { kind, layer, title, text, neurons: [{ name, cells }],
 * columns, links: [{ from, to, name, gradient, weight, updated, update }] }.
 * `names` = { neuron(layer, j) → "layer 1, neuron 2", input(i) → "X₁" } with layer
 * counted as in the drawing (0 = inputs).
 */
export function stepView(ack, index, names) {
  const steps = backpropSteps(ack);
  const step = steps[Math.max(0, Math.min(index, steps.length - 1))];
  if (!step) return null;
  const { kind, layer } = step;
  const last = ack.layers.length - 1;
  const view = { kind, layer, step: steps.indexOf(step), count: steps.length, neurons: [], links: [], columns: [] };
  const target = (j) => names.neuron(layer + 1, j);
  if (kind === "forward") {
    view.title = `Forward pass: ${layer === last ? "output layer" : `layer ${layer + 1}`}`;
    view.text = "Each neuron adds up its weighted inputs and its bias (z), then applies its activation (a = f(z)).";
    view.columns = [math(mi("z"), { display: "inline" }), math(mi("a"), { display: "inline" })];
    view.neurons = ack.layers[layer].z.map((z, j) => ({ name: target(j), values: [z, ack.layers[layer].a[j]] }));
  } else if (kind === "loss") {
    view.title = "Loss of this point";
    view.text = `The output is compared with the target: the loss of this one point is ${mn(ack.loss).replace(/<[^>]+>/g, "")}.`;
    view.columns = [math(msub(mi("y"), mi("out")), { display: "inline" }), math(mi("target"), { display: "inline" })];
    view.neurons = ack.output.map((y, j) => ({ name: target(j), values: [y, ack.target[j]] }));
    view.loss = ack.loss;
  } else {
    const back = ack.backward[layer];
    view.title = `Backward pass: ${layer === last ? "output layer" : `layer ${layer + 1}`}`;
    view.text = "The error flows back: ∂L/∂z = ∂L/∂a · f′(z), each weight's gradient is ∂L/∂z of its neuron times its input, and gradient descent moves the weight against it.";
    view.columns = [math(partial("L", "a"), { display: "inline" }), math(partial("L", "z"), { display: "inline" })];
    view.neurons = back.dL_dz.map((g, j) => ({ name: target(j), values: [back.dL_da[j], g] }));
    const rate = ack.learning_rate;
    back.dL_dw.forEach((row, i) => row.forEach((gradient, j) => {
      const updated = ack.updated_weights[layer][i][j];
      const weight = updated + rate * gradient;
      view.links.push({
        from: i, to: j, gradient, weight, updated,
        name: `${layer === 0 ? names.input(i) : names.neuron(layer, i)} → ${target(j)}`,
        update: updateMath(weight, rate, gradient, updated),
      });
    }));
  }
  return view;
}

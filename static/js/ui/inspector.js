// Wire the neuron inspector and the activation lens: pick a neuron and a point, show the live numbers.
//
// A neuron is chosen by clicking it in the network; a point by clicking the
// output plane (the nearest data point within a few pixels, else the spot
// itself) or by hovering over it with a mouse. Numbers come from the frame's
// weights through inspector.js and lens.js; render() runs on every page render.
import { activationSymbol, displayedNumbers, finiteParameters, inspectNeuron, nearestPoint, neuronEquation, neuronName } from "../inspector.js";
import { activationCurve, histogram, lensMarks, lensRange, lensScale } from "../lens.js";
import { featureInputs } from "../features.js";
import { forwardLayers } from "../forward.js";
import { dataPoint } from "../layout.js";
import { formatSig } from "../mathml.js";
import { createInspector } from "../draw/inspector.js";
import { drawLens } from "../draw/lens.js";

const PICK_PIXELS = 14;
const $ = (id) => document.getElementById(id);

/** `ctx` = { state, heatmap, showTest(), schedule, onPickTrain(index) }; returns { select(target), render(open) }. */
export function wireInspector({ state, heatmap, showTest, schedule, onPickTrain }) {
  const chosen = { neuron: null, pinned: null, hover: null };
  const show = createInspector($("inspector"));
  const surface = heatmap.root;
  const viewing = () => (surface.dataset.mode ?? "view") === "view";
  let lensKey = "";

  function pick(event) {
    const box = surface.getBoundingClientRect();
    const [x1, x2] = dataPoint(state.domain, box.width, event.clientX - box.left, event.clientY - box.top);
    const radius = (PICK_PIXELS * 2 * state.domain) / box.width;
    const train = nearestPoint(state.data.train, x1, x2, radius);
    const test = showTest() ? nearestPoint(state.data.test, x1, x2, radius) : null;
    const hit = train ?? test;
    if (!hit) return { point: [x1, x2], set: null, index: null };
    return { point: hit.point.slice(0, 2), set: train ? "train" : "test", index: hit.index };
  }

  surface.addEventListener("pointermove", (event) => {
    if (!viewing() || event.pointerType !== "mouse") return;
    chosen.hover = pick(event);
    schedule();
  });
  surface.addEventListener("pointerleave", () => { chosen.hover = null; schedule(); });
  surface.addEventListener("click", (event) => {
    if (!viewing()) return;
    chosen.pinned = pick(event);
    chosen.hover = null;
    if (chosen.pinned.set === "train") onPickTrain(chosen.pinned.index);
    schedule();
  });

  function pointText(p) {
    const where = `(${formatSig(p.point[0])}, ${formatSig(p.point[1])})`;
    return p.set ? `${p.set === "train" ? "training" : "test"} point ${p.index} at ${where}` : `the spot ${where}`;
  }

  function showInspector(point, activation) {
    const n = chosen.neuron;
    const layers = state.sizes ? state.sizes.length - 1 : 0;
    if (!n || n.layer > layers || n.neuron >= (state.sizes?.[n.layer] ?? 0)) {
      chosen.neuron = null;
      return show({ title: "No neuron chosen", hint: "Click a neuron in the network, then click a point on the output plane (or hover over it)." });
    }
    const title = neuronName(n.layer, n.neuron, layers).replace(/^./, (c) => c.toUpperCase());
    if (!point) return show({ title, hint: "Now click a point on the output plane, or hover over it." });
    const inspection = inspectNeuron({
      weights: state.weights, biases: state.biases, activation, outputActivation: state.outputActivation,
      features: state.features, point: point.point, layer: n.layer, neuron: n.neuron,
    });
    if (!inspection) return show({ title, hint: "The weights are not finite numbers: press Reset." });
    show({
      title: `${title}, for ${pointText(point)}`,
      hint: n.layer === 1 ? "Inputs x are the features of the point." : `Inputs a are the outputs of layer ${n.layer - 1} for this point.`,
      lines: neuronEquation(inspection, activationSymbol(state.catalog, inspection.fn)),
      numbers: displayedNumbers(inspection),
      layer: n.layer, neuron: n.neuron, activation: inspection.fn,
    });
  }

  function hiddenZs(point, activation) {
    const x = featureInputs(state.features, point);
    return forwardLayers(state.weights, state.biases, activation, state.outputActivation, x).slice(0, -1).map((l) => l.z);
  }

  function showLens(point, activation) {
    const canvas = $("lens");
    const key = `${state.versions.frame}|${point?.point}|${activation}|${canvas.clientWidth}`;
    if (key === lensKey || !state.weights || !finiteParameters(state.weights, state.biases)) return;
    lensKey = key;
    const symbol = activationSymbol(state.catalog, activation);
    const layers = point ? hiddenZs(point.point, activation) : state.data.train.map((p) => hiddenZs(p, activation).flat());
    const all = layers.flat();
    const range = lensRange(all);
    const curve = activationCurve(activation, range);
    const scale = lensScale(range, curve.min, curve.max, canvas.clientWidth, canvas.clientHeight);
    const marks = point ? lensMarks(layers, activation, scale.x, 34) : [];
    drawLens(canvas, {
      curve, range, scale, marks, counts: point ? null : histogram(all, range),
      axisLabel: "z", topLabel: formatSig(Number(curve.high.toPrecision(2))), bottomLabel: formatSig(Number(curve.low.toPrecision(2))),
    });
    $("lens-caption").textContent = !all.length
      ? `Activation lens: ${symbol} (this network has no hidden layer)`
      : point
        ? `Activation lens: ${symbol}(z), with each hidden neuron's z for ${pointText(point)} (label = layer·neuron)`
        : `Activation lens: ${symbol}(z); bars show how often each z occurs over the training points (all hidden neurons)`;
    canvas.dataset.marks = String(marks.length);
  }

  return {
    /** Choose neuron `target` = { layer, neuron } for the inspector. */
    select(target) {
      chosen.neuron = { layer: target.layer, neuron: target.neuron };
      schedule();
    },
    /** Update the heatmap ring, and the inspector and lens when `open`; return overlay marks. */
    render(open) {
      const point = chosen.hover ?? chosen.pinned;
      heatmap.setMarker(point?.point ?? null, state.domain);
      if (open && state.weights) {
        const activation = state.activation ?? state.settings?.activation ?? "tanh";
        showInspector(point, activation);
        showLens(point, activation);
      }
      return { marks: { "is-inspected": chosen.neuron ? [chosen.neuron] : [] } };
    },
  };
}

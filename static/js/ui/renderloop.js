// Turn the state into pixels, at most once per animation frame.
//
// Evaluates the network over the grid (forward.js), picks colours through the
// pure modules and hands finished data to the draw/* views. Redraws only what
// changed, by comparing version counters and a small view key.
import { paintClasses, paintClassShare } from "../classcolors.js";
import { paintValues } from "../colors.js";
import { FEATURE_NAMES, FEATURES, featureColumn, featureRange } from "../features.js";
import { layerLimits } from "../fields.js";
import { createGridEvaluator, gridCoordinates } from "../forward.js";
import { decimate } from "../history.js";
import { displayValues, outputCaption, outputKind, pointStyle } from "../outputs.js";

// Heatmap resolution, cells per side. While training runs, every frame is a
// full forward pass over the grid for every neuron (6×8 network: 49 grids),
// so a coarser grid keeps the page at 30+ frames/s; at rest it is redrawn fine.
const GRID_STILL = 80;
const GRID_LIVE = 32;
const ALL_FEATURES = FEATURE_NAMES.map((name) => ({ name, label: FEATURES[name].label }));

/**
 * `views` = { heatmap, chart, network, peek (ui/peek.js, optional), legend(kind, classes),
 * caption(text), afterSettings(), after(), images: { render() } }; `view` = { showTest, discretize, focus }
 * is read on every render. Returns { schedule, invalidate() }.
 */
export function createRenderer(state, view, views) {
  const drawn = { settings: -1, frame: -1, run: -1, points: "", field: "", legend: "" };
  let evaluator = null;
  let evaluatorKey = "";
  let featureGrids = null;
  let display = [];
  let requested = false;
  let framesDrawn = 0; // server frames that reached the screen

  function prepare() {
    const grid = state.running ? GRID_LIVE : GRID_STILL;
    const key = `${state.sizes.join()}|${state.domain}|${state.features.join()}|${grid}`;
    if (key === evaluatorKey) return;
    evaluator = createGridEvaluator(state.sizes, grid, state.domain, state.features);
    evaluatorKey = key;
    const { x1, x2 } = gridCoordinates(grid, state.domain);
    featureGrids = Object.fromEntries(FEATURE_NAMES.map((name) => [name, { values: featureColumn(name, x1, x2), scale: featureRange(name, state.domain) }]));
    display = Array.from({ length: state.sizes.at(-1) }, () => new Float64Array(grid * grid));
  }

  const noPoints = () => !state.data.train.length && !state.data.test.length;

  function kind() {
    return outputKind({ classes: state.classes, problem: state.settings?.problem });
  }

  function renderNetwork() {
    const limits = layerLimits(state.schema?.hidden_layers);
    const k = kind();
    const rebuilt = views.network.setStructure({
      sizes: state.sizes, features: state.features, allFeatures: ALL_FEATURES, limits, enabled: state.connected,
      classes: k === "classes" ? state.classes : 0, // output neurons labelled by class
    });
    if (!state.weights || !state.settings || state.weights.length !== state.sizes.length - 1) return;
    prepare();
    const fieldKey = `${state.versions.frame}|${view.discretize}|${view.focus?.layer},${view.focus?.neuron},${view.focus?.pinned}|${evaluatorKey}`;
    if (!rebuilt && fieldKey === drawn.field) return;
    drawn.field = fieldKey;
    const activation = state.activation ?? state.settings.activation; // what these weights were trained with
    const output = state.outputActivation;
    const layers = evaluator.evaluate(state.weights, state.biases, activation, output);
    const last = layers.at(-1);
    last.forEach((values, j) => displayValues(values, output, display[j]));
    // Several classes: each output neuron is its class's probability, in its class's colour.
    const fill = (l, j) => (k === "classes" && l === layers.length - 1
      ? (rgba) => paintClassShare(last[j], j, rgba) : (rgba) => paintValues(l === layers.length - 1 ? display[j] : layers[l][j], rgba));
    views.network.draw({ features: featureGrids, layers: [...layers.slice(0, -1), display], fill, size: evaluator.size, weights: state.weights, biases: state.biases, live: state.running });

    const focus = view.focus;
    const shown = focus && layers[focus.layer]?.[focus.neuron];
    views.peek?.show(shown ? { label: focus.label, pinned: focus.pinned, size: evaluator.size, fill: fill(focus.layer, focus.neuron),
      points: [state.data.train, state.data.test, state.domain, view.showTest, pointStyle(k)] } : null);
    if (shown) {
      views.heatmap.drawField(evaluator.size, fill(focus.layer, focus.neuron));
      views.caption(`Showing ${focus.label}. ${focus.pinned ? "Tap it again" : "Move away"} to return to the output.`);
    } else if (k === "classes") {
      views.heatmap.drawField(evaluator.size, (rgba) => paintClasses(last, rgba, view.discretize));
      views.caption(outputCaption(k, { empty: noPoints() }));
    } else {
      displayValues(last[0], output, display[0], { discretize: view.discretize, kind: k });
      views.heatmap.drawField(evaluator.size, (rgba) => paintValues(display[0], rgba));
      views.caption(outputCaption(k, { empty: noPoints() }));
    }
  }

  function render() {
    requested = false;
    const { versions } = state;
    if (drawn.settings !== versions.settings) views.afterSettings();
    const k = kind();
    const legendKey = `${k}|${state.classes}`;
    if (legendKey !== drawn.legend) {
      views.legend(k, state.classes);
      drawn.legend = legendKey;
    }
    if (state.images) views.images.render(); // an image run draws its own network and output
    else if (state.sizes) renderNetwork();
    const surface = views.heatmap.root;
    const pointsKey = `${versions.data}|${view.showTest}|${surface.clientWidth}|${k}`;
    if (pointsKey !== drawn.points) {
      views.heatmap.drawPoints(state.data.train, state.data.test, state.domain, view.showTest, pointStyle(k));
      surface.dataset.train = String(state.data.train.length);
      surface.dataset.test = String(state.data.test.length);
    }
    if (drawn.frame !== versions.frame || drawn.run !== versions.run) {
      views.chart.update(decimate(state.history, views.chart.width()));
      surface.dataset.framesDrawn = String(++framesDrawn); // read by bench/browser.py
      views.chart.root.dataset.history = String(state.history.length); // read by the browser tests
    }
    Object.assign(drawn, { settings: versions.settings, frame: versions.frame, run: versions.run, points: pointsKey });
    views.after?.();
    // Text last: the views above read sizes (clientWidth); text written before
    // those reads would force a layout in the middle of every frame.
    views.readouts.show(state);
  }

  function schedule() {
    if (requested) return;
    requested = true;
    requestAnimationFrame(render);
  }

  return {
    schedule,
    /** Force a full redraw on the next frame (after a resize or a reconnect). */
    invalidate() {
      Object.assign(drawn, { settings: -1, frame: -1, field: "", points: "", legend: "" });
      schedule();
    },
  };
}

// Wire the "math, live" features together: tabs, formulas and loss, inspector, backprop, coach, overlay.
//
// render() runs on every page render (ui/renderloop.js calls it); each part
// redraws only what changed. The network overlay merges what the parts ask
// for: the inspected neuron, the coach's flagged neurons and the backprop
// step's numbers.
import { lossReadingMath, metricReading, pickFormulas } from "../formulas.js";
import { createMathPanel } from "../draw/formulas.js";
import { createOverlay } from "../draw/overlay.js";
import { wireBackprop } from "./backprop.js";
import { wireCoach } from "./coach.js";
import { wireInspector } from "./inspector.js";
import { wireTabs } from "./tabs.js";

const $ = (id) => document.getElementById(id);
const LOSS_READING_HZ = 8;

/**
 * `ctx` = { state, client, network, heatmap, dock, showTest(), schedule }; returns
 * { selectNeuron(target), render(), tabs }. Choosing a neuron opens the math in the side panel.
 * An image run has its own tab (Convolution, ui/images.js) instead of the inspector and
 * backpropagation, which are for points.
 */
export function wireMathPanel({ state, client, network, heatmap, dock, showTest, schedule }) {
  const tabs = wireTabs(document.querySelector(".panel-math [role=tablist]"), schedule);
  const panel = createMathPanel($("pane-formulas"), $("loss-reading"), $("metric-reading"));
  const overlay = createOverlay($("network"));
  const backprop = wireBackprop({ state, client, network, schedule, measure: overlay.measure });
  const inspector = wireInspector({ state, heatmap, showTest, schedule, onPickTrain: (i) => backprop.setIndex(i) });
  const coach = wireCoach({ state, root: $("coach"), schedule });
  let formulasKey = "";
  let lossKey = "";
  let lossShownAt = -Infinity;

  function renderFormulas(shown) {
    // The cards' width counts too: a formula is fitted to its card only while it shows.
    const key = `${state.versions.settings}|${state.versions.schema}|${state.outputActivation}|${shown && $("formulas").clientWidth}`;
    if (key !== formulasKey && state.catalog && state.settings) {
      formulasKey = key;
      panel.showFormulas(pickFormulas(state.catalog, state.settings, state.outputActivation));
      if (shown) panel.fit();
    }
    const readings = [state.lossTrain, state.lossTest, state.metric, state.metricTrain, state.metricTest];
    // Written-out readings are for reading: while training runs, at most LOSS_READING_HZ
    // a second (each one is MathML to parse and lay out); at rest, at once.
    const now = performance.now();
    if (readings.join() !== lossKey && (!state.running || now - lossShownAt >= 1000 / LOSS_READING_HZ)) {
      lossKey = readings.join();
      lossShownAt = now;
      panel.showLoss(lossReadingMath(state.lossTrain, state.lossTest), metricReading(state.metric, state.metricTrain, state.metricTest));
    }
  }

  return {
    selectNeuron(target) {
      inspector.select(target);
      dock.show("math");
      if (tabs.current() !== "tab-backprop") tabs.choose("tab-inspector");
    },
    tabs,
    render() {
      if (state.images && ["tab-inspector", "tab-backprop"].includes(tabs.current())) tabs.choose("tab-formulas");
      if (!state.images && tabs.current() === "tab-conv") tabs.choose("tab-formulas");
      const tab = dock.current() === "math" && !dock.folded() ? tabs.current() : null;
      renderFormulas(tab === "tab-formulas");
      const parts = [inspector.render(tab === "tab-inspector"), backprop.render(tab === "tab-backprop"), coach.render()];
      const marks = Object.assign({}, ...parts.map((p) => p.marks ?? {}));
      overlay.draw({ labels: parts.flatMap((p) => p.labels ?? []), badges: parts.flatMap((p) => p.badges ?? []), marks });
    },
  };
}

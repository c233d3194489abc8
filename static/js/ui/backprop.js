// Wire the backpropagation pane: ask the engine to explain one training point, step through it.
//
// explain_point is sent when the pane opens, on Refresh, when the point
// changes, and when a frame arrives while training is paused. Previous/Next
// (or ← and → inside the pane) walk the steps; the numbers of the current
// layer are also written on the network drawing (labels placed by linklabels.js).
import { backpropSteps, stepView } from "../backprop.js";
import { FEATURES } from "../features.js";
import { neuronName } from "../inspector.js";
import { placeBadges, placeLinkLabels } from "../linklabels.js";
import { formatSig } from "../mathml.js";
import { createBackpropView } from "../draw/backprop.js";

const $ = (id) => document.getElementById(id);

/**
 * `ctx` = { state, client, network, schedule, measure(text) → { w, h } (a label's box in the
 * overlay's font) }; returns { setIndex(i), render(open) }.
 */
export function wireBackprop({ state, client, network, schedule, measure }) {
  const bp = { index: 0, ack: null, step: 0, frame: -1, run: -1, loading: false, error: null, open: false };
  const show = createBackpropView($("backprop"));

  async function fetchAck() {
    if (bp.loading || !state.data.train.length) return;
    bp.loading = true;
    bp.frame = state.versions.frame;
    bp.run = state.versions.run;
    const ack = await client.send("explain_point", { index: bp.index, set: "train" });
    bp.loading = false;
    bp.error = ack.ok ? null : ack.error?.message ?? "The server refused.";
    if (ack.ok) bp.ack = ack;
    schedule();
  }

  const move = (delta) => {
    const count = backpropSteps(bp.ack).length;
    bp.step = Math.max(0, Math.min(count - 1, bp.step + delta));
    schedule();
  };
  function setIndex(i) {
    const n = state.data.train.length;
    bp.index = Math.max(0, Math.min(n - 1, Math.round(Number(i) || 0)));
    $("bp-index").value = String(bp.index);
    if (bp.open) fetchAck();
    else bp.ack = null;
  }
  $("bp-prev").addEventListener("click", () => move(-1));
  $("bp-next").addEventListener("click", () => move(1));
  $("bp-refresh").addEventListener("click", fetchAck);
  $("bp-index").addEventListener("change", (event) => setIndex(event.target.value));
  $("pane-backprop").addEventListener("keydown", (event) => {
    if (event.target.tagName === "INPUT" || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault(); // keeps the page's → (one training step) out of it
      move(event.key === "ArrowRight" ? 1 : -1);
    }
  });

  const names = () => ({
    neuron: (l, j) => neuronName(l, j, state.sizes.length - 1),
    input: (i) => FEATURES[state.features[i]]?.label ?? `x${i + 1}`,
  });

  /**
   * Badges beside the step's neurons: "∂L/∂z = 0.0456" where it fits, else the number
   * alone (the step's title says what it is), else none. Returns the badges with their boxes.
   */
  function neuronBadges(view, node, target, taken, bounds) {
    const [name, column] = { forward: ["a", 1], loss: ["ŷ", 0], backward: ["∂L/∂z", 1] }[view.kind];
    const candidates = (short) => view.neurons.map((n, j) => {
      const text = short ? formatSig(n.values[column]) : `${name} = ${formatSig(n.values[column])}`;
      const { w, h } = measure(text);
      return target(j) && { key: j, ...target(j), text, width: w, height: h };
    }).filter(Boolean);
    const badges = [];
    for (const short of [false, true]) {
      const left = candidates(short).filter((b) => !badges.some((p) => p.key === b.key));
      for (const { key, x, y } of placeBadges(left, node, taken, bounds)) {
        const { text, width, height } = left.find((b) => b.key === key);
        badges.push({ key, x, y, text, w: width, h: height });
        taken.push({ x, y, w: width, h: height });
      }
    }
    return badges;
  }

  /** Numbers of the step on the drawing: badges beside its neurons, ∂L/∂w on its links; none over a neuron or another number. */
  function overlay(view) {
    const geo = network.geometry();
    if (!view || !geo || view.layer + 1 >= geo.columns.length) return {};
    const { columns, node, rowOf } = geo;
    const bounds = { w: $("network").clientWidth, h: $("network").clientHeight };
    const taken = network.boxes().slice(); // neurons, biases, features, titles: never covered
    const target = (j) => columns[view.layer + 1].nodes[j];
    const badges = neuronBadges(view, node, target, taken, bounds).map((b) => ({
      x: b.x, y: b.y + b.h * 0.3, text: b.text, data: { neuron: String(b.key) },
    }));
    const height = measure("0").h;
    const items = view.links.map((k) => ({
      key: k, a: columns[view.layer].nodes[view.layer === 0 ? rowOf(k.from) : k.from], b: target(k.to),
      width: measure(formatSig(k.gradient)).w, priority: Math.abs(k.gradient),
    })).filter((item) => item.a && item.b);
    const labels = placeLinkLabels(items, node, height, taken, bounds).map(({ key, x, y }) => ({
      x, y: y + height * 0.3, text: formatSig(key.gradient),
      data: { layer: String(view.layer), from: String(key.from), to: String(key.to), value: String(key.gradient) },
    }));
    const stepped = view.neurons.map((_, j) => ({ layer: view.layer + 1, neuron: j }));
    return { labels, badges, marks: { "is-stepped": stepped } };
  }

  function render(open) {
    const opened = open && !bp.open;
    bp.open = open;
    if (!open) return {};
    if (bp.run !== state.versions.run && bp.run !== -1) { bp.ack = null; setIndex(bp.index); }
    const stale = bp.frame !== state.versions.frame;
    if (!bp.loading && (!bp.ack || opened || (stale && !state.running))) fetchAck();
    const steps = backpropSteps(bp.ack);
    bp.step = Math.min(bp.step, Math.max(0, steps.length - 1));
    const view = bp.ack ? stepView(bp.ack, bp.step, names()) : null;
    const running = state.running && bp.ack ? { text: `Numbers from epoch ${bp.ack.epoch}; training is running: pause or press Refresh for newer ones.` } : null;
    show(view, {
      index: bp.index, epoch: bp.ack?.epoch,
      message: bp.error ? { title: "Cannot explain this point", text: bp.error } : running ?? (view ? null : { title: "Pick a training point", text: "Loading…" }),
    });
    $("bp-progress").textContent = view ? `Step ${view.step + 1} of ${view.count}` : "";
    $("bp-prev").disabled = !view || view.step === 0;
    $("bp-next").disabled = !view || view.step === view.count - 1;
    $("bp-index").max = String(Math.max(0, state.data.train.length - 1));
    return overlay(view);
  }

  return { setIndex, render };
}

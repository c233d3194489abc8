// Draw the network: feature and neuron thumbnails, weighted links, biases, +/- buttons.
//
// Takes positions from layout.js, colours from colors.js and per-neuron grids
// from forward.js; computes nothing itself. The input column shows every
// feature as a toggle button (chosen ones pressed and linked). The DOM is
// rebuilt only when the structure or the box changes; each frame only
// restyles links and repaints thumbnails. Callbacks (all from main.js):
// onEdit(action, layerIndex), onToggleFeature(name), onFocusNeuron(target|null, pinned),
// onPick({ layer, from, to }) with from = null for a bias, onSelectNeuron(target) on a
// click, tap or Enter (the neuron inspector's choice).
import { currentPalette, linkStyle, paintValues } from "../colors.js";
import { networkLayout, networkLinks } from "../layout.js";

const SVG = "http://www.w3.org/2000/svg";
const DIAGRAM_LIVE_HZ = 12;
const HEAD = 78; // room above the columns for the layer buttons
const HEAD_COMPACT = 104; // the buttons stack when columns are narrow
const SIDE = 80; // room left of the inputs for their labels
const SIDE_NARROW = 66; // the same on a phone

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function button(label, text, onClick, disabled, className = "btn btn-round") {
  const b = element("button", className, text);
  b.type = "button";
  b.setAttribute("aria-label", label);
  b.disabled = disabled;
  b.addEventListener("click", onClick);
  return b;
}

function place(el, x, y, w, h) {
  Object.assign(el.style, { left: `${x}px`, top: `${y}px` });
  if (w !== undefined) Object.assign(el.style, { width: `${w}px`, height: `${h}px` });
}

/** Create the view inside `root`; returns { setStructure, draw }. */
export function createNetworkView(root, callbacks) {
  const { onEdit, onToggleFeature, onFocusNeuron, onPick, onSelectNeuron = () => {} } = callbacks;
  // Two layers of links: the drawn strokes, restyled every frame, and the
  // invisible wide hit targets (buttons) above them, which never change: kept
  // apart, a frame repaints only the strokes.
  const svg = document.createElementNS(SVG, "svg");
  svg.classList.add("links");
  const targets = document.createElementNS(SVG, "svg");
  targets.classList.add("links", "link-targets");
  const nodes = element("div", "nodes");
  root.replaceChildren(svg, targets, nodes);

  let key = "";
  let paths = [];
  let inputs = []; // { name, canvas } for every feature row
  let canvases = []; // canvases[l][j] for l ≥ 1
  let image = null;
  const featurePalette = new WeakMap(); // feature canvas → palette it was painted with
  let diagramDrawnAt = -Infinity;
  let current = null;
  let geometry = null; // { node, columns, rowOf(input) } of the last layout

  function linkElements(link, labelOf) {
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", link.path);
    path.classList.add("link");
    path.setAttribute("aria-hidden", "true");
    const hit = document.createElementNS(SVG, "path");
    hit.setAttribute("d", link.path);
    hit.classList.add("link-hit");
    hit.setAttribute("tabindex", current.enabled ? "0" : "-1");
    hit.setAttribute("role", "button");
    const label = `Weight from ${labelOf(link.layer, link.from)} to ${labelOf(link.layer + 1, link.to)}`;
    hit.setAttribute("aria-label", label);
    hit.dataset.layer = String(link.layer);
    hit.dataset.from = String(link.from);
    hit.dataset.to = String(link.to);
    const pick = () => current.enabled && onPick({ layer: link.layer, from: link.from, to: link.to, label });
    hit.addEventListener("click", pick);
    hit.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pick(); }
    });
    return { ...link, el: path, hit };
  }

  function neuronCanvas(l, j, pos, node, last, labelOf) {
    const canvas = element("canvas", l === last ? "neuron neuron-output" : "neuron");
    canvas.width = canvas.height = 1;
    place(canvas, pos.x - node / 2, pos.y - node / 2, node, node);
    canvas.dataset.layer = String(l);
    canvas.dataset.neuron = String(j);
    canvas.tabIndex = 0;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", `${labelOf(l, j)}: focus or hover to see it large`);
    const target = { layer: l, neuron: j, label: labelOf(l, j) };
    canvas.addEventListener("pointerenter", (e) => e.pointerType === "mouse" && onFocusNeuron(target, false));
    canvas.addEventListener("pointerleave", (e) => e.pointerType === "mouse" && onFocusNeuron(null, false));
    canvas.addEventListener("pointerup", (e) => e.pointerType !== "mouse" && onFocusNeuron(target, true));
    canvas.addEventListener("focus", () => onFocusNeuron(target, false));
    canvas.addEventListener("blur", () => onFocusNeuron(null, false));
    canvas.addEventListener("click", () => onSelectNeuron(target));
    canvas.addEventListener("keydown", (e) => e.key === "Enter" && onSelectNeuron(target));
    return canvas;
  }

  function rebuild() {
    const { sizes, features, allFeatures, limits, enabled } = current;
    const width = root.clientWidth;
    const height = root.clientHeight;
    const shown = [allFeatures.length, ...sizes.slice(1)];
    const options = { top: HEAD, side: width < 500 ? SIDE_NARROW : SIDE, maxNode: 48 };
    let layout = networkLayout(shown, width, height, options);
    const gap = layout.columns.length > 1 ? layout.columns[1].x - layout.columns[0].x : width;
    const compact = gap < 96;
    if (compact) layout = networkLayout(shown, width, height, { ...options, top: HEAD_COMPACT });
    root.classList.toggle("is-compact", compact);
    const focused = document.activeElement?.getAttribute?.("aria-label");
    const last = sizes.length - 1;
    const labelOf = (l, j) => (l === 0 ? `input ${allFeatures.find((f) => f.name === features[j])?.label ?? j + 1}`
      : l === last ? `output neuron ${j + 1}` : `neuron ${j + 1} of layer ${l}`);

    for (const layer of [svg, targets]) layer.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const inputOf = (row) => features.indexOf(allFeatures[row].name);
    geometry = { node: layout.node, columns: layout.columns, rowOf: (i) => allFeatures.findIndex((f) => f.name === features[i]) };
    paths = networkLinks(layout, inputOf).map((link) => linkElements(link, labelOf));
    svg.replaceChildren(...paths.map((p) => p.el));
    targets.replaceChildren(...paths.map((p) => p.hit));

    const children = [];
    const node = layout.node;
    inputs = layout.columns[0].nodes.map((pos, row) => {
      const feature = allFeatures[row];
      const on = features.includes(feature.name);
      const toggle = button(`Feature ${feature.label}`, undefined, () => onToggleFeature(feature.name),
        !enabled, `feature${on ? " is-on" : ""}`);
      toggle.setAttribute("aria-pressed", String(on));
      toggle.dataset.feature = feature.name;
      place(toggle, pos.x - node / 2, pos.y - node / 2, node, node);
      const canvas = element("canvas");
      canvas.width = canvas.height = 1;
      toggle.append(canvas);
      const label = element("span", "node-label", feature.label);
      place(label, pos.x - node / 2, pos.y);
      children.push(toggle, label);
      return { name: feature.name, canvas };
    });
    canvases = layout.columns.map((column, l) => (l === 0 ? [] : column.nodes.map((pos, j) => {
      const canvas = neuronCanvas(l, j, pos, node, last, labelOf);
      const bias = button(`Bias of ${labelOf(l, j)}`, undefined,
        () => onPick({ layer: l - 1, from: null, to: j, label: `Bias of ${labelOf(l, j)}` }), !enabled, "bias");
      place(bias, pos.x - node / 2 - 12, pos.y + node / 2 - 8);
      children.push(canvas, bias);
      return canvas;
    })));

    layout.columns.forEach((column, l) => {
      const head = element("div", "layer-head");
      head.style.left = `${column.x}px`;
      const count = sizes[l];
      if (l === 0 || l === last) {
        if (!compact) head.append(element("span", "layer-title", l === 0 ? "Features" : "Output"));
      } else {
        const buttons = element("div", "buttons");
        buttons.append(
          button(`Add neuron to layer ${l}`, "+", () => onEdit("add-neuron", l - 1), !enabled || count >= limits.maxNeurons),
          button(`Remove neuron from layer ${l}`, "−", () => onEdit("remove-neuron", l - 1), !enabled || count <= limits.minNeurons),
        );
        const title = compact ? String(count) : `${count} ${count === 1 ? "neuron" : "neurons"}`;
        head.append(buttons, element("span", "layer-title", title));
      }
      children.push(head);
    });
    nodes.replaceChildren(...children);
    if (focused) root.querySelector(`[aria-label="${focused}"]`)?.focus();
  }

  /** Show `structure` = { sizes, features, allFeatures: [{name, label}], limits, enabled }. */
  function setStructure(structure) {
    const { sizes, features, limits, enabled } = structure;
    const next = `${sizes.join(",")}|${features.join(",")}|${root.clientWidth}x${root.clientHeight}|${enabled}|${JSON.stringify(limits)}`;
    current = structure;
    if (next === key) return false;
    key = next;
    rebuild();
    return true;
  }

  function setChanged(el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  function paint(canvas, values, size, scale) {
    if (canvas.width !== size) canvas.width = canvas.height = size;
    paintValues(values, image.data, scale);
    canvas.getContext("2d").putImageData(image, 0, 0);
  }

  /**
   * Paint one frame: `features[name]` = { values, scale } for every feature,
   * `layers[l][j]` the grid values of neuron j of layer l ≥ 1 (size×size),
   * `weights[l][i][j]` colour the links.
   */
  function draw({ features, layers, size, weights, live = false }) {
    if (!image || image.width !== size) image = new ImageData(size, size);
    for (const { name, canvas } of inputs) {
      // Features never change for a grid: paint them once per structure, size and palette.
      if (features?.[name] && (canvas.width !== size || featurePalette.get(canvas) !== currentPalette())) {
        paint(canvas, features[name].values, size, features[name].scale);
        featurePalette.set(canvas, currentPalette());
      }
    }
    // Repainting ~50 neuron pictures and restyling ~430 dashed links is most of a
    // frame's paint in a software-rendered browser: while training runs the
    // diagram follows at DIAGRAM_LIVE_HZ (the output, curve and numbers keep
    // every frame); at rest it is redrawn at once.
    const now = performance.now();
    if (live && now - diagramDrawnAt < 1000 / DIAGRAM_LIVE_HZ) return;
    diagramDrawnAt = now;
    canvases.forEach((column, l) => column.forEach((canvas, j) => {
      if (layers?.[l]?.[j]) paint(canvas, layers[l][j], size, 1);
    }));
    for (const link of paths) {
      const w = weights?.[link.layer]?.[link.from]?.[link.to];
      if (w === undefined) continue;
      const style = linkStyle(w);
      // Only what changed: each attribute write makes the browser repaint the link.
      setChanged(link.el, "stroke", style.color);
      setChanged(link.el, "stroke-width", style.width.toFixed(1));
      setChanged(link.el, "stroke-dasharray", style.dashed ? "7 5" : "none");
      link.hit.dataset.weight = String(w); // read by the browser tests
    }
  }

  return { setStructure, draw, geometry: () => geometry };
}

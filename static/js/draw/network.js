// Draw the network: feature and neuron thumbnails, weighted links, biases, +/- buttons.
//
// Takes positions and titles from layout.js, colours from colors.js and per-neuron grids
// from forward.js; computes nothing itself. The input column shows every feature as a
// toggle button (chosen ones pressed and linked). Each bias is a small square whose fill
// shows its sign by colour and outline (dashed when negative) and its size by area. The
// DOM is rebuilt (draw/networkitems.js) only when the structure or the box changes; each
// frame restyles links and biases and repaints thumbnails. Every feature, neuron, bias and
// link carries a key (networkkeys.js) for the keyboard and the weight tips (ui/networkfocus.js).
// Callbacks (all from main.js): onEdit(action, layerIndex), onToggleFeature(name),
// onFocusNeuron(target|null, pinned), onPick({ layer, from, to, label }) with from = null
// for a bias, onSelectNeuron(target) on a click or tap (the neuron inspector's choice).
import { biasStyle, currentPalette, linkStyle, paintValues } from "../colors.js";
import { labelRoom, layerTitles, networkLayout, networkLinks } from "../layout.js";
import { SVG, element, itemBuilders } from "./networkitems.js";

const DIAGRAM_LIVE_HZ = 12;

function cssPx(root, name, fallback) {
  return parseFloat(getComputedStyle(root).getPropertyValue(name)) || fallback;
}

/** Create the view inside `root`; returns { setStructure, draw, geometry, boxes, item, describe, shape }. */
export function createNetworkView(root, callbacks) {
  // Two layers of links: the drawn strokes, restyled every frame, and the invisible wide
  // hit targets above them, which never change: kept apart, a frame repaints only the strokes.
  const svg = document.createElementNS(SVG, "svg");
  svg.classList.add("links");
  const targets = document.createElementNS(SVG, "svg");
  targets.classList.add("links", "link-targets");
  const nodes = element("div", "nodes");
  root.replaceChildren(svg, targets, nodes);

  let structureKey = "";
  let paths = [];
  let inputs = []; // { name, canvas } for every feature row
  let canvases = []; // canvases[l][j] for l ≥ 1
  let biases = []; // biases[l][j] buttons for l ≥ 1
  let items = new Map(); // key → focusable element
  let image = null;
  const featurePalette = new WeakMap(); // feature canvas → palette it was painted with
  let diagramDrawnAt = -Infinity;
  let current = null;
  let geometry = null; // { node, columns, rowOf(input) } of the last layout
  let shape = null; // { columns, inputOf, rowOf } for networkkeys.nextItem
  let values = { weights: null, biases: null };
  let boxes = null; // boxes (2 px margin: rings) of every item drawn in HTML, for labels to keep off; measured after a rebuild

  function layoutFor(width, height, shown) {
    const font = cssPx(root, "--network-font", 15);
    const side = labelRoom(current.allFeatures.map((f) => f.label), font);
    // The right margin only needs half the "Output" title, or the output neurons' class names.
    const classLabels = current.classes ? labelRoom([`● class ${current.classes - 1}`], font) : 0;
    const options = { top: cssPx(root, "--network-head", 78), side, right: Math.max(Math.ceil(font * 2.2), classLabels), maxNode: 48 };
    let layout = networkLayout(shown, width, height, options);
    const gap = layout.columns.length > 1 ? layout.columns[1].x - layout.columns[0].x : width;
    const compact = gap < 96;
    if (compact) layout = networkLayout(shown, width, height, { ...options, top: cssPx(root, "--network-head-compact", 104) });
    return { layout, compact, titles: layerTitles(shown, gap, font) };
  }

  function rebuild() {
    const { sizes, features, allFeatures } = current;
    const width = root.clientWidth;
    const height = root.clientHeight;
    const shown = [allFeatures.length, ...sizes.slice(1)];
    const { layout, compact, titles } = layoutFor(width, height, shown);
    root.classList.toggle("is-compact", compact);
    const focusedKey = root.contains(document.activeElement) ? document.activeElement.dataset?.key : null;
    const last = sizes.length - 1;
    const labelOf = (l, j) => (l === 0 ? `input ${allFeatures.find((f) => f.name === features[j])?.label ?? j + 1}`
      : l === last ? `output neuron ${j + 1}` : `neuron ${j + 1} of layer ${l}`);
    items = new Map();
    const { linkElements, neuronCanvas, biasButton, featureToggle, layerHead, classLabel } = itemBuilders(callbacks, current, items);

    for (const layer of [svg, targets]) layer.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const inputOf = (row) => features.indexOf(allFeatures[row].name);
    const rowOf = (i) => allFeatures.findIndex((f) => f.name === features[i]);
    geometry = { node: layout.node, columns: layout.columns, rowOf };
    shape = { columns: shown, inputOf, rowOf };
    const node = layout.node;
    const children = [];
    const rows = layout.columns[0].nodes;
    const crowded = rows.length > 1 && rows[1].y - rows[0].y < cssPx(root, "--network-font", 15) * 1.15;
    inputs = rows.map((pos, row) => {
      const { toggle, label, canvas } = featureToggle(allFeatures[row], pos, node, row, features, crowded);
      children.push(...(label ? [toggle, label] : [toggle]));
      return { name: allFeatures[row].name, canvas };
    });
    canvases = layout.columns.map((column, l) => (l === 0 ? [] : column.nodes.map((pos, j) => neuronCanvas(l, j, pos, node, last, labelOf))));
    biases = layout.columns.map((column, l) => (l === 0 ? [] : column.nodes.map((pos, j) => biasButton(l, j, pos, node, labelOf))));
    canvases.forEach((column, l) => column.forEach((canvas, j) => children.push(canvas, biases[l][j])));
    if (current.classes) children.push(...layout.columns[last].nodes.map((pos, j) => classLabel(j, pos, node)));
    paths = networkLinks(layout, inputOf).map((link) => linkElements(link, labelOf));
    svg.replaceChildren(...paths.map((p) => p.el));
    targets.replaceChildren(...paths.map((p) => p.hit));
    layout.columns.forEach((column, l) => children.push(layerHead(column, l, titles[l])));
    nodes.replaceChildren(...children);
    boxes = null;
    root.dispatchEvent(new CustomEvent("network-rebuilt", { detail: { focusedKey } }));
  }

  /**
   * Show `structure` = { sizes, features, allFeatures: [{name, label}], limits, enabled,
   * classes } (classes ≥ 3: each output neuron is labelled with its class; else 0).
   */
  function setStructure(structure) {
    const { sizes, features, limits, enabled, classes = 0 } = structure;
    const font = getComputedStyle(root).getPropertyValue("--network-font");
    const next = `${sizes.join(",")}|${features.join(",")}|${root.clientWidth}x${root.clientHeight}|${enabled}|${JSON.stringify(limits)}|${font}|${classes}`;
    current = structure;
    if (next === structureKey) return false;
    structureKey = next;
    rebuild();
    return true;
  }

  function setChanged(el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  function paint(canvas, grid, size, scale) {
    paintWith(canvas, size, (rgba) => paintValues(grid, rgba, scale));
  }

  function paintWith(canvas, size, fill) {
    if (canvas.width !== size) canvas.width = canvas.height = size;
    fill(image.data);
    canvas.getContext("2d").putImageData(image, 0, 0);
  }

  function paintBiases(biasValues) {
    biases.forEach((column, l) => column.forEach((el, j) => {
      const b = biasValues?.[l - 1]?.[j];
      if (b === undefined) return;
      const style = biasStyle(b);
      const fill = el.firstChild;
      fill.style.background = style.color;
      fill.style.transform = `scale(${style.scale.toFixed(2)})`;
      el.classList.toggle("is-negative", style.negative);
      el.dataset.value = String(b); // read by the browser tests
    }));
  }

  /**
   * Paint one frame: `features[name]` = { values, scale } for every feature,
   * `layers[l][j]` the grid values of neuron j of layer l ≥ 1 (size×size), painted on the
   * diverging scale or by `fill(l, j)` → fill(rgba) when given (the output's class colours),
   * `weights[l][i][j]` colour the links, `biases[l][j]` the bias squares.
   */
  function draw({ features, layers, fill = null, size, weights, biases: biasValues, live = false }) {
    values = { weights, biases: biasValues };
    if (!image || image.width !== size) image = new ImageData(size, size);
    for (const { name, canvas } of inputs) {
      // Features never change for a grid: paint them once per structure, size and palette.
      if (features?.[name] && (canvas.width !== size || featurePalette.get(canvas) !== currentPalette())) {
        paint(canvas, features[name].values, size, features[name].scale);
        featurePalette.set(canvas, currentPalette());
      }
    }
    // Repainting ~50 neuron pictures and restyling ~430 dashed links is most of a frame's
    // paint in a software-rendered browser: while training runs the diagram follows at
    // DIAGRAM_LIVE_HZ (the output, curve and numbers keep every frame); at rest at once.
    const now = performance.now();
    if (live && now - diagramDrawnAt < 1000 / DIAGRAM_LIVE_HZ) return;
    diagramDrawnAt = now;
    canvases.forEach((column, l) => column.forEach((canvas, j) => {
      if (fill && layers?.[l]?.[j]) paintWith(canvas, size, fill(l, j));
      else if (layers?.[l]?.[j]) paint(canvas, layers[l][j], size, 1);
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
    paintBiases(biasValues);
    root.dispatchEvent(new CustomEvent("network-drawn"));
  }

  /** The value and name of item `key` ("w:…" or "b:…"), or null. */
  function describe(key) {
    const el = items.get(key);
    const [kind, a, b, c] = key.split(":");
    const value = kind === "w" ? values.weights?.[a]?.[b]?.[c] : kind === "b" ? values.biases?.[a - 1]?.[b] : undefined;
    return el && value !== undefined ? { label: el.getAttribute("aria-label"), value } : null;
  }

  /** Centred boxes { x, y, w, h } (root pixels) of every feature, label, neuron, bias and layer head. */
  function itemBoxes() {
    if (boxes) return boxes;
    const origin = root.getBoundingClientRect();
    boxes = [...nodes.children].map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => ({
      x: r.left - origin.left + r.width / 2, y: r.top - origin.top + r.height / 2, w: r.width + 4, h: r.height + 4,
    }));
    return boxes;
  }

  return {
    setStructure,
    draw,
    geometry: () => geometry,
    boxes: itemBoxes,
    /** The focusable element of item `key`, or undefined. */
    item: (key) => items.get(key),
    describe,
    shape: () => shape,
  };
}

// Build the network drawing's items: feature toggles, neuron thumbnails, bias squares, weight
// links and the layer heads with their +/- buttons.
//
// Each focusable item gets its key (networkkeys.js), its accessible name and tabindex -1
// (the drawing is one Tab stop: ui/networkfocus.js moves it), and is registered in `items`.
// Non-goal: positions (layout.js) and painting (draw/network.js).
import { classCss, classGlyph } from "../classcolors.js";
import { GLYPH_TEXT } from "./glyphs.js";

export const SVG = "http://www.w3.org/2000/svg";

export function element(tag, className, text) {
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

/**
 * Builders for one rebuild: `callbacks` as draw/network.js takes them, `current` the
 * structure { sizes, limits, enabled }, `items` the key → element map to fill.
 */
export function itemBuilders(callbacks, current, items) {
  const { onEdit, onToggleFeature, onFocusNeuron, onPick, onSelectNeuron = () => {} } = callbacks;

  function keyed(el, key, label) {
    el.dataset.key = key;
    el.setAttribute("aria-label", label);
    el.tabIndex = -1; // one Tab stop for the whole drawing: ui/networkfocus.js picks it
    items.set(key, el);
    return el;
  }

  function linkElements(link, labelOf) {
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", link.path);
    path.classList.add("link");
    path.setAttribute("aria-hidden", "true");
    const hit = document.createElementNS(SVG, "path");
    hit.setAttribute("d", link.path);
    hit.classList.add("link-hit");
    hit.setAttribute("role", "button");
    const label = `Weight from ${labelOf(link.layer, link.from)} to ${labelOf(link.layer + 1, link.to)}`;
    keyed(hit, `w:${link.layer}:${link.from}:${link.to}`, label);
    Object.assign(hit.dataset, { layer: String(link.layer), from: String(link.from), to: String(link.to) });
    hit.addEventListener("click", () => current.enabled && onPick({ layer: link.layer, from: link.from, to: link.to, label }));
    return { ...link, el: path, hit };
  }

  function neuronCanvas(l, j, pos, node, last, labelOf) {
    const canvas = element("canvas", l === last ? "neuron neuron-output" : "neuron");
    canvas.width = canvas.height = 1;
    place(canvas, pos.x - node / 2, pos.y - node / 2, node, node);
    Object.assign(canvas.dataset, { layer: String(l), neuron: String(j) });
    canvas.setAttribute("role", "button");
    keyed(canvas, `n:${l}:${j}`, `${labelOf(l, j)}: shown large on hover or focus; Enter opens it in the math`);
    const target = { layer: l, neuron: j, label: labelOf(l, j) };
    canvas.addEventListener("pointerenter", (e) => e.pointerType === "mouse" && onFocusNeuron(target, false));
    canvas.addEventListener("pointerleave", (e) => e.pointerType === "mouse" && onFocusNeuron(null, false));
    canvas.addEventListener("pointerup", (e) => e.pointerType !== "mouse" && onFocusNeuron(target, true));
    canvas.addEventListener("focus", () => onFocusNeuron(target, false));
    canvas.addEventListener("blur", () => onFocusNeuron(null, false));
    canvas.addEventListener("click", () => onSelectNeuron(target));
    return canvas;
  }

  function biasButton(l, j, pos, node, labelOf) {
    const label = `Bias of ${labelOf(l, j)}`;
    const bias = button(label, undefined, () => onPick({ layer: l - 1, from: null, to: j, label }), !current.enabled, "bias");
    bias.append(element("span", "bias-fill"));
    keyed(bias, `b:${l}:${j}`, label);
    const side = Math.max(14, Math.min(22, node * 0.45));
    place(bias, pos.x - node / 2 - side * 0.7, pos.y + node / 2 - side * 0.55, side, side);
    return bias;
  }

  function featureToggle(feature, pos, node, row, features, crowded) {
    const on = features.includes(feature.name);
    const toggle = button(`Feature ${feature.label}`, undefined, () => onToggleFeature(feature.name), !current.enabled, `feature${on ? " is-on" : ""}`);
    toggle.setAttribute("aria-pressed", String(on));
    toggle.dataset.feature = feature.name;
    keyed(toggle, `f:${row}`, `Feature ${feature.label}`);
    place(toggle, pos.x - node / 2, pos.y - node / 2, node, node);
    const canvas = element("canvas");
    canvas.width = canvas.height = 1;
    toggle.append(canvas);
    // Rows closer than a line of text: only the chosen features keep their written names.
    const label = crowded && !on ? null : element("span", "node-label", feature.label);
    if (label) place(label, pos.x - node / 2, pos.y);
    return { toggle, label, canvas };
  }

  function layerHead(column, l, title) {
    const { sizes, limits, enabled } = current;
    const head = element("div", "layer-head");
    head.style.left = `${column.x}px`;
    if (l > 0 && l < sizes.length - 1) {
      const buttons = element("div", "buttons");
      buttons.append(
        button(`Add neuron to layer ${l}`, "+", () => onEdit("add-neuron", l - 1), !enabled || sizes[l] >= limits.maxNeurons),
        button(`Remove neuron from layer ${l}`, "−", () => onEdit("remove-neuron", l - 1), !enabled || sizes[l] <= limits.minNeurons),
      );
      head.append(buttons);
    }
    if (title) head.append(element("span", "layer-title", title));
    return head;
  }

  /** The name of output neuron j's class, right of it: the legend's glyph in the class colour and "class j". */
  function classLabel(j, pos, node) {
    const label = element("span", "node-label class-label");
    const glyph = element("span", "glyph", GLYPH_TEXT[classGlyph(j)]);
    glyph.style.color = classCss(j);
    glyph.setAttribute("aria-hidden", "true");
    label.append(glyph, ` class ${j}`);
    label.dataset.class = String(j);
    place(label, pos.x + node / 2 + 6, pos.y);
    return label;
  }

  return { linkElements, neuronCanvas, biasButton, featureToggle, layerHead, classLabel };
}

// Where to put small number labels on the network drawing: on links, and beside neurons.
//
// Each link label tries spots along its link (the midpoint first, then nearer
// either end) and takes the first that overlaps no box placed before it (the
// drawing's neurons, biases and feature toggles come in as obstacles) and stays
// inside the drawing; labels are placed in order of importance, so when a crowded
// layer has no room left for all of them, the largest numbers are the ones shown.
// A neuron's badge tries right of it, then below, above and left. A label that
// fits nowhere is left out (the side panel's table has every number).
// Non-goal: drawing (draw/overlay.js writes the SVG text), measuring text.
import { linkPoint } from "./layout.js";

const SPOTS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85];

const GAP = 3; // pixels between a badge and its neuron

const overlaps = (p, q) => Math.abs(p.x - q.x) * 2 < p.w + q.w && Math.abs(p.y - q.y) * 2 < p.h + q.h;
const inside = (box, bounds) => !bounds || (box.x - box.w / 2 >= 0 && box.y - box.h / 2 >= 0
  && box.x + box.w / 2 <= bounds.w && box.y + box.h / 2 <= bounds.h);

/** Place each item at the first of its `spots` ([{ x, y }]) that is free and inside; returns the placed boxes. */
function place(items, spotsOf, placed, bounds) {
  const found = [];
  for (const item of items) {
    for (const { x, y } of spotsOf(item)) {
      const box = { x, y, w: item.width, h: item.height };
      if (!inside(box, bounds) || placed.some((p) => overlaps(p, box))) continue;
      placed.push(box);
      found.push({ key: item.key, x, y });
      break;
    }
  }
  return found;
}

/**
 * Place labels `items` = [{ key, a, b, width, priority }] (a, b: centres of
 * the linked neurons) for links drawn with neuron side `node`; labels are
 * `height` tall; no label covers a box of `obstacles` ([{ x, y, w, h }], centres)
 * or leaves `bounds` ({ w, h }, when given). Returns [{ key, x, y }] (label centres)
 * for those that fit.
 */
export function placeLinkLabels(items, node, height = 20, obstacles = [], bounds = null) {
  const order = items.slice().sort((p, q) => q.priority - p.priority).map((item) => ({ ...item, height }));
  return place(order, (item) => SPOTS.map((t) => linkPoint(item.a, item.b, node, t)), obstacles.slice(), bounds);
}

/**
 * Place badges `items` = [{ key, x, y, width, height }] beside neurons centred at
 * (x, y) of side `node`: right of the neuron, else below, above or left, never
 * over `obstacles` or each other, inside `bounds`. Returns [{ key, x, y }] (centres).
 */
export function placeBadges(items, node, obstacles = [], bounds = null) {
  const spots = (b) => [
    { x: b.x + node / 2 + GAP + b.width / 2, y: b.y },
    { x: b.x, y: b.y + node / 2 + GAP + b.height / 2 },
    { x: b.x, y: b.y - node / 2 - GAP - b.height / 2 },
    { x: b.x - node / 2 - GAP - b.width / 2, y: b.y },
  ];
  return place(items, spots, obstacles.slice(), bounds);
}

// Where to put small number labels on the links of the network drawing.
//
// Each label tries spots along its link (the midpoint first, then nearer
// either end) and takes the first that overlaps no label placed before it;
// labels are placed in order of importance, so when a crowded layer has no
// room left for all of them, the largest numbers are the ones shown.
// Non-goal: drawing (draw/overlay.js writes the SVG text).
import { linkPoint } from "./layout.js";

const SPOTS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85];

const overlaps = (p, q) => Math.abs(p.x - q.x) * 2 < p.w + q.w && Math.abs(p.y - q.y) * 2 < p.h + q.h;

/**
 * Place labels `items` = [{ key, a, b, width, priority }] (a, b: centres of
 * the linked neurons) for links drawn with neuron side `node`; labels are
 * `height` tall; no label covers a box of `obstacles` ([{ x, y, w, h }], centres).
 * Returns [{ key, x, y }] (label centres) for those that fit.
 */
export function placeLinkLabels(items, node, height = 20, obstacles = []) {
  const placed = obstacles.map((box) => ({ ...box, key: null }));
  const order = items.slice().sort((p, q) => q.priority - p.priority);
  for (const item of order) {
    for (const t of SPOTS) {
      const { x, y } = linkPoint(item.a, item.b, node, t);
      const box = { x, y, w: item.width, h: height };
      if (placed.some((p) => overlaps(p, box))) continue;
      placed.push({ ...box, key: item.key });
      break;
    }
  }
  return placed.filter((p) => p.key !== null).map(({ key, x, y }) => ({ key, x, y }));
}

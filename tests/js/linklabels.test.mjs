// Link labels: points along links, placed without overlaps, most important first.
import assert from "node:assert/strict";
import { test } from "node:test";

import { linkPoint } from "../../static/js/layout.js";
import { placeBadges, placeLinkLabels } from "../../static/js/linklabels.js";

const close = (p, q) => Math.abs(p.x - q.x) < 1e-9 && Math.abs(p.y - q.y) < 1e-9;

test("linkPoint runs from a's right edge to b's left edge through the middle", () => {
  const a = { x: 0, y: 0 };
  const b = { x: 100, y: 50 };
  assert.ok(close(linkPoint(a, b, 10, 0), { x: 5, y: 0 }));
  assert.ok(close(linkPoint(a, b, 10, 1), { x: 95, y: 50 }));
  assert.ok(close(linkPoint(a, b, 10, 0.5), { x: 50, y: 25 }));
});

test("labels whose midpoints coincide are moved apart", () => {
  // a0→b1 and a1→b0 cross at the same midpoint.
  const a0 = { x: 0, y: 0 }; const a1 = { x: 0, y: 80 };
  const b0 = { x: 200, y: 0 }; const b1 = { x: 200, y: 80 };
  const placed = placeLinkLabels([
    { key: "a0b1", a: a0, b: b1, width: 50, priority: 2 },
    { key: "a1b0", a: a1, b: b0, width: 50, priority: 1 },
  ], 20);
  assert.equal(placed.length, 2);
  assert.ok(close(placed[0], { x: 100, y: 40 }), "the most important label keeps the midpoint");
  const [p, q] = placed;
  assert.ok(Math.abs(p.x - q.x) >= 50 || Math.abs(p.y - q.y) >= 20, "labels overlap");
});

test("labels that cannot fit are left out, least important first", () => {
  const a = { x: 0, y: 0 }; const b = { x: 40, y: 0 };
  const items = [1, 2, 3].map((k) => ({ key: k, a, b, width: 60, priority: k }));
  assert.deepEqual(placeLinkLabels(items, 10).map((p) => p.key), [3]);
});

test("labels keep off the obstacles they are given", () => {
  const a = { x: 0, y: 0 }; const b = { x: 200, y: 0 };
  const [label] = placeLinkLabels([{ key: 1, a, b, width: 40, priority: 1 }], 20, 20, [{ x: 100, y: 0, w: 60, h: 20 }]);
  assert.ok(Math.abs(label.x - 100) >= 50, `label at ${label.x} overlaps the obstacle`);
});

test("labels stay inside the drawing's bounds", () => {
  const a = { x: 0, y: 0 }; const b = { x: 60, y: 0 };
  assert.deepEqual(placeLinkLabels([{ key: 1, a, b, width: 40, priority: 1 }], 10, 20, [], { w: 200, h: 100 }), []);
});

test("a badge goes right of its neuron, else below, above or left, and never over a box", () => {
  const neuron = { key: 0, x: 100, y: 50, width: 60, height: 20 };
  assert.deepEqual(placeBadges([neuron], 20), [{ key: 0, x: 143, y: 50 }]);
  const right = { x: 143, y: 50, w: 60, h: 20 };
  assert.deepEqual(placeBadges([neuron], 20, [right]), [{ key: 0, x: 100, y: 73 }]);
  const everywhere = [right, { x: 100, y: 73, w: 60, h: 20 }, { x: 100, y: 27, w: 60, h: 20 }, { x: 57, y: 50, w: 60, h: 20 }];
  assert.deepEqual(placeBadges([neuron], 20, everywhere), []);
  const two = placeBadges([neuron, { ...neuron, key: 1 }], 20);
  assert.equal(two.length, 2);
  assert.ok(two[0].x !== two[1].x || two[0].y !== two[1].y, "two badges on one spot");
});

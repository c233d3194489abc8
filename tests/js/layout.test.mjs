// Neuron positions and link paths of the network drawing.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CHAR_WIDTH, labelRoom, layerTitles, linkPath, networkLayout, networkLinks, plotScale } from "../../static/js/layout.js";

test("one column per layer, evenly spaced inside the width", () => {
  const { columns, node } = networkLayout([2, 4, 2, 1], 600, 400);
  assert.equal(columns.length, 4);
  assert.deepEqual(columns.map((c) => c.nodes.length), [2, 4, 2, 1]);
  assert.ok(columns[0].x - node / 2 >= 0 && columns[3].x + node / 2 <= 600);
  const gaps = columns.slice(1).map((c, i) => c.x - columns[i].x);
  gaps.forEach((g) => assert.ok(Math.abs(g - gaps[0]) < 1e-9));
});

test("every neuron fits in the box, even the tallest column", () => {
  const { columns, node } = networkLayout([2, 8, 8, 8, 8, 8, 8, 1], 700, 300);
  for (const { nodes } of columns) {
    for (const { x, y } of nodes) {
      assert.ok(y - node / 2 >= -1e-9 && y + node / 2 <= 300 + 1e-9, `y=${y}`);
      assert.ok(x - node / 2 >= -1e-9 && x + node / 2 <= 700 + 1e-9, `x=${x}`);
    }
  }
});

test("the node size is bounded", () => {
  assert.equal(networkLayout([2, 1], 2000, 2000, { maxNode: 44 }).node, 44);
  assert.equal(networkLayout([2, 8, 1], 100, 50, { minNode: 14 }).node, 14);
});

test("a link runs from the right edge of one neuron to the left edge of the next", () => {
  assert.equal(linkPath({ x: 10, y: 20 }, { x: 110, y: 40 }, 20), "M20,20 C60,20 60,40 100,40");
});

test("links come in weight order: layer, then from, then to", () => {
  const links = networkLinks(networkLayout([2, 3, 1], 300, 200));
  assert.equal(links.length, 2 * 3 + 3 * 1);
  assert.deepEqual(links.slice(0, 4).map((k) => [k.layer, k.from, k.to]), [[0, 0, 0], [0, 0, 1], [0, 0, 2], [0, 1, 0]]);
  assert.deepEqual(links.at(-1), { ...links.at(-1), layer: 1, from: 2, to: 0 });
});

test("the plot scale puts the domain's corners on the canvas corners, x2 up", () => {
  const { x, y } = plotScale(6, 300);
  assert.deepEqual([x(-6), x(0), x(6)], [0, 150, 300]);
  assert.deepEqual([y(6), y(0), y(-6)], [0, 150, 300]);
});

test("an input column of every feature links only the chosen ones, in weight order", async () => {
  const { networkLayout, networkLinks } = await import("../../static/js/layout.js");
  const layout = networkLayout([4, 2], 300, 300);
  // Rows 1 and 3 are the inputs 1 and 0 (features chosen in another order).
  const links = networkLinks(layout, (row) => ({ 1: 1, 3: 0 })[row] ?? -1);
  assert.deepEqual(links.map((l) => `${l.from}-${l.to}`), ["0-0", "0-1", "1-0", "1-1"]);
  assert.equal(links[0].path, networkLinks(layout).find((l) => l.from === 3 && l.to === 0).path);
});

test("column titles are full when they fit, neuron counts when they are close, none when crowded", () => {
  const sizes = [7, 4, 2, 1];
  assert.deepEqual(layerTitles(sizes, 200, 14), ["Features", "4 neurons", "2 neurons", "Output"]);
  assert.deepEqual(layerTitles(sizes, 60, 24), ["", "4", "2", ""]);
  assert.deepEqual(layerTitles(sizes, 10, 24), ["", "", "", ""]);
  assert.deepEqual(layerTitles([7, 1, 1], 200, 14)[1], "1 neuron");
});

test("chosen titles never overlap: half of each neighbour's width fits in the gap", () => {
  for (const gap of [30, 50, 70, 90, 120, 160, 220]) {
    for (const font of [14, 24]) {
      const titles = layerTitles([7, 8, 8, 8, 8, 8, 8, 1], gap, font);
      for (let l = 1; l < titles.length; l++) {
        const half = (titles[l].length + titles[l - 1].length) * CHAR_WIDTH * font / 2;
        assert.ok(half < gap, `gap ${gap}, font ${font}: ${titles[l - 1]} | ${titles[l]}`);
      }
    }
  }
});

test("the input labels get room for the longest one at the font's size", () => {
  assert.ok(labelRoom(["X₁", "sin(X₁)"], 24) > labelRoom(["X₁", "sin(X₁)"], 14));
  assert.ok(labelRoom(["X₁", "sin(X₁)"], 24) >= 7 * CHAR_WIDTH * 24);
});

test("the right margin can differ from the left one (labels only sit left of the inputs)", () => {
  const { columns, node } = networkLayout([7, 4, 1], 600, 400, { side: 120, right: 30 });
  assert.ok(Math.abs(columns[0].x - node / 2 - 120) < 1e-9);
  assert.ok(Math.abs(600 - 30 - (columns[2].x + node / 2)) < 1e-9);
});

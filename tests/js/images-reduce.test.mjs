// Reducing a fine drawing to the grid follows the Python rule (tests/fixtures/image_cases.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { intensities, reduceDrawing } from "../../static/js/images/reduce.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/image_cases.json", import.meta.url)));

for (const { size, fine, grid } of fixture.reductions) {
  test(`a ${fine.length}×${fine.length} drawing reduces to the engine's ${size}×${size} counts`, () => {
    assert.deepEqual(reduceDrawing(fine, size), grid);
  });
}

test("a full 4×4 block counts 16, an intensity of 1; 0.5 is not on", () => {
  const fine = Array.from({ length: 32 }, (_, r) => Array.from({ length: 32 }, (_, c) => (r < 4 && c < 4 ? 1 : 0.5)));
  const grid = reduceDrawing(fine, 8);
  assert.equal(grid[0][0], 16);
  assert.equal(grid[0][1], 0);
  assert.equal(intensities(grid)[0][0], 1);
});

test("a drawing that does not divide into blocks is refused", () => {
  const fine = Array.from({ length: 30 }, () => new Array(30).fill(0));
  assert.throws(() => reduceDrawing(fine, 8), /drawing: expected a square whose side is a multiple of 8/);
});

// Reduce a fine drawing to the grid the way the UCI digits were made (app/nn/images/drawn.py).
//
// A fine drawing is B·S × B·S pixels ([row][col], a pixel is "on" above 0.5);
// grid pixel (y, x) counts the on-pixels of its B × B block, so a 32 × 32
// drawing on an 8 × 8 grid gives counts 0 … 16, the UCI scale; dividing by
// 16 gives the intensities 0 … 1 the network reads. Tested against the
// Python rule through tests/fixtures/image_cases.json.
// Non-goal: drawing strokes onto the fine canvas (a drawing module's job).

export const PIXEL_MAX = 16;

/** Counts of on-pixels per block: [size][size] of integers 0 … B². */
export function reduceDrawing(fine, size) {
  const side = fine.length;
  if (size < 1 || side % size !== 0 || fine.some((row) => row.length !== side)) {
    throw new RangeError(`drawing: expected a square whose side is a multiple of ${size}, got ${side}×${fine[0]?.length}`);
  }
  const block = side / size;
  const grid = Array.from({ length: size }, () => new Array(size).fill(0));
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      if (fine[row][col] > 0.5) grid[Math.floor(row / block)][Math.floor(col / block)] += 1;
    }
  }
  return grid;
}

/** Grid counts 0 … 16 as the intensities 0 … 1 the network reads. */
export function intensities(grid) {
  return grid.map((row) => row.map((count) => count / PIXEL_MAX));
}

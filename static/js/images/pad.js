// A drawing pad's ink: strokes on a fine grid, four times the image's side (as the UCI set).
//
// The pad keeps a fine `side`×`side` grid of ink 0 or 1; a stroke stamps a round brush along
// each segment the pointer moves, so quick strokes leave no gaps. reduce.js then counts the
// on-pixels of each 4×4 block: the 0 … 16 values the network reads (as value / 16).
// Coordinates are in fine pixels, (0, 0) the top left corner of the grid.
// Non-goal: pointer events and painting (ui/images.js, draw/imageview.js).

export const FINE = 4; // fine pixels per image pixel, a side
export const BRUSH = 1.6; // brush radius in fine pixels: strokes about 3 px wide, like a pen on the UCI forms

/** An empty pad for images of `size` pixels a side. */
export function createPad(size) {
  const side = size * FINE;
  return { size, side, ink: new Uint8Array(side * side) };
}

/** Ink a round brush of `radius` centred at (x, y). */
export function stamp(pad, x, y, radius = BRUSH) {
  const { side, ink } = pad;
  const r2 = radius * radius;
  for (let row = Math.max(0, Math.floor(y - radius)); row <= Math.min(side - 1, Math.ceil(y + radius)); row++) {
    for (let col = Math.max(0, Math.floor(x - radius)); col <= Math.min(side - 1, Math.ceil(x + radius)); col++) {
      const dy = row + 0.5 - y;
      const dx = col + 0.5 - x;
      if (dx * dx + dy * dy <= r2) ink[row * side + col] = 1;
    }
  }
}

/** Ink the segment from `from` to `to` ({x, y}); stamps half a radius apart. */
export function stroke(pad, from, to, radius = BRUSH) {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const steps = Math.max(1, Math.ceil(length / (radius / 2)));
  for (let k = 0; k <= steps; k++) {
    stamp(pad, from.x + ((to.x - from.x) * k) / steps, from.y + ((to.y - from.y) * k) / steps, radius);
  }
}

/** Wipe the pad. */
export function clearPad(pad) {
  pad.ink.fill(0);
}

/** Whether anything is drawn. */
export function isBlank(pad) {
  return !pad.ink.some((v) => v);
}

/** The ink as nested rows [row][col] of 0/1, what reduceDrawing takes. */
export function inkRows(pad) {
  const { side, ink } = pad;
  return Array.from({ length: side }, (_, row) => Array.from(ink.subarray(row * side, (row + 1) * side)));
}

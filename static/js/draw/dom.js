// DOM helpers the drawing modules share: make an element with a class and text; size a
// square canvas to the screen's pixels.

/** A new `tag` element with `className` (if any) and `text` (if given). */
export function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Size square `canvas` to `css` CSS pixels at the screen's pixel ratio and clear it; returns
 * its 2D context, scaled so the caller draws in CSS pixels.
 */
export function squareContext(canvas, css) {
  const ratio = globalThis.devicePixelRatio || 1;
  const pixels = Math.max(1, Math.round(css * ratio));
  if (canvas.width !== pixels) canvas.width = canvas.height = pixels;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, css, css);
  return ctx;
}

// Draw the output heatmap (decision boundary or surface) and the data points over it.
//
// The network is evaluated on a coarse grid (one pixel per cell, in a canvas of its own)
// and drawn onto the visible canvas at screen resolution with bilinear smoothing, so a
// 32×32 grid while training reads as a smooth boundary, not as blocks. The points canvas
// is drawn at device resolution so glyphs stay crisp. Pixel colours come from a
// fill(rgba) callback (colors.js / classcolors.js), point colours and glyphs from
// styleOf(label), positions from layout.plotScale.
import { plotScale } from "../layout.js";
import { glyphPath } from "./glyphs.js";

const OUTLINE = "#1b2430";
const MAX_FIELD_PIXELS = 400; // the smoothed picture's side: enough for a projector at rest
const PIXELS_PER_CELL = 8; // while training (a 32-cell grid): 256 px, smooth, and cheap each frame

/** Create the heatmap inside `root`; returns { drawField, drawPoints, setMarker, setLabel, root }. */
export function createHeatmap(root) {
  const field = document.createElement("canvas");
  field.className = "heatmap-field";
  field.setAttribute("role", "img");
  const points = document.createElement("canvas");
  points.className = "heatmap-points";
  points.setAttribute("aria-hidden", "true");
  const marker = document.createElement("div");
  marker.className = "heatmap-marker";
  marker.hidden = true;
  root.replaceChildren(field, points, marker);
  const grid = document.createElement("canvas"); // one pixel per grid cell, never shown
  let image = null;

  /** Paint a size×size grid (row 0 at the top) whose pixels `fill(rgba)` writes, smoothed to the screen. */
  function drawField(size, fill) {
    if (!image || image.width !== size) {
      image = new ImageData(size, size);
      grid.width = grid.height = size;
    }
    fill(image.data);
    grid.getContext("2d").putImageData(image, 0, 0);
    const screen = Math.round(root.clientWidth * (globalThis.devicePixelRatio || 1));
    const pixels = Math.max(size, Math.min(MAX_FIELD_PIXELS, size * PIXELS_PER_CELL, screen));
    if (field.width !== pixels) field.width = field.height = pixels;
    const ctx = field.getContext("2d");
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "medium";
    ctx.drawImage(grid, 0, 0, pixels, pixels);
    field.dataset.grid = String(size); // read by the browser tests
  }

  /**
   * Draw training points, and test points (thick outline) when `showTest`;
   * styleOf(label) → { fill, glyph }.
   */
  function drawPoints(train, test, domain, showTest, styleOf) {
    const ratio = globalThis.devicePixelRatio || 1;
    const css = root.clientWidth;
    const pixels = Math.max(1, Math.round(css * ratio));
    if (points.width !== pixels) points.width = points.height = pixels;
    const ctx = points.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, css, css);
    const scale = plotScale(domain, css);
    const radius = css > 250 ? 4 : 3;
    const mark = ([x1, x2, y], lineWidth) => {
      const style = styleOf(y);
      glyphPath(ctx, style.glyph, scale.x(x1), scale.y(x2), radius);
      ctx.fillStyle = style.fill;
      ctx.fill();
      ctx.lineWidth = lineWidth;
      ctx.strokeStyle = OUTLINE;
      ctx.stroke();
    };
    for (const point of train) mark(point, 1);
    if (showTest) for (const point of test) mark(point, 2.5);
  }

  /** Ring the chosen point [x1, x2] (or hide the ring for null). */
  function setMarker(point, domain) {
    marker.hidden = !point;
    if (!point) return;
    const scale = plotScale(domain, root.clientWidth);
    Object.assign(marker.style, { left: `${scale.x(point[0])}px`, top: `${scale.y(point[1])}px` });
  }

  return {
    root,
    drawField,
    drawPoints,
    setMarker,
    setLabel: (text) => field.setAttribute("aria-label", text),
  };
}

// Draw the output heatmap (decision boundary or surface) and the data points over it.
//
// The field canvas holds one pixel per grid cell and is upscaled by CSS; the
// points canvas is drawn at device resolution so glyphs stay crisp. Pixel
// colours come from a fill(rgba) callback (colors.js / classcolors.js), point
// colours and glyphs from styleOf(label), positions from layout.plotScale.
import { plotScale } from "../layout.js";

const OUTLINE = "#1b2430";

function glyphPath(ctx, glyph, x, y, r) {
  ctx.beginPath();
  if (glyph === "square") ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
  else if (glyph === "triangle") {
    ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r * 1.1, y + r * 0.8); ctx.lineTo(x - r * 1.1, y + r * 0.8); ctx.closePath();
  } else if (glyph === "diamond") {
    ctx.moveTo(x, y - r * 1.3); ctx.lineTo(x + r * 1.1, y); ctx.lineTo(x, y + r * 1.3); ctx.lineTo(x - r * 1.1, y); ctx.closePath();
  } else if (glyph === "star") {
    for (let k = 0; k < 10; k++) {
      const a = -Math.PI / 2 + (k * Math.PI) / 5;
      const rr = k % 2 ? r * 0.6 : r * 1.4;
      ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
    }
    ctx.closePath();
  } else ctx.arc(x, y, r, 0, 2 * Math.PI);
}

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
  let image = null;

  /** Paint a size×size image (row 0 at the top) whose pixels `fill(rgba)` writes. */
  function drawField(size, fill) {
    if (!image || image.width !== size) {
      image = new ImageData(size, size);
      field.width = field.height = size;
    }
    fill(image.data);
    field.getContext("2d").putImageData(image, 0, 0);
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

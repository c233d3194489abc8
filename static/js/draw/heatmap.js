// Draw the output heatmap (decision boundary) and the data points over it.
//
// The field canvas holds one pixel per grid cell and is upscaled by CSS; the
// points canvas is drawn at device resolution so circles stay crisp.
// Colours come from colors.js, positions from layout.plotScale.
import { labelColor, paintValues } from "../colors.js";
import { plotScale } from "../layout.js";

const OUTLINE = "#1b2430";

/** Create the heatmap inside `root`; returns { drawField, drawPoints }. */
export function createHeatmap(root) {
  const field = document.createElement("canvas");
  field.className = "heatmap-field";
  field.setAttribute("role", "img");
  field.setAttribute("aria-label", "Network output over the input plane: blue for +1, orange for −1");
  const points = document.createElement("canvas");
  points.className = "heatmap-points";
  points.setAttribute("aria-hidden", "true");
  root.replaceChildren(field, points);
  let image = null;

  /** Paint `values` (size×size grid, row 0 at the top) onto the field. */
  function drawField(values, size) {
    if (!image || image.width !== size) {
      image = new ImageData(size, size);
      field.width = field.height = size;
    }
    paintValues(values, image.data);
    field.getContext("2d").putImageData(image, 0, 0);
  }

  /** Draw training points, and test points when `showTest`, as outlined circles. */
  function drawPoints(train, test, domain, showTest) {
    const ratio = globalThis.devicePixelRatio || 1;
    const css = root.clientWidth;
    const pixels = Math.max(1, Math.round(css * ratio));
    if (points.width !== pixels) points.width = points.height = pixels;
    const ctx = points.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, css, css);
    const scale = plotScale(domain, css);
    const radius = css > 250 ? 4 : 3;
    const circle = ([x1, x2, y], lineWidth, fill) => {
      ctx.beginPath();
      ctx.arc(scale.x(x1), scale.y(x2), radius, 0, 2 * Math.PI);
      ctx.fillStyle = fill ?? labelColor(y);
      ctx.fill();
      ctx.lineWidth = lineWidth;
      ctx.strokeStyle = OUTLINE;
      ctx.stroke();
    };
    for (const point of train) circle(point, 1);
    if (showTest) {
      for (const point of test) circle(point, 2.5);
    }
  }

  return { drawField, drawPoints };
}

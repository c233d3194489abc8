// Draw the class data set over the output plot: each collected point larger than the run's,
// with a thick outline, and the new ones ringed.
//
// A canvas of its own on top of the plot's (draw/heatmap.js), so the class's points
// redraw without repainting the run's. Positions come from layout.plotScale, colours
// and glyphs from styleOf(label) (outputs.pointStyle). Takes rows; decides nothing.
import { plotScale } from "../../layout.js";
import { squareContext } from "../../draw/dom.js";
import { glyphPath } from "../../draw/glyphs.js";

const OUTLINE = "#1b2430";
const RING = "#b4005a"; // "new": the rewind marker's colour, used nowhere else on the plot

/** Add the layer to the plot `root`; returns draw({ old, fresh } | null, domain, styleOf). */
export function createClassPoints(root) {
  const canvas = document.createElement("canvas");
  canvas.className = "heatmap-class";
  canvas.setAttribute("aria-hidden", "true");
  root.append(canvas);

  return function draw(rows, domain, styleOf) {
    const css = root.clientWidth;
    const ctx = squareContext(canvas, css);
    root.dataset.classPoints = String(rows ? rows.old.length + rows.fresh.length : 0); // for the browser tests
    root.dataset.classNew = String(rows ? rows.fresh.length : 0);
    if (!rows) return;
    const scale = plotScale(domain, css);
    const radius = css > 250 ? 6 : 5;
    const mark = ([x1, x2, y], fresh) => {
      const x = scale.x(x1);
      const yy = scale.y(x2);
      if (fresh) {
        ctx.beginPath();
        ctx.arc(x, yy, radius * 2, 0, 2 * Math.PI);
        ctx.lineWidth = 3;
        ctx.strokeStyle = RING;
        ctx.stroke();
      }
      const style = styleOf(y);
      glyphPath(ctx, style.glyph, x, yy, radius);
      ctx.fillStyle = style.fill;
      ctx.fill();
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = OUTLINE;
      ctx.stroke();
    };
    for (const row of rows.old) mark(row, false);
    for (const row of rows.fresh) mark(row, true);
  };
}

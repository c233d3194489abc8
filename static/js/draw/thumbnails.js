// Draw the data set thumbnails of the picker: a few points of each data set, in the page's
// colours and glyphs (so they follow the colour-blind-safe palette).
//
// The points are the engine's own (static/data/dataset-thumbnails.json, written by
// tools/dataset_thumbnails.py); they load once, and every canvas handed to paint() is
// redrawn when they arrive and on repaint() (a palette change).
import { plotScale } from "../layout.js";
import { pointStyle } from "../outputs.js";
import { glyphPath } from "./glyphs.js";

const SOURCE = "/static/data/dataset-thumbnails.json";
const DOMAIN = 6;

function kindOf(entry) {
  if (entry?.classes === 1 || entry?.problem === "regression") return "regression";
  return entry?.classes === "num_classes" ? "classes" : "binary";
}

function drawPoints(canvas, points, kind) {
  const ratio = globalThis.devicePixelRatio || 1;
  const size = canvas.clientWidth || 48;
  canvas.width = canvas.height = Math.round(size * ratio);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, size, size);
  const scale = plotScale(DOMAIN, size);
  const styleOf = pointStyle(kind);
  for (const [x1, x2, y] of points ?? []) {
    const style = styleOf(y);
    glyphPath(ctx, style.glyph, scale.x(x1), scale.y(x2), 2.2);
    ctx.fillStyle = style.fill;
    ctx.fill();
  }
  canvas.dataset.points = String(points?.length ?? 0); // read by the browser tests
}

/** Returns { paint(canvas, name, catalogEntry), repaint() }. */
export function createThumbnails() {
  const canvases = new Map(); // canvas → { name, entry }
  let points = null;
  const loaded = fetch(SOURCE).then((r) => (r.ok ? r.json() : { points: {} })).catch(() => ({ points: {} }));
  loaded.then((data) => {
    points = data.points ?? {};
    repaint();
  });

  function repaint() {
    if (!points) return;
    for (const [canvas, { name, entry }] of canvases) drawPoints(canvas, points[name], kindOf(entry));
  }

  return {
    paint(canvas, name, entry) {
      canvases.set(canvas, { name, entry });
      if (points) drawPoints(canvas, points[name], kindOf(entry));
    },
    repaint,
  };
}

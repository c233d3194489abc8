// Draw the data set thumbnails of the picker: a few points of each data set, in the page's
// colours and glyphs (so they follow the colour-blind-safe palette); a picture of each image
// data set, ink on paper.
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

/** An image data set's picture: `picture` = { size, pixels: values 0 … 16 }, ink on paper. */
function drawImage(canvas, picture) {
  if (!picture) return;
  canvas.width = canvas.height = picture.size;
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(picture.size, picture.size);
  picture.pixels.forEach((v, i) => {
    const c = Math.round(255 * (1 - v / 16));
    image.data.set([c, c, c, 255], 4 * i);
  });
  ctx.putImageData(image, 0, 0);
  canvas.dataset.points = String(picture.pixels.length); // read by the browser tests
}

/** Returns { paint(canvas, name, catalogEntry), repaint() }. */
export function createThumbnails() {
  const canvases = new Map(); // canvas → { name, entry }
  let data = null;
  const loaded = fetch(SOURCE).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  loaded.then((json) => {
    data = { points: json.points ?? {}, images: json.images ?? {} };
    repaint();
  });

  function draw(canvas, name, entry) {
    if (entry?.problem === "images") drawImage(canvas, data.images[name]);
    else drawPoints(canvas, data.points[name], kindOf(entry));
  }

  function repaint() {
    if (!data) return;
    for (const [canvas, { name, entry }] of canvases) draw(canvas, name, entry);
  }

  return {
    paint(canvas, name, entry) {
      canvases.set(canvas, { name, entry });
      if (data) draw(canvas, name, entry);
    },
    repaint,
  };
}

// Draw the class view: one tile per student, with their run's output as a thumbnail, a
// sparkline of its loss, their name, epoch, test loss and whether it trains.
//
// Pixels come from classroom/thumbnail.js (computed from the glimpse's weights), the
// order and captions from classroom/glimpses.js. Tiles are buttons (click: put that run
// on the projector) and are reused from one glimpse to the next, so a class of 30 redraws
// in place. Each tile carries its update count and times for the browser tests.
import { sparkline, thumbnailPixels, THUMBNAIL_GRID } from "../thumbnail.js";
import { tileCaption } from "../glimpses.js";

const SPARK_W = 120;
const SPARK_H = 28;

function makeTile(onPick) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "tile";
  const thumb = Object.assign(document.createElement("canvas"), { className: "tile-thumb", width: THUMBNAIL_GRID, height: THUMBNAIL_GRID });
  thumb.setAttribute("aria-hidden", "true");
  const spark = Object.assign(document.createElement("canvas"), { className: "tile-spark", width: SPARK_W, height: SPARK_H });
  spark.setAttribute("aria-hidden", "true");
  const name = Object.assign(document.createElement("span"), { className: "tile-name" });
  const caption = Object.assign(document.createElement("span"), { className: "tile-caption" });
  const text = Object.assign(document.createElement("span"), { className: "tile-text" });
  text.append(name, caption);
  button.append(thumb, text, spark);
  button.addEventListener("click", () => onPick(Number(button.dataset.student)));
  item.append(button);
  return { item, button, thumb, spark, name, caption };
}

function drawSpark(canvas, curve) {
  const ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, SPARK_W, SPARK_H);
  const points = sparkline(curve);
  if (!points.length) return;
  ctx.beginPath();
  points.forEach(([x, y], i) => ctx[i ? "lineTo" : "moveTo"](2 + x * (SPARK_W - 4), 2 + y * (SPARK_H - 4)));
  ctx.lineWidth = 2;
  ctx.strokeStyle = "#7a4a00";
  ctx.stroke();
}

/** Create the grid in list `root`; `onPick(student)` on a click. Returns render(students, domain, spotlight). */
export function createClassGrid(root, onPick) {
  const tiles = new Map();
  const evaluators = new Map();

  return function render(students, domain, spotlight) {
    const order = [];
    for (const entry of students) {
      let tile = tiles.get(entry.student);
      if (!tile) tiles.set(entry.student, (tile = makeTile(onPick)));
      order.push(tile.item);
      const { button } = tile;
      Object.assign(button.dataset, {
        student: String(entry.student), updates: String(entry.updates), firstAt: String(entry.firstAt),
        lastAt: String(entry.lastAt), following: String(Boolean(entry.following)),
      });
      button.setAttribute("aria-pressed", String(entry.student === spotlight));
      button.disabled = Boolean(entry.following);
      tile.name.textContent = entry.name;
      tile.caption.textContent = tileCaption(entry);
      button.title = entry.following ? "" : `Show ${entry.name}'s run to the class`;
      const pixels = thumbnailPixels(entry, domain, evaluators);
      const ctx = tile.thumb.getContext("2d");
      if (pixels) ctx.putImageData(new ImageData(pixels, THUMBNAIL_GRID, THUMBNAIL_GRID), 0, 0);
      else ctx.clearRect(0, 0, THUMBNAIL_GRID, THUMBNAIL_GRID);
      drawSpark(tile.spark, entry.following ? null : entry.curve);
    }
    for (const [number, tile] of tiles) if (!students.some((s) => s.student === number)) tiles.delete(number);
    const same = order.length === root.children.length && order.every((item, i) => root.children[i] === item);
    if (!same) root.replaceChildren(...order); // moving tiles only when the order changed keeps focus
    root.dataset.students = String(order.length);
  };
}

// Draw an image network: the image, each filter's kernel beside its feature map, the pooled
// maps, the dense layers and the class outputs; the picked pixel and what it reads outlined.
//
// setStructure() builds the columns when the network's shape or the panel's size changes;
// draw() paints every canvas from numbers computed elsewhere (forward pass, scales: ui/images.js).
// Maps are drawn at one byte a pixel and scaled by CSS (pixelated), so a frame costs a few
// putImageData calls. Values are coloured on the one diverging scale, each column scaled to
// its largest |value|; the image is ink on paper. Clicking a map pixel (or Enter on a focused
// map, arrows to move) calls onPick({ layer, stage, map, y, x }).
import { divergingRgb } from "../colors.js";
import { element } from "./dom.js";
import { fitMaps, kernelBlock, kernelCell, stages } from "../images/layout.js";

const GAP = 4;
const INPUT_SIZE = 64; // the image at the left, px
const PHONE = "(max-width: 760px)"; // css/phone.css: the page is one scrolling column ...
const NARROW = 560; // ... and the drawing lays out at least this wide, scrolling sideways, ...
const TOUCH = 44; // ... with maps big enough to tap
const FIT_ATTEMPTS = 4; // the estimate, then up to three narrower tries when the drawing still overflows

/** Paint `grids` (equal squares) as `colour(value)` pixels onto `canvas`, in a block 1 px apart. */
function paint(canvas, grids, colour) {
  const side = grids[0].length;
  const block = grids.length === 1 ? { cols: 1, width: side, height: side } : kernelBlock(side, grids.length);
  if (canvas.width !== block.width || canvas.height !== block.height) Object.assign(canvas, { width: block.width, height: block.height });
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(block.width, block.height);
  image.data.fill(255);
  grids.forEach((grid, g) => {
    const top = Math.floor(g / block.cols) * (side + 1);
    const left = (g % block.cols) * (side + 1);
    grid.forEach((row, y) => row.forEach((value, x) => image.data.set(colour(value), ((top + y) * block.width + left + x) * 4)));
  });
  ctx.putImageData(image, 0, 0);
}

const ink = (v) => { const c = Math.round(255 * (1 - Math.min(1, Math.max(0, v)))); return [c, c, c, 255]; };
const scaled = (scale) => (v) => [...divergingRgb(scale > 0 ? v / scale : 0), 255];

/** A stage's heading: a short name, then its size on a second line. */
function heading(stage, names) {
  const [name, size] = {
    input: ["Image", `${stage.side}×${stage.side}`],
    conv: [`Conv ${stage.layer + 1}`, `${stage.count} × ${stage.kernel}×${stage.kernel}`],
    pool: ["Pool", "max 2×2"],
    dense: ["Dense", String(stage.count)],
    output: ["Output", `${names.length} classes`],
  }[stage.kind];
  const head = element("h3", "cnn-head", name);
  head.append(element("span", "cnn-size", size));
  return head;
}

/** `root` holds the drawing; `onPick(pick)` when a map pixel is chosen. Returns { setStructure, draw }. */
export function createCnnView(root, { onPick }) {
  let columns = [];
  let key = "";

  function mapBox(stage, m, size) {
    const box = element("div", "cnn-map");
    const canvas = element("canvas", "cnn-grid");
    box.style.width = box.style.height = `${size}px`;
    box.append(canvas);
    if (stage.kind === "input") {
      canvas.setAttribute("aria-label", "The image the network reads");
      return { box, canvas };
    }
    canvas.tabIndex = 0;
    canvas.setAttribute("role", "button");
    const where = stage.kind === "pool" ? "pooled map" : "feature map";
    canvas.setAttribute("aria-label", `Layer ${stage.layer + 1} ${where} ${m + 1}: click a pixel for its arithmetic`);
    const pickAt = (y, x) => onPick({ layer: stage.layer, stage: stage.kind, map: m, y, x });
    canvas.addEventListener("click", (event) => {
      const rect = canvas.getBoundingClientRect();
      pickAt(Math.min(stage.side - 1, Math.floor(((event.clientY - rect.top) / rect.height) * stage.side)),
        Math.min(stage.side - 1, Math.floor(((event.clientX - rect.left) / rect.width) * stage.side)));
    });
    canvas.addEventListener("keydown", (event) => {
      const move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
      if (event.key !== "Enter" && event.key !== " " && !move) return;
      event.preventDefault();
      event.stopPropagation();
      const at = canvas.dataset.picked ? canvas.dataset.picked.split(",").map(Number) : [stage.side >> 1, stage.side >> 1];
      const [dy, dx] = move ?? [0, 0];
      pickAt(Math.max(0, Math.min(stage.side - 1, at[0] + dy)), Math.max(0, Math.min(stage.side - 1, at[1] + dx)));
    });
    return { box, canvas };
  }

  function fillMaps(column, fit, i) {
    const { stage } = column;
    const body = element("div", "cnn-maps");
    body.style.gridTemplateRows = `repeat(${fit.rows[i]}, ${fit.size}px)`;
    column.maps = Array.from({ length: stage.count }, (_, m) => {
      const map = mapBox(stage, m, fit.size);
      const cell = element("div", "cnn-cell");
      if (stage.kind === "conv") {
        const block = kernelBlock(stage.kernel, stage.channels);
        const px = kernelCell(stage.kernel, stage.channels, fit.size);
        map.kernel = element("canvas", "cnn-kernel");
        Object.assign(map.kernel.style, { width: `${block.width * px}px`, height: `${block.height * px}px` });
        map.kernel.setAttribute("aria-hidden", "true");
        cell.append(map.kernel);
      }
      cell.append(map.box);
      body.append(cell);
      return map;
    });
    body.style.width = `${fit.widths[i]}px`;
    column.column.append(body);
  }

  /** A stage's column with its heading; the fixed ones (input, dense, output) filled too. */
  function buildColumn(stage, names) {
    const column = element("div", `cnn-stage cnn-${stage.kind}`);
    column.append(heading(stage, names));
    if (stage.kind === "conv" || stage.kind === "pool") return { stage, column };
    if (stage.kind === "input") {
      const map = mapBox(stage, 0, INPUT_SIZE);
      column.append(map.box);
      return { stage, column, maps: [map] };
    }
    const list = element("ol", "cnn-units");
    const units = Array.from({ length: stage.count }, (_, k) => {
      const item = element("li", "cnn-unit");
      if (stage.kind === "output") {
        const bar = element("span", "cnn-bar");
        bar.append(element("span", "cnn-fill"));
        item.append(element("span", "cnn-name", names[k] ?? String(k)), bar);
      }
      list.append(item);
      return item;
    });
    column.append(list);
    return { stage, column, units };
  }

  return {
    /**
     * Rebuild for `images` (state.images) and dense `sizes` when they or the box changed:
     * headings and the fixed columns first, measured, then the maps at the size that fits.
     */
    setStructure(images, sizes, names) {
      const narrow = matchMedia(PHONE).matches;
      const width = narrow ? Math.max(NARROW, root.clientWidth) : root.clientWidth;
      const font = getComputedStyle(root).fontSize + document.body.className; // projector mode: larger headings
      const next = JSON.stringify([images.size, images.conv, images.pool, sizes, names, width, root.clientHeight, font]);
      if (next === key) return false;
      key = next;
      const list = stages(images, sizes);
      columns = list.map((stage) => buildColumn(stage, names));
      root.replaceChildren(...columns.map((c) => c.column));
      const head = Math.max(...columns.map((c) => c.column.firstChild.offsetHeight));
      const maps = (c) => c.stage.kind === "conv" || c.stage.kind === "pool";
      const fixed = columns.filter((c) => !maps(c)).reduce((sum, c) => sum + c.column.offsetWidth + GAP * 4, 0);
      const heads = columns.map((c) => (maps(c) ? c.column.firstChild.offsetWidth : 0));
      const smallest = narrow ? TOUCH : undefined;
      let room = width;
      for (let attempt = 0; attempt < FIT_ATTEMPTS; attempt++) {
        const fit = fitMaps(list, room, root.clientHeight - head - 2 * GAP, fixed, GAP, smallest, heads);
        columns.forEach((column, i) => { if (maps(column)) { column.column.lastChild.classList?.contains("cnn-maps") && column.column.lastChild.remove(); fillMaps(column, fit, i); } });
        const over = root.scrollWidth - root.clientWidth; // what the estimate missed (margins, borders)
        if (narrow || over <= 0) break;
        room -= over;
      }
      return true;
    },
    /**
     * Paint `model` = { image, forward, network, scales: { conv[l], pool[l], kernel[l], dense[l] },
     * pick: { layer, stage, map, y, x } | null, value: the picked pixel's value text }.
     */
    draw({ image, forward, network, scales, pick, value }) {
      for (const { stage, maps, units } of columns) {
        if (stage.kind === "input") paint(maps[0].canvas, [image], ink);
        else if (stage.kind === "conv" || stage.kind === "pool") {
          const layer = forward.conv[stage.layer];
          const grids = stage.kind === "conv" ? layer.a : layer.pooled;
          const colour = scaled(scales.conv[stage.layer]); // pooled maps keep their layer's scale
          const kernelColour = scaled(scales.kernel[stage.layer]);
          maps.forEach((map, m) => {
            paint(map.canvas, [grids[m]], colour);
            if (map.kernel) paint(map.kernel, network.conv_kernels[stage.layer][m], kernelColour);
          });
        } else if (stage.kind === "dense") {
          const values = forward.dense[stage.layer].a;
          units.forEach((unit, k) => { unit.style.background = `rgb(${divergingRgb(scales.dense[stage.layer] > 0 ? values[k] / scales.dense[stage.layer] : 0).join(",")})`; });
        } else {
          units.forEach((unit, k) => {
            unit.querySelector(".cnn-fill").style.width = `${(100 * forward.outputs[k]).toFixed(1)}%`;
            unit.classList.toggle("is-predicted", k === forward.predicted);
          });
        }
      }
      markPick(pick, value);
    },
  };

  function markPick(pick, value) {
    root.querySelectorAll(".cnn-mark, .cnn-value").forEach((el) => el.remove());
    root.querySelectorAll("canvas[data-picked]").forEach((c) => delete c.dataset.picked);
    if (!pick) return;
    const column = columns.find((c) => c.stage.kind === pick.stage && c.stage.layer === pick.layer);
    const map = column?.maps?.[pick.map];
    if (!map) return;
    const side = column.stage.side;
    map.canvas.dataset.picked = `${pick.y},${pick.x}`;
    outline(map.box, side, pick.y, pick.x, 1, "cnn-mark is-picked");
    const tag = element("span", "cnn-value", value);
    map.box.append(tag);
    // What the pixel reads: the k×k patch of every input map, or the 2×2 window it pools.
    const source = pick.stage === "pool"
      ? [columns.find((c) => c.stage.kind === "conv" && c.stage.layer === pick.layer)?.maps?.[pick.map]]
      : (columns[columns.indexOf(column) - 1]?.maps ?? []);
    const k = pick.stage === "pool" ? 2 : column.stage.kernel;
    const [y0, x0] = pick.stage === "pool" ? [2 * pick.y, 2 * pick.x] : [pick.y - (k >> 1), pick.x - (k >> 1)];
    const inputSide = pick.stage === "pool" ? side * 2 : columns[columns.indexOf(column) - 1]?.stage.side;
    for (const input of source) if (input) outline(input.box, inputSide, y0, x0, k, "cnn-mark is-source");
  }
}

/** A k×k outline from (y, x) in a map of `side` pixels, in % of its box (it may hang over the edge). */
function outline(box, side, y, x, k, className) {
  const mark = element("span", className);
  Object.assign(mark.style, { top: `${(100 * y) / side}%`, left: `${(100 * x) / side}%`, width: `${(100 * k) / side}%`, height: `${(100 * k) / side}%` });
  box.append(mark);
}

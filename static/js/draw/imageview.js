// Draw the output panel of an image run: the picture the network reads (your drawing, or a
// test image) with its class probabilities, and the test set: confusion matrix, accuracy per
// class, the most confused images, the networks compared.
//
// Pure display of numbers computed elsewhere (images/report.js, images/arithmetic.js). The
// pad shows the grid the network reads in grey and, over it, the strokes drawn at four times
// its resolution. Non-goal: pointer events (ui/images.js).
import { NEGATIVE, POSITIVE } from "../colors.js";
import { element } from "./dom.js";

const $ = (id) => document.getElementById(id);
const percent = (v) => (v === null || v === undefined ? "—" : `${(100 * v).toFixed(1)} %`);

/** Paint `grid` (flat, side² intensities) as grey cells on `canvas`, and `ink` (a pad) over it. */
export function drawPicture(canvas, flat, side, pad = null) {
  const ratio = globalThis.devicePixelRatio || 1;
  const size = Math.round((canvas.clientWidth || 160) * ratio);
  if (canvas.width !== size) canvas.width = canvas.height = size;
  const ctx = canvas.getContext("2d");
  const cell = size / side;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, size, size);
  for (let p = 0; p < side * side; p++) {
    const c = Math.round(255 * (1 - Math.min(1, Math.max(0, flat[p]))));
    ctx.fillStyle = `rgb(${c},${c},${c})`;
    ctx.fillRect((p % side) * cell, Math.floor(p / side) * cell, Math.ceil(cell), Math.ceil(cell));
  }
  if (pad) {
    const fine = size / pad.side;
    ctx.fillStyle = `rgba(${POSITIVE.join(",")}, 0.45)`;
    pad.ink.forEach((v, i) => { if (v) ctx.fillRect((i % pad.side) * fine, Math.floor(i / pad.side) * fine, Math.ceil(fine), Math.ceil(fine)); });
  }
  ctx.strokeStyle = "rgba(27, 36, 48, 0.18)";
  ctx.lineWidth = Math.max(1, ratio);
  for (let k = 1; k < side; k++) {
    ctx.beginPath();
    ctx.moveTo(k * cell, 0); ctx.lineTo(k * cell, size);
    ctx.moveTo(0, k * cell); ctx.lineTo(size, k * cell);
    ctx.stroke();
  }
}

/** The class probabilities of `math` (arithmetic.softmaxMath) as labelled bars. */
export function drawProbabilities(list, math) {
  if (list.children.length !== math.rows.length) {
    list.replaceChildren(...math.rows.map(() => {
      const item = element("li", "probability");
      const bar = element("span", "probability-bar");
      bar.append(element("span", "probability-fill"));
      item.append(element("span", "probability-name"), bar, element("span", "probability-value"));
      return item;
    }));
  }
  math.rows.forEach((row, k) => {
    const item = list.children[k];
    item.querySelector(".probability-name").textContent = row.name;
    item.querySelector(".probability-fill").style.width = `${(100 * row.p).toFixed(1)}%`;
    item.querySelector(".probability-value").textContent = `${(100 * row.p).toFixed(1)} %`;
    item.classList.toggle("is-predicted", k === math.predicted);
    item.classList.toggle("is-label", k === math.label);
  });
  list.dataset.predicted = String(math.predicted); // read by the browser tests
}

function confusionRows(view, names) {
  const head = element("tr");
  const corner = element("th", "corner", "true ↓");
  corner.append(document.createElement("br"), "taken for →");
  corner.setAttribute("aria-label", "true class down, taken for across");
  head.append(corner, ...names.map((n) => element("th", "", n)), element("th", "", "right"));
  const rows = view.rows.map((row) => {
    const tr = element("tr");
    tr.append(element("th", "", row.name));
    for (const cell of row.cells) {
      const td = element("td", cell.right ? "is-right" : "", cell.count ? String(cell.count) : "");
      const colour = cell.right ? POSITIVE : NEGATIVE;
      if (cell.count) td.style.background = `rgba(${colour.join(",")}, ${(0.12 + 0.7 * cell.share).toFixed(2)})`;
      if (cell.right && cell.share > 0.6) td.style.color = "#fff";
      tr.append(td);
    }
    tr.append(element("td", "accuracy", row.accuracy === null ? "—" : `${Math.round(100 * row.accuracy)}%`));
    return tr;
  });
  return [head, ...rows];
}

/**
 * The test pane: `view` (report.confusionView), `epoch` of the report, `confused`
 * (report.confusedImages) with `onChoose(index)`, `compared` runs, class `names`, image `side`.
 */
export function drawTestSet({ view, epoch, confused, compared, names, side, onChoose }) {
  $("test-summary").textContent = view.total
    ? `Test images right: ${view.correct} of ${view.total} (${percent(view.correct / view.total)}) at epoch ${epoch}`
    : "No test images.";
  $("confusion").replaceChildren(...confusionRows(view, names));
  $("confused").replaceChildren(...confused.map((item) => {
    const button = element("button", "btn confused-image");
    button.type = "button";
    const canvas = element("canvas", "confused-picture");
    button.setAttribute("aria-label", `Test image ${item.index + 1}: a ${names[item.label]} taken for a ${names[item.predicted]} (${percent(item.probability)})`);
    button.append(canvas, element("span", "confused-caption", `${names[item.label]} → ${names[item.predicted]}`));
    button.addEventListener("click", () => onChoose(item.index));
    requestAnimationFrame(() => drawPicture(canvas, item.pixels, side));
    return button;
  }));
  if (!confused.length) $("confused").append(element("p", "hint", view.total ? "None: every test image is right." : ""));
  const head = element("tr");
  head.append(element("th", "", "network"), element("th", "", "parameters"), element("th", "", "best test accuracy"));
  $("compared").replaceChildren(head, ...compared.map((run) => {
    const tr = element("tr");
    tr.append(element("td", "", run.label), element("td", "number", run.parameters.toLocaleString("en")), element("td", "number", `${percent(run.accuracy)} (epoch ${run.epoch})`));
    return tr;
  }));
}

// Write out a picked pixel's arithmetic in the math panel: the patch and the kernel, every
// product, + b = z, a = f(z); or a pooling window and which input won; and the image's
// softmax and loss. Numbers come from images/arithmetic.js (the page's own forward pass).
//
// Every number is written to 4 decimals (the frame's weights have 4), so the sum can be
// redone by hand from what the screen shows. Non-goal: computing anything.
import { element } from "./dom.js";

const $ = (id) => document.getElementById(id);
const WHOLE_TERMS = 25; // write every product up to one 5×5 kernel; more channels: their sums

/** `v` to 4 decimals with a real minus sign. */
export function num(v, digits = 4) {
  return Number.isFinite(v) ? v.toFixed(digits).replace(/^-/, "−") : "—";
}

function grid(values, className, caption, mark = null) {
  const table = element("table", `conv-grid ${className}`);
  table.append(element("caption", "", caption));
  values.forEach((row, y) => {
    const tr = element("tr");
    row.forEach((v, x) => tr.append(element("td", mark && mark[0] === y && mark[1] === x ? "is-winner" : "", num(v))));
    table.append(tr);
  });
  return table;
}

const SIDES = ["top left", "top right", "bottom left", "bottom right"];

function convParts(math) {
  const parts = [];
  const channels = math.patch.length;
  math.patch.slice(0, 2).forEach((patch, c) => {
    const pair = element("div", "conv-pair");
    if (channels > 1) pair.append(element("span", "conv-channel", `input map ${c + 1}`));
    pair.append(grid(patch, "patch", "patch of the input"), element("span", "conv-op", "⊙"),
      grid(math.kernel[c], "kernel", `kernel of filter ${math.map + 1}`));
    parts.push(pair);
  });
  const sum = element("p", "conv-sum");
  const terms = math.patch.flatMap((rows, c) => rows.flatMap((row, u) => row.map((v, w) => `(${num(v)} × ${num(math.kernel[c][u][w])})`)));
  const written = terms.length <= WHOLE_TERMS
    ? terms.join(" + ")
    : math.channels.map((v, c) => `${num(v)}${c === 0 ? " (map 1)" : ""}`).join(" + ");
  sum.append(`z = Σ patch ⊙ kernel + b = `, element("span", "terms", written), " + ",
    element("span", "bias", num(math.bias)), " = ", element("strong", "z", num(math.z)));
  const activation = element("p", "conv-activation");
  activation.append(`a = ${math.activation}(z) = ${math.activation}(${num(math.z)}) = `, element("strong", "a", num(math.a)));
  if (channels > 2) parts.push(element("p", "hint", `${channels} input maps: the sums of the other ${channels - 2} are in the line below.`));
  return [...parts, sum, activation];
}

function poolParts(math) {
  const values = math.window.flat();
  const won = SIDES[2 * math.winner[0] + math.winner[1]];
  const text = element("p", "conv-sum");
  text.append(`max(${values.map((v) => num(v)).join(", ")}) = `, element("strong", "z", num(math.value)),
    `: the ${won} input won (only it passes the gradient back).`);
  return [grid(math.window, "window", "the 2×2 window of the feature map", math.winner), text];
}

/** Show `math` (arithmetic.pixelMath) for pick { layer, stage, map, y, x }, or the hint for none. */
export function drawPixelMath(math) {
  $("conv-hint").hidden = Boolean(math);
  if (!math) {
    $("conv-title").textContent = "Click a pixel of a feature map";
    $("conv-math").replaceChildren();
    return;
  }
  const where = math.kind === "pool" ? "pooled map" : "feature map";
  $("conv-title").textContent = `Layer ${math.layer + 1}, ${where} ${math.map + 1}, pixel (row ${math.y + 1}, column ${math.x + 1})`;
  $("conv-math").replaceChildren(...(math.kind === "pool" ? poolParts(math) : convParts(math)));
}

/** The softmax table and the loss of the shown image (arithmetic.softmaxMath). */
export function drawSoftmax(math) {
  const table = element("table", "softmax-table");
  const head = element("tr");
  head.append(element("th", "", "class"), element("th", "", "z"), element("th", "", "p = e^z / Σ e^z"));
  table.append(head, ...math.rows.map((row, k) => {
    const tr = element("tr", [k === math.predicted ? "is-predicted" : "", k === math.label ? "is-label" : ""].join(" ").trim());
    tr.append(element("td", "", `${row.name}${k === math.label ? " ✓" : ""}`), element("td", "", num(row.z, 3)), element("td", "", num(row.p, 4)));
    return tr;
  }));
  const loss = element("p", "softmax-loss");
  if (math.loss === null) loss.textContent = "Loss: choose the image's class (its label) to see it.";
  else if (math.lossName === "mse") loss.textContent = `loss = Σ (t − p)² = ${num(math.loss)} (t = 1 for class ${math.rows[math.label].name}, else 0)`;
  else loss.textContent = `loss = −ln p(${math.rows[math.label].name}) = −ln ${num(math.rows[math.label].p)} = ${num(math.loss)}`;
  $("softmax-math").replaceChildren(table, loss);
}

// Draw the class experiment board: every run's test-loss curve on one canvas, and the ranking table.
//
// Takes the prepared data of board.js; computes nothing itself. Each curve
// gets its own dash pattern and a number at its end (its rank), so runs differ
// without colour too. Non-goal: ranking (the server ranks).
import { boardAxes, boardCurves, boardRows } from "../board.js";
import { classCss } from "../../classcolors.js";
import { formatTick } from "../../scales.js";

const DASHES = [[], [10, 6], [3, 5], [14, 5, 3, 5], [6, 3]];
const PAD = { left: 64, right: 40, top: 16, bottom: 48 };

function cell(text, tag = "td") {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

/** The axes, their ticks (round epochs; powers of ten of the loss) and their names. */
function drawAxes(g, axes, { x, y, plotW, plotH, height, font, text }) {
  g.strokeStyle = text;
  g.lineWidth = 1.5;
  g.beginPath();
  g.moveTo(PAD.left, PAD.top);
  g.lineTo(PAD.left, PAD.top + plotH);
  g.lineTo(PAD.left + plotW, PAD.top + plotH);
  g.stroke();
  g.fillStyle = text;
  g.font = `${font}px system-ui, sans-serif`;
  g.textAlign = "center";
  g.fillText("Epoch", PAD.left + plotW / 2, height - 8);
  for (const epoch of axes.x.ticks) g.fillText(String(epoch), x(epoch), height - 8 - font * 1.1);
  g.textAlign = "right";
  for (const loss of axes.y.ticks) g.fillText(formatTick(loss), PAD.left - 6, y(loss) + font / 3);
  g.save();
  g.translate(16, PAD.top + plotH / 2);
  g.rotate(-Math.PI / 2);
  g.textAlign = "center";
  g.fillText("Test loss (log scale)", 0, 4);
  g.restore();
}

/** Draw `board` (a `board` message) into `canvas` and `tbody`. */
export function drawBoard(canvas, tbody, board) {
  const rows = boardRows(board);
  const rankOf = new Map(rows.map((r) => [r.id, r.rank]));
  tbody.replaceChildren(...rows.map((r) => {
    const tr = document.createElement("tr");
    const who = r.label ? `${r.name} — ${r.label}` : r.name;
    tr.append(cell(String(r.rank), "th"), cell(who), cell(r.summary), cell(String(r.epoch)), cell(r.testLoss), cell(r.metric));
    tr.firstChild.scope = "row";
    return tr;
  }));
  canvas.dataset.entries = String(rows.length);

  const width = canvas.clientWidth || 600;
  const height = canvas.clientHeight || 320;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const g = canvas.getContext("2d");
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const curves = boardCurves(board, Math.max(50, Math.floor(width / 3)));
  const axes = boardAxes(curves);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const x = (epoch) => PAD.left + (epoch / axes.x.max) * plotW;
  const y = (loss) => PAD.top + plotH - axes.y.at(loss) * plotH;
  const text = getComputedStyle(canvas).color || "#1b2430";
  const font = parseFloat(getComputedStyle(canvas).fontSize) || 16;
  Object.assign(canvas.dataset, { yScale: "log", yTicks: axes.y.ticks.join(","), xTicks: axes.x.ticks.join(",") }); // read by the browser tests

  drawAxes(g, axes, { x, y, plotW, plotH, height, font, text });

  g.lineWidth = 3;
  g.textAlign = "left";
  for (const s of curves.series) {
    if (s.points.length === 0) continue;
    const style = s.id - 1;   // by entry id (from 1), so a curve keeps its look as others come and go
    g.strokeStyle = classCss(style);
    g.setLineDash(DASHES[style % DASHES.length]);
    g.beginPath();
    s.points.forEach(([e, l], k) => (k ? g.lineTo(x(e), y(l)) : g.moveTo(x(e), y(l))));
    g.stroke();
    const [e, l] = s.points.at(-1);
    g.fillText(String(rankOf.get(s.id)), x(e) + 4, y(l) + font / 3);
  }
  g.setLineDash([]);
}

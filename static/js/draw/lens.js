// Draw the activation lens: the curve, a histogram of pre-activations or one mark per neuron.
//
// Everything arrives computed (lens.js): the curve samples, the pixel scale,
// the marks with their label rows, the histogram counts. Text takes the page's chart font
// (--chart-font: 14 px, 24 px in projector mode).
const INK = "#1b2430";
const MUTED = "#4a5563";
const GRID = "#e3e7ec";
const CURVE = "#0877bd";
const MARK = "#c2410c";
const ROW = 17; // label row height at 14 px, scaled with the font

/** Paint `lens` = { curve, range, scale, marks, counts, axisLabel } on `canvas` (CSS size from its box). */
export function drawLens(canvas, lens) {
  const ratio = globalThis.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (!width || !height) return;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const { curve, range, scale, marks, counts } = lens;
  const px = parseFloat(getComputedStyle(canvas).getPropertyValue("--chart-font")) || 14;
  const font = `${px}px system-ui, sans-serif`;
  const row = (ROW * px) / 14;
  canvas.dataset.font = String(px); // read by the browser tests
  const { pad } = scale;
  const bottom = height - pad.bottom;

  // axes: z = 0 and a = 0, ticks at −range, 0, range
  ctx.strokeStyle = GRID;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(scale.x(0), pad.top); ctx.lineTo(scale.x(0), bottom);
  if (curve.min < 0 && curve.max > 0) { ctx.moveTo(pad.left, scale.y(0)); ctx.lineTo(width - pad.right, scale.y(0)); }
  ctx.stroke();
  ctx.font = font;
  ctx.fillStyle = MUTED;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const z of [-range, -range / 2, 0, range / 2, range]) ctx.fillText(String(z), scale.x(z), bottom + 4);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  ctx.fillText(lens.topLabel, pad.left - 6, scale.y(curve.high));
  ctx.fillText(lens.bottomLabel, pad.left - 6, scale.y(curve.low));
  ctx.setLineDash([4, 4]);
  ctx.beginPath();
  for (const a of [curve.low, curve.high]) { ctx.moveTo(pad.left, scale.y(a)); ctx.lineTo(width - pad.right, scale.y(a)); }
  ctx.stroke();
  ctx.setLineDash([]);

  if (counts) {
    const most = Math.max(1, ...counts);
    const barWidth = (width - pad.left - pad.right) / counts.length;
    ctx.fillStyle = "rgba(194, 65, 12, 0.35)";
    counts.forEach((count, k) => {
      const h = (count / most) * (bottom - pad.top) * 0.9;
      ctx.fillRect(pad.left + k * barWidth + 0.5, bottom - h, Math.max(1, barWidth - 1), h);
    });
  }

  ctx.strokeStyle = CURVE;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  curve.z.forEach((z, k) => (k ? ctx.lineTo(scale.x(z), scale.y(curve.a[k])) : ctx.moveTo(scale.x(z), scale.y(curve.a[k]))));
  ctx.stroke();

  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  for (const mark of marks ?? []) {
    const x = scale.x(Math.max(-range, Math.min(range, mark.z)));
    const y = scale.y(mark.a);
    ctx.fillStyle = MARK;
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    const labelY = pad.top + px + mark.row * row;
    ctx.fillStyle = INK;
    ctx.fillText(mark.label, x, labelY);
    ctx.strokeStyle = "rgba(27, 36, 48, 0.35)";
    ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(x, labelY + 1); ctx.lineTo(x, y - 6); ctx.stroke();
  }
  ctx.fillStyle = MUTED;
  ctx.textAlign = "right";
  ctx.textBaseline = "bottom";
  ctx.fillText(lens.axisLabel, width - pad.right, bottom - 4);
}

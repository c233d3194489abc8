// Draw the loss curve with uPlot: x = epoch, y = loss, training and test series.
//
// update() takes data already decimated by history.decimate(); the chart only
// draws. It fills its container (width and height) and takes its axis font from
// the CSS variable --chart-font (24 px in projector mode), so the canvas text
// follows the page's rule for text sizes. setLog(true) rebuilds it with a
// logarithmic loss axis (uPlot's distr 3), fed through history.forLogScale().
// setMarker(epoch) draws a vertical line at a past epoch (a rewind), or none.
import uPlot from "../../vendor/uPlot.esm.js";
import { forLogScale } from "../history.js";
import { formatTick } from "../scales.js";

const MIN_WIDTH = 160;
const MIN_HEIGHT = 90;
const MARKER = "#b4005a"; // the rewound epoch: a colour neither loss series uses, and a solid line

function fontPx(root) {
  return parseFloat(getComputedStyle(root).getPropertyValue("--chart-font")) || 14;
}

/** A uPlot draw hook: a vertical line at `epoch()` across the plot area. */
function markerHook(epoch) {
  return (u) => {
    const at = epoch();
    if (at === null || !Number.isFinite(at)) return;
    const x = Math.round(u.valToPos(at, "x", true));
    const { ctx, bbox } = u;
    ctx.save();
    ctx.strokeStyle = MARKER;
    ctx.setLineDash([]);
    ctx.lineWidth = 3 * (globalThis.devicePixelRatio || 1);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.restore();
  };
}

function chartOptions(size, px, log, epoch) {
  const axis = (label) => ({
    label, font: `${px}px system-ui, sans-serif`, labelFont: `600 ${px}px system-ui, sans-serif`,
    labelSize: Math.round(px * 1.35), labelGap: 0, gap: 3, stroke: "#1b2430",
    grid: { stroke: "#e3e7ec", width: 1 }, ticks: { stroke: "#c5ccd5", width: 1, size: 6 },
  });
  return {
    ...size,
    scales: { x: { time: false }, y: log ? { distr: 3, log: 10 } : { range: (u, min, max) => [0, max > 0 ? max * 1.08 : 1] } },
    series: [
      { label: "Epoch" },
      { label: "Training loss", stroke: "#0b3d62", width: 2.5, points: { show: false } },
      { label: "Test loss", stroke: "#7a4a00", width: 2.5, dash: [8, 5], points: { show: false } },
    ],
    // The y axis needs no label: the panel's title says "Loss"; the x axis neither: the
    // timeline under the chart (ui/rewind.js) says "epoch …" where its label would be.
    axes: [
      { ...axis(), size: Math.round(px * 1.5), labelSize: 0 },
      { ...axis(), size: Math.round(px * 3.4), labelSize: 0, values: (u, ticks) => ticks.map(formatTick) },
    ],
    legend: { show: false }, // the panel's head has the key
    cursor: { show: false },
    hooks: { draw: [markerHook(epoch)] },
  };
}

/** Create the chart inside `root`; returns { root, update(data), setLog(bool), setMarker(epoch), resize(), width() }. */
export function createLossChart(root) {
  let log = false;
  let marker = null;
  let data = [[], [], []];
  let px = fontPx(root);
  const size = () => ({ width: Math.max(MIN_WIDTH, root.clientWidth), height: Math.max(MIN_HEIGHT, root.clientHeight) });
  let chart = build();

  function build() {
    const made = new uPlot(chartOptions(size(), px, log, () => marker), [[], [], []], root);
    root.dataset.axisFont = String(px); // read by the browser tests: the font uPlot draws the axes in
    root.dataset.scale = log ? "log" : "linear";
    return made;
  }

  function update(next) {
    data = next;
    chart.setData(log ? forLogScale(next) : next);
    const top = chart.scales.y.max;
    if (Number.isFinite(top)) root.dataset.yMax = String(top); // read by the browser tests
  }

  function rebuild() {
    chart.destroy();
    chart = build();
    update(data);
  }

  return {
    root,
    update,
    setLog(on) {
      if (on === log) return;
      log = on;
      rebuild();
    },
    /** Follow the container's size and the page's chart font (projector mode changes it). */
    resize() {
      const font = fontPx(root);
      if (font !== px) {
        px = font;
        return rebuild();
      }
      const { width, height } = size();
      if (width !== chart.width || height !== chart.height) chart.setSize({ width, height });
    },
    /** Mark epoch `epoch` with a vertical line (null: no mark). */
    setMarker(epoch) {
      if (epoch === marker) return;
      marker = epoch;
      root.dataset.marker = epoch === null ? "" : String(epoch); // read by the browser tests
      chart.redraw(false, false);
    },
    width: () => chart.width,
  };
}

// Draw the loss curve with uPlot: x = epoch, y = loss, training and test series.
//
// update() takes data already decimated by history.decimate(); the chart only
// draws. It fills its container (width and height) and takes its axis font from
// the CSS variable --chart-font (24 px in projector mode), so the canvas text
// follows the page's rule for text sizes. setLog(true) rebuilds it with a
// logarithmic loss axis (uPlot's distr 3), fed through history.forLogScale().
import uPlot from "../../vendor/uPlot.esm.js";
import { forLogScale } from "../history.js";
import { formatTick } from "../scales.js";

const MIN_WIDTH = 160;
const MIN_HEIGHT = 90;

function fontPx(root) {
  return parseFloat(getComputedStyle(root).getPropertyValue("--chart-font")) || 14;
}

function chartOptions(size, px, log) {
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
    // The y axis needs no label: the panel's title says "Loss".
    axes: [
      { ...axis("Epoch"), size: Math.round(px * 1.5) },
      { ...axis(), size: Math.round(px * 3.4), labelSize: 0, values: (u, ticks) => ticks.map(formatTick) },
    ],
    legend: { show: false }, // the panel's head has the key
    cursor: { show: false },
  };
}

/** Create the chart inside `root`; returns { root, update(data), setLog(bool), resize(), width() }. */
export function createLossChart(root) {
  let log = false;
  let data = [[], [], []];
  let px = fontPx(root);
  const size = () => ({ width: Math.max(MIN_WIDTH, root.clientWidth), height: Math.max(MIN_HEIGHT, root.clientHeight) });
  let chart = build();

  function build() {
    const made = new uPlot(chartOptions(size(), px, log), [[], [], []], root);
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
    width: () => chart.width,
  };
}

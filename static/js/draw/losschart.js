// Draw the loss curve with uPlot: x = epoch, y = MSE, training and test series.
//
// update() takes data already decimated by history.decimate(); the chart only
// draws. It follows its container's width. setLog(true) rebuilds it with a
// logarithmic loss axis (uPlot's distr 3), fed through history.forLogScale().
import uPlot from "../../vendor/uPlot.esm.js";
import { forLogScale } from "../history.js";

const AXIS_FONT = "14px system-ui, sans-serif";
const LABEL_FONT = "600 14px system-ui, sans-serif";

/** Create the chart inside `root`; returns { update(data), setLog(bool), resize(), width() }. */
export function createLossChart(root, { height = 170 } = {}) {
  const axis = (label) => ({
    label, font: AXIS_FONT, labelFont: LABEL_FONT, stroke: "#1b2430",
    grid: { stroke: "#e3e7ec", width: 1 }, ticks: { stroke: "#c5ccd5", width: 1 },
  });
  const linearY = { range: (u, min, max) => [0, max > 0 ? max * 1.08 : 1] };
  const logY = { distr: 3, log: 10 };
  const options = {
    width: Math.max(200, root.clientWidth),
    height,
    scales: { x: { time: false }, y: linearY },
    series: [
      { label: "Epoch" },
      { label: "Training loss", stroke: "#0b3d62", width: 2.5, points: { show: false } },
      { label: "Test loss", stroke: "#7a4a00", width: 2.5, dash: [8, 5], points: { show: false } },
    ],
    axes: [axis("Epoch"), { ...axis("Loss"), size: 60 }],
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
  };
  let chart = new uPlot(options, [[], [], []], root);
  let log = false;
  let data = [[], [], []];

  function setLog(on) {
    if (on === log) return;
    log = on;
    chart.destroy();
    chart = new uPlot({ ...options, width: Math.max(200, root.clientWidth), scales: { x: { time: false }, y: log ? logY : linearY } }, [[], [], []], root);
    root.dataset.scale = log ? "log" : "linear";
    update(data);
  }

  function update(next) {
    data = next;
    chart.setData(log ? forLogScale(next) : next);
  }

  function resize() {
    const width = Math.max(200, root.clientWidth);
    if (width !== chart.width) chart.setSize({ width, height });
  }

  return {
    root,
    update,
    setLog,
    resize,
    width: () => chart.width,
  };
}

// Wire the application screen: the side panel, the Tools drop-down, the captions, and the
// redraws its boxes need when they change size (a bar appears, the window turns).
//
// Boxes are sized by CSS (css/screen.css); canvases are not, so every drawn view is told
// when its box changed. Non-goal: what the views draw.
import { wireCaptions } from "./captions.js";
import { wireDock } from "./dock.js";
import { wireToolbar } from "./toolbar.js";

const $ = (id) => document.getElementById(id);

/** `ctx` = { chart, redraw() }. Returns { dock, toolbar }. */
export function wireScreen({ chart, redraw }) {
  const dock = wireDock(() => redraw()); // the math panel renders only while it shows
  wireCaptions(dock);
  const toolbar = wireToolbar();
  let pending = false;
  const resized = new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      chart.resize();
      redraw();
    });
  });
  for (const id of ["network", "heatmap", "loss-chart", "cnn", "pad"]) resized.observe($(id));
  // Projector mode changes the chart's font without changing its box.
  new MutationObserver(() => chart.resize()).observe(document.body, { attributes: true, attributeFilter: ["class"] });
  return { dock, toolbar };
}

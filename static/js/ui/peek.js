// Show a tapped neuron's picture where the person is looking when the output plot is not.
//
// On a phone the page is one scrolling column: the network is a screen below the output
// plot, so a neuron shown large in the plot would change nothing visible. While the plot is
// out of view, a tapped (pinned) neuron's heatmap rises in a sheet at the bottom of the
// screen, with its name and a close button. Non-goal: what is drawn (ui/renderloop.js
// hands over the fill, draw/heatmap.js paints it).
import { createHeatmap } from "../draw/heatmap.js";

const $ = (id) => document.getElementById(id);

/** `ctx` = { output (the plot's element), close() }. Returns { show(neuron | null) }. */
export function wirePeek({ output, close }) {
  const sheet = $("neuron-peek");
  const plot = createHeatmap($("peek-plot"));
  let outputSeen = true;
  new IntersectionObserver(([entry]) => { outputSeen = entry.intersectionRatio >= 0.5; }, { threshold: [0, 0.5, 1] }).observe(output);
  $("peek-close").addEventListener("click", close);

  return {
    /**
     * `neuron` = { label, pinned, size, fill(rgba), points: [train, test, domain, showTest, styleOf] }
     * or null: shown only for a pinned neuron while the output plot is out of view.
     */
    show(neuron) {
      const open = Boolean(neuron?.pinned) && !outputSeen;
      sheet.hidden = !open;
      if (!open) return;
      $("peek-caption").textContent = `${neuron.label[0].toUpperCase()}${neuron.label.slice(1)} over the plane. Tap it again to close.`;
      plot.drawField(neuron.size, neuron.fill);
      plot.drawPoints(...neuron.points);
    },
  };
}

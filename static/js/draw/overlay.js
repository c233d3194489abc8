// Draw on top of the network: number labels on links and beside neurons, and neuron highlights.
//
// Positions arrive computed (linklabels.js, layout.js); this module only
// writes SVG text and toggles classes on the neuron squares.
const SVG = "http://www.w3.org/2000/svg";

function text(x, y, content, className, data) {
  const t = document.createElementNS(SVG, "text");
  t.setAttribute("x", x.toFixed(1));
  t.setAttribute("y", y.toFixed(1));
  t.setAttribute("class", className);
  t.textContent = content;
  Object.assign(t.dataset, data);
  return t;
}

/**
 * Create the overlay inside the network's `root`; returns { draw({ labels, badges, marks }),
 * measure(text) → { w, h } } (a label's box in the overlay's own font, projector mode included).
 */
export function createOverlay(root) {
  const svg = document.createElementNS(SVG, "svg");
  svg.classList.add("overlay");
  svg.setAttribute("aria-hidden", "true");
  root.append(svg);
  let last = "";
  const probe = text(0, 0, "", "grad-label", {});
  probe.setAttribute("visibility", "hidden");
  const ruler = document.createElement("canvas").getContext("2d");

  function measure(content) {
    if (!probe.isConnected) svg.append(probe);
    const style = getComputedStyle(probe);
    const size = parseFloat(style.fontSize) || 14;
    ruler.font = `${style.fontWeight} ${size}px ${style.fontFamily}`;
    return { w: Math.ceil(ruler.measureText(content).width) + 6, h: Math.ceil(size * 1.3) };
  }

  /**
   * `labels` = [{ x, y, text, data }] on links, `badges` = [{ x, y, text, data }] beside
   * neurons, `marks` = { className: [{ layer, neuron }] } for neuron squares.
   */
  function draw({ labels = [], badges = [], marks = {} }) {
    const key = JSON.stringify([labels, badges, marks, root.clientWidth, root.clientHeight]);
    if (key === last) return;
    last = key;
    svg.setAttribute("viewBox", `0 0 ${root.clientWidth} ${root.clientHeight}`);
    svg.replaceChildren(
      probe,
      ...badges.map((b) => text(b.x, b.y, b.text, "neuron-badge", b.data)),
      ...labels.map((l) => text(l.x, l.y, l.text, "grad-label", l.data)),
    );
    for (const className of ["is-inspected", "is-flagged", "is-stepped"]) {
      const wanted = new Set((marks[className] ?? []).map((m) => `${m.layer}:${m.neuron}`));
      for (const canvas of root.querySelectorAll("canvas.neuron")) {
        canvas.classList.toggle(className, wanted.has(`${canvas.dataset.layer}:${canvas.dataset.neuron}`));
      }
    }
  }

  return { draw, measure };
}

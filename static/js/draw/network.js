// Draw the network: neuron thumbnails, weighted links, and +/- layer buttons.
//
// Takes positions from layout.js, colours from colors.js and per-neuron grids
// from forward.js; computes nothing itself. The DOM is rebuilt only when the
// layer sizes or the box change; each frame only restyles links and repaints
// thumbnails. Buttons call onEdit(action, layerIndex); main.js sends configure.
import { linkStyle, paintValues } from "../colors.js";
import { networkLayout, networkLinks } from "../layout.js";

const SVG = "http://www.w3.org/2000/svg";
const HEAD = 78; // room above the columns for the layer buttons
const HEAD_COMPACT = 104; // the buttons stack when columns are narrow
const SIDE = 34; // room left of the inputs for their labels
const INPUT_LABELS = ["X₁", "X₂"];

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function button(label, text, onClick, disabled) {
  const b = element("button", "btn btn-round", text);
  b.type = "button";
  b.setAttribute("aria-label", label);
  b.disabled = disabled;
  b.addEventListener("click", onClick);
  return b;
}

/** Create the view inside `root`; returns { setStructure, draw }. */
export function createNetworkView(root, { onEdit }) {
  const svg = document.createElementNS(SVG, "svg");
  svg.classList.add("links");
  svg.setAttribute("aria-hidden", "true");
  const nodes = element("div", "nodes");
  root.replaceChildren(svg, nodes);

  let key = "";
  let paths = [];
  let canvases = [];
  let image = null;
  let current = { sizes: null, limits: null, enabled: false };

  function rebuild() {
    const { sizes, limits, enabled } = current;
    const width = root.clientWidth;
    const height = root.clientHeight;
    const options = { top: HEAD, side: SIDE, maxNode: 48 };
    let layout = networkLayout(sizes, width, height, options);
    const gap = layout.columns.length > 1 ? layout.columns[1].x - layout.columns[0].x : width;
    const compact = gap < 96;
    if (compact) layout = networkLayout(sizes, width, height, { ...options, top: HEAD_COMPACT });
    root.classList.toggle("is-compact", compact);
    const focused = document.activeElement?.getAttribute?.("aria-label");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    paths = networkLinks(layout).map((link) => {
      const path = document.createElementNS(SVG, "path");
      path.setAttribute("d", link.path);
      path.setAttribute("fill", "none");
      path.setAttribute("stroke-linecap", "round");
      path.classList.add("link");
      return { ...link, el: path };
    });
    svg.replaceChildren(...paths.map((p) => p.el));

    const children = [];
    const last = sizes.length - 1;
    canvases = layout.columns.map((column, l) => column.nodes.map((pos, i) => {
      const canvas = element("canvas", l === last ? "neuron neuron-output" : "neuron");
      canvas.width = canvas.height = 1;
      Object.assign(canvas.style, {
        left: `${pos.x - layout.node / 2}px`, top: `${pos.y - layout.node / 2}px`,
        width: `${layout.node}px`, height: `${layout.node}px`,
      });
      canvas.dataset.layer = String(l);
      canvas.dataset.neuron = String(i);
      children.push(canvas);
      if (l === 0) {
        const label = element("span", "node-label", INPUT_LABELS[i] ?? `X${i + 1}`);
        Object.assign(label.style, { left: `${pos.x - layout.node / 2}px`, top: `${pos.y}px` });
        children.push(label);
      }
      return canvas;
    }));

    layout.columns.forEach((column, l) => {
      const head = element("div", "layer-head");
      head.style.left = `${column.x}px`;
      const count = sizes[l];
      if (l === 0 || l === last) {
        if (!compact) head.append(element("span", "layer-title", l === 0 ? "Input" : "Output"));
      } else {
        const buttons = element("div", "buttons");
        buttons.append(
          button(`Add neuron to layer ${l}`, "+", () => onEdit("add-neuron", l - 1),
            !enabled || count >= limits.maxNeurons),
          button(`Remove neuron from layer ${l}`, "−", () => onEdit("remove-neuron", l - 1),
            !enabled || count <= limits.minNeurons),
        );
        const title = compact ? String(count) : `${count} ${count === 1 ? "neuron" : "neurons"}`;
        head.append(buttons, element("span", "layer-title", title));
      }
      children.push(head);
    });
    nodes.replaceChildren(...children);
    if (focused) nodes.querySelector(`[aria-label="${focused}"]`)?.focus();
  }

  /** Show a network of layer `sizes`; buttons respect `limits` and `enabled`. */
  function setStructure(sizes, limits, enabled) {
    const next = `${sizes.join(",")}|${root.clientWidth}x${root.clientHeight}|${enabled}|${JSON.stringify(limits)}`;
    current = { sizes, limits, enabled };
    if (next !== key) {
      key = next;
      rebuild();
      return true;
    }
    return false;
  }

  /**
   * Paint one frame: `layers[l][j]` are the grid values of neuron j of layer l
   * (size×size), `weights[l][i][j]` colour the links; inputs are divided by `inputScale`.
   */
  function draw({ layers, size, weights, inputScale }) {
    if (!image || image.width !== size) image = new ImageData(size, size);
    canvases.forEach((column, l) => column.forEach((canvas, j) => {
      const values = layers?.[l]?.[j];
      if (!values) return;
      if (canvas.width !== size) canvas.width = canvas.height = size;
      paintValues(values, image.data, l === 0 ? inputScale : 1);
      canvas.getContext("2d").putImageData(image, 0, 0);
    }));
    for (const link of paths) {
      const w = weights?.[link.layer]?.[link.from]?.[link.to];
      if (w === undefined) continue;
      const style = linkStyle(w);
      link.el.setAttribute("stroke", style.color);
      link.el.setAttribute("stroke-width", style.width.toFixed(2));
      link.el.setAttribute("stroke-dasharray", style.dashed ? "7 5" : "none");
    }
  }

  return { setStructure, draw };
}

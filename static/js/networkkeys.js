// Where the arrow keys go in the network drawing: one Tab stop, arrows along neurons and links.
//
// Items are named by keys: "f:row" (a feature in the input column, chosen or not),
// "n:layer:j" (a neuron, layers counted from 1), "b:layer:j" (its bias) and
// "w:layer:from:to" (a weight; layers counted from 0, `from` indexes the network's inputs
// for layer 0). ↑ ↓ move within a column (or along a layer's links, in weight order),
// → goes downstream (a node's first outgoing link, a link's target, a bias's neuron),
// ← upstream (a neuron's bias, a bias's first incoming link, a link's source).
// Non-goal: focusing anything (the drawing does; this only decides).

/**
 * `net` = { columns: [rows of column 0 (every feature), neurons of layer 1, …],
 * inputOf(row) → network input index or -1, rowOf(input) → row }.
 * Returns the key the arrow `key` ("ArrowUp" …) leads to from `from` (itself at an edge).
 */
export function nextItem(net, from, key) {
  const [kind, ...parts] = from.split(":");
  const n = parts.map(Number);
  const last = net.columns.length - 1;
  const count = (l) => net.columns[l] ?? 0;
  const clamp = (j, l) => Math.max(0, Math.min(count(l) - 1, j));
  const step = key === "ArrowDown" ? 1 : key === "ArrowUp" ? -1 : 0;
  const inputs = () => Array.from({ length: count(0) }, (_, r) => net.inputOf(r)).filter((i) => i >= 0).length;
  const fanIn = (layer) => (layer === 0 ? inputs() : count(layer));

  if (kind === "f" || kind === "n") {
    const l = kind === "f" ? 0 : n[0];
    const j = kind === "f" ? n[0] : n[1];
    if (step) return kind === "f" ? `f:${clamp(j + step, 0)}` : `n:${l}:${clamp(j + step, l)}`;
    if (key === "ArrowRight") {
      const source = l === 0 ? net.inputOf(j) : j;
      return l < last && source >= 0 ? `w:${l}:${source}:0` : from;
    }
    if (key === "ArrowLeft") return l > 0 ? `b:${l}:${j}` : from;
  }
  if (kind === "b") {
    const [l, j] = n;
    if (step) return `b:${l}:${clamp(j + step, l)}`;
    if (key === "ArrowRight") return `n:${l}:${j}`;
    if (key === "ArrowLeft") return fanIn(l - 1) > 0 ? `w:${l - 1}:0:${j}` : from;
  }
  if (kind === "w") {
    const [layer, i, j] = n;
    if (step) {
      const outs = count(layer + 1);
      const index = Math.max(0, Math.min(fanIn(layer) * outs - 1, i * outs + j + step));
      return `w:${layer}:${Math.floor(index / outs)}:${index % outs}`;
    }
    if (key === "ArrowRight") return `n:${layer + 1}:${j}`;
    if (key === "ArrowLeft") return layer === 0 ? `f:${net.rowOf(i)}` : `n:${layer}:${i}`;
  }
  return from;
}

// Positions of the neurons and shapes of the links in the network drawing.
//
// Columns are spread evenly across the width, neurons stack from the top with
// one spacing for every column, so links read left to right.
// Non-goal: drawing; callers place elements at the returned coordinates.

/**
 * Lay out a network of layer `sizes` in a `width`×`height` box, leaving `top` above the
 * columns, `side` left of the first (its labels) and `right` right of the last.
 * Returns { node, columns: [{ x, nodes: [{ x, y }] }] }: `node` is the side of
 * each neuron square, and (x, y) the centre of each neuron.
 */
export function networkLayout(sizes, width, height, { maxNode = 44, minNode = 14, top = 0, side = 0, right = side } = {}) {
  const columnsCount = sizes.length;
  const tallest = Math.max(...sizes);
  const usableHeight = Math.max(height - top, 0);
  // Square side such that the tallest column fits with gaps of 0.6·node.
  const fitHeight = usableHeight / (tallest + 0.6 * (tallest - 1));
  const fitWidth = width / (columnsCount * 2);
  const node = Math.max(minNode, Math.min(maxNode, fitHeight, fitWidth));
  const spacing = tallest > 1 ? Math.min(node * 1.6, (usableHeight - node) / (tallest - 1)) : 0;
  const left = side + node / 2;
  const rightmost = width - right - node / 2;
  const stepX = columnsCount > 1 ? (rightmost - left) / (columnsCount - 1) : 0;
  const columns = sizes.map((count, l) => {
    const x = columnsCount > 1 ? left + l * stepX : width / 2;
    const nodes = Array.from({ length: count }, (_, i) => ({ x, y: top + node / 2 + i * spacing }));
    return { x, nodes };
  });
  return { node, columns };
}

/** SVG path of a link from the right edge of neuron `a` to the left edge of `b`. */
export function linkPath(a, b, node) {
  const x1 = a.x + node / 2;
  const x2 = b.x - node / 2;
  const mid = (x1 + x2) / 2;
  const f = (n) => Math.round(n * 10) / 10;
  return `M${f(x1)},${f(a.y)} C${f(mid)},${f(a.y)} ${f(mid)},${f(b.y)} ${f(x2)},${f(b.y)}`;
}

/**
 * The links of a laid-out network: [{ layer, from, to, path }] in weight order.
 * `inputOf(row)` maps a row of the input column to its network input (or -1:
 * no links), for an input column that shows every feature, chosen or not.
 */
export function networkLinks(layout, inputOf = (row) => row) {
  const links = [];
  const { columns, node } = layout;
  for (let l = 0; l + 1 < columns.length; l++) {
    columns[l].nodes.forEach((a, row) => {
      const from = l === 0 ? inputOf(row) : row;
      if (from < 0) return;
      columns[l + 1].nodes.forEach((b, j) => {
        links.push({ layer: l, from, to: j, path: linkPath(a, b, node) });
      });
    });
  }
  return links.sort((x, y) => x.layer - y.layer || x.from - y.from || x.to - y.to);
}

/** Map data coordinates in [-domain, domain]² to pixels of a size×size square (x2 up). */
export function plotScale(domain, size) {
  return {
    x: (x1) => ((x1 + domain) / (2 * domain)) * size,
    y: (x2) => ((domain - x2) / (2 * domain)) * size,
  };
}

/** Data coordinates [x1, x2] of pixel (px, py) of a size×size plot of [-domain, domain]². */
export function dataPoint(domain, size, px, py) {
  return [(px / size) * 2 * domain - domain, domain - (py / size) * 2 * domain];
}

/** Point at parameter t ∈ [0, 1] of the link drawn by linkPath(a, b, node). */
export function linkPoint(a, b, node, t) {
  const x1 = a.x + node / 2;
  const x2 = b.x - node / 2;
  const mid = (x1 + x2) / 2;
  const s = 1 - t;
  const toB = 3 * s * t * t + t * t * t; // weight of b's y (control points share a's and b's y)
  const x = s * s * s * x1 + 3 * s * s * t * mid + 3 * s * t * t * mid + t * t * t * x2;
  return { x, y: (1 - toB) * a.y + toB * b.y };
}

/** Average width of one character of the drawing's labels, as a share of their font size. */
export const CHAR_WIDTH = 0.62;

/**
 * Titles over the columns of layer `sizes` whose centres are `gap` pixels apart, for a
 * font of `fontPx`: "Features", "4 neurons", …, "Output" when they fit side by side,
 * else the neuron counts alone ("", "4", …, ""), else none. Titles never overlap.
 */
export function layerTitles(sizes, gap, fontPx) {
  const last = sizes.length - 1;
  const width = (text) => text.length * CHAR_WIDTH * fontPx;
  const fits = (titles) => titles.every((t, l) => l === 0 || (width(t) + width(titles[l - 1])) / 2 + fontPx * 0.6 <= gap);
  const full = sizes.map((n, l) => (l === 0 ? "Features" : l === last ? "Output" : `${n} ${n === 1 ? "neuron" : "neurons"}`));
  if (fits(full)) return full;
  const counts = sizes.map((n, l) => (l === 0 || l === last ? "" : String(n)));
  return fits(counts) ? counts : sizes.map(() => "");
}

/** Room left of the input column for its labels (the longest of `labels` at `fontPx`). */
export function labelRoom(labels, fontPx) {
  const longest = Math.max(0, ...labels.map((text) => text.length));
  return Math.ceil(longest * CHAR_WIDTH * fontPx + fontPx * 0.8);
}

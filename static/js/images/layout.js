// Where the network drawing puts its maps: their stages left to right, how big a map is drawn,
// how many stack in a sub-column, how wide kernels are (pure: the drawing module measures,
// this decides). Every map of the drawing has one size, so a pooled map sits level with the
// feature map it pools; the biggest size at which every stage fits the panel wins.
// Non-goal: the DOM.

export const MAX_MAP = 72; // screen px of a map at most: an 8×8 map reads well at 40-72 px
export const MIN_MAP = 12;

/** How a kernel of `channels` k×k grids is laid out: in a square-ish block, 1 px apart. */
export function kernelBlock(kernel, channels) {
  const cols = Math.ceil(Math.sqrt(channels));
  const rows = Math.ceil(channels / cols);
  return { cols, rows, width: cols * kernel + cols - 1, height: rows * kernel + rows - 1 };
}

/**
 * Screen px of one kernel cell beside a map of `size` px: a single k×k grid gets at least 2
 * and is at most half the map; a block of several channels at least 1, never taller than the map.
 */
export function kernelCell(kernel, channels, size) {
  if (channels === 1) return Math.max(2, Math.floor(size / (2 * kernel)));
  return Math.max(1, Math.floor(size / kernelBlock(kernel, channels).height));
}

/** Screen width of a kernel block beside a map of `size` px. */
export function kernelWidth(kernel, channels, size) {
  return kernelBlock(kernel, channels).width * kernelCell(kernel, channels, size);
}

/**
 * Fit the map stages (conv and pool, from stages()) into `width`×`height` px beside `fixed` px
 * of other columns: the largest map size (`smallest` … MAX_MAP) at which every stage's maps fit,
 * each stage's maps wrapped into as few sub-columns as its height allows, balanced (8 maps that
 * need two sub-columns stack 4 and 4); a stage is at least `least[i]` px wide (its heading).
 * Returns { size, rows, widths }: rows[i] maps a sub-column and widths[i] px for stage i (0
 * for stages without maps).
 */
export function fitMaps(list, width, height, fixed = 0, gap = 4, smallest = MIN_MAP, least = []) {
  let fit = null;
  for (let size = Math.max(MAX_MAP, smallest); size >= smallest && !fit; size--) {
    const most = Math.max(1, Math.floor((height + gap) / (size + gap)));
    const rows = list.map((stage) => (stage.kind === "conv" || stage.kind === "pool" ? Math.ceil(stage.count / Math.ceil(stage.count / most)) : 0));
    const widths = list.map((stage, i) => {
      if (!rows[i]) return 0;
      const kernel = stage.kind === "conv" ? kernelWidth(stage.kernel, stage.channels, size) + gap : 0;
      return Math.max(least[i] ?? 0, Math.ceil(stage.count / rows[i]) * (size + kernel + gap));
    });
    const total = fixed + widths.reduce((s, w) => s + w + 3 * gap, 0);
    if (total <= width || size === smallest) fit = { size, rows, widths };
  }
  return fit;
}

/** The stages the drawing shows, left to right: input, each conv layer (and its pooling), dense, output. */
export function stages(images, sizes) {
  const list = [{ kind: "input", side: images.size, count: 1 }];
  images.conv.forEach((layer, l) => {
    const channels = l === 0 ? 1 : images.conv[l - 1].filters;
    list.push({ kind: "conv", layer: l, side: images.mapSizes[l], count: layer.filters, kernel: layer.kernel, channels });
    if (images.pool) list.push({ kind: "pool", layer: l, side: images.mapSizes[l + 1], count: layer.filters });
  });
  sizes.slice(1, -1).forEach((count, l) => list.push({ kind: "dense", layer: l, count }));
  list.push({ kind: "output", count: sizes.at(-1) });
  return list;
}

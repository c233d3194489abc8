// Where the network drawing puts its maps: how many per column, how many screen pixels a map
// pixel gets (pure: the drawing module measures, this decides).
//
// A column of F maps of `side` pixels fits `height`: one sub-column while a map pixel gets at
// least MIN_PIXEL screen pixels, else maps wrap into more sub-columns. Bigger is better up to
// MAX_PIXEL (an 8×8 map needs no more than ~64 px to read).
// Non-goal: the DOM.

export const MIN_PIXEL = 3;
export const MAX_PIXEL = 8;

/** { columns, perColumn, pixel } for `count` maps of `side` pixels in `height` px (gap between maps). */
export function mapGrid(count, side, height, gap = 4) {
  for (let columns = 1; columns <= count; columns++) {
    const perColumn = Math.ceil(count / columns);
    const pixel = Math.floor((height - gap * (perColumn - 1)) / (perColumn * side));
    if (pixel >= MIN_PIXEL || columns === count) {
      return { columns, perColumn, pixel: Math.max(1, Math.min(MAX_PIXEL, pixel)) };
    }
  }
  return { columns: 1, perColumn: 0, pixel: MAX_PIXEL };
}

/** The stages the drawing shows, left to right: input, each conv layer (and its pooling), dense, output. */
export function stages(images, sizes) {
  const list = [{ kind: "input", side: images.size, count: 1 }];
  images.conv.forEach((layer, l) => {
    list.push({ kind: "conv", layer: l, side: images.mapSizes[l], count: layer.filters, kernel: layer.kernel });
    if (images.pool) list.push({ kind: "pool", layer: l, side: images.mapSizes[l + 1], count: layer.filters });
  });
  sizes.slice(1, -1).forEach((count, l) => list.push({ kind: "dense", layer: l, count }));
  list.push({ kind: "output", count: sizes.at(-1) });
  return list;
}

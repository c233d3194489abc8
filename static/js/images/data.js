// An image run's data as the page keeps it: the test images decoded, the network of a frame.
//
// `run.images.test.pixels` is base64 of one byte a pixel (intensity = byte / scale, exact
// for the digits and the shapes: docs/PROTOCOL.md "Image runs"); forward.js takes an image
// as nested [row][col] intensities and a network as the frame's parameters.
// Non-goal: drawing, and the forward pass itself (forward.js).
import { PIXEL_MAX } from "./reduce.js";

/** Decode `base64` into images of `size`×`size` intensities (Float64Array each, row by row). */
export function decodePixels(base64, size, scale) {
  const bytes = atob(base64 ?? "");
  const pixels = size * size;
  const count = pixels ? Math.floor(bytes.length / pixels) : 0;
  return Array.from({ length: count }, (_, i) => {
    const image = new Float64Array(pixels);
    for (let p = 0; p < pixels; p++) image[p] = bytes.charCodeAt(i * pixels + p) / scale;
    return image;
  });
}

/** A flat row-by-row image as nested [row][col], what forwardImage reads. */
export function gridOf(flat, size) {
  return Array.from({ length: size }, (_, y) => Array.from(flat.slice(y * size, (y + 1) * size)));
}

/** Grid counts 0 … 16 ([row][col]) as the flat list add_images sends. */
export function countsOf(grid) {
  return grid.flat().map((count) => Math.max(0, Math.min(PIXEL_MAX, Math.round(count))));
}

/** The network of the latest frame, as forwardImage takes it; null before the first frame. */
export function imageNetwork(state) {
  if (!state.images || !state.weights || !state.convKernels) return null;
  return {
    conv_kernels: state.convKernels,
    conv_biases: state.convBiases,
    weights: state.weights,
    biases: state.biases,
    pool: state.images.pool,
    activation: state.activation ?? state.settings?.activation ?? "relu",
  };
}

/** Largest |value| in nested arrays (0 for none): a column of the drawing is scaled by it. */
export function maxAbs(values) {
  if (typeof values === "number") return Number.isFinite(values) ? Math.abs(values) : 0;
  let most = 0;
  for (const v of values ?? []) most = Math.max(most, maxAbs(v));
  return most;
}

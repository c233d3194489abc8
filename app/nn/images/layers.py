"""Convolution and 2×2 max-pooling on batches of feature maps, forward and backward.

Maps are channels-last, ``(n, H, W, C)``: a convolution is then one matrix
product of the image patches (im2col) with the kernels, and its output comes
out in the same layout with no transpose. Kernels are ``(F, C, k, k)``
(filter, input channel, row, column); a patch's columns are ordered the same
way, so ``kernels.reshape(F, -1)`` multiplies them directly.
Convolutions have stride 1 and "same" zero padding (odd k), so a map keeps
its size; pooling halves it, dropping a last odd row or column.
Vectorised with NumPy's sliding windows: the only Python loops are over
layers, never over pixels. Non-goals: strides, dilation, other paddings.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

Array = np.ndarray
POOL = 2   # pooling windows are POOL × POOL


def patches(maps: Array, k: int) -> Array:
    """im2col: ``maps (n, H, W, C)`` → ``(n·H·W, C·k·k)``, one zero-padded k×k patch per pixel.

    Row ``(i·H + y)·W + x`` is the patch centred on pixel (y, x) of image i,
    its columns ordered (channel, row, column) like a kernel's entries.
    """
    n, height, width, channels = maps.shape
    pad = k // 2
    padded = np.zeros((n, height + 2 * pad, width + 2 * pad, channels), maps.dtype)
    padded[:, pad:pad + height, pad:pad + width] = maps
    windows = sliding_window_view(padded, (k, k), axis=(1, 2))   # (n, H, W, C, k, k)
    return windows.reshape(n * height * width, -1)


def conv_forward(maps: Array, kernels: Array, biases: Array) -> tuple[Array, Array]:
    """Return (z ``(n, H, W, F)``, the patches) of ``maps`` convolved with ``kernels (F, C, k, k)``.

    z[i, y, x, f] = Σ_{c, u, v} maps[i, y + u − k//2, x + v − k//2, c] · kernels[f, c, u, v]
    + biases[f] (zero outside the map): cross-correlation, as in every CNN library.
    """
    filters, _, k, _ = kernels.shape
    cols = patches(maps, k)
    z = cols @ kernels.reshape(filters, -1).T
    z += biases
    return z.reshape(*maps.shape[:3], filters), cols


def conv_backward(dz: Array, cols: Array, kernels: Array, grad_kernels: Array,
                  grad_biases: Array, input_gradient: bool = True) -> Array | None:
    """Write dL/dkernels and dL/dbiases for ``dz = dL/dz (n, H, W, F)``; return dL/dmaps.

    dL/dmaps is a "same" convolution of dz with the kernels flipped in both
    spatial axes and with filters and channels swapped (stride 1, odd k).
    ``input_gradient=False`` skips it (the first layer's input is the image).
    """
    filters = kernels.shape[0]
    rows = dz.reshape(-1, filters)
    np.dot(rows.T, cols, out=grad_kernels.reshape(filters, -1))
    np.sum(rows, axis=0, out=grad_biases)
    if not input_gradient:
        return None
    flipped = kernels[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)     # (C, F, k, k)
    return conv_forward(dz, flipped, np.zeros(flipped.shape[0]))[0]


def pool_forward(maps: Array, winners: bool = True) -> tuple[Array, Array | None]:
    """2×2 max-pooling of ``maps (n, H, W, C)``: return (pooled ``(n, H//2, W//2, C)``, winners).

    ``winners`` holds which input of each window won, 0 … 3 = 2·row + column
    within the window; on a tie the first in that order wins. With
    ``winners=False`` it is None (a forward pass that will not backpropagate).
    """
    corners = _corners(maps)
    if not winners:
        return np.maximum(np.maximum(corners[0], corners[1]),
                          np.maximum(corners[2], corners[3])), None
    # Each row's larger input (the left one on a tie), then the larger row (the top on a tie).
    right_wins, bottom_right_wins = corners[1] > corners[0], corners[3] > corners[2]
    top = np.where(right_wins, corners[1], corners[0])
    bottom = np.where(bottom_right_wins, corners[3], corners[2])
    bottom_wins = bottom > top
    won = np.where(bottom_wins, 2 + bottom_right_wins, right_wins).astype(np.int8)
    return np.where(bottom_wins, bottom, top), won


def pool_backward(d_pooled: Array, winners: Array, shape: tuple[int, ...]) -> Array:
    """Route ``d_pooled (n, h, w, C)`` to each window's winner; return dL/dmaps of ``shape``."""
    d_maps = np.zeros(shape)
    for index, corner in enumerate(_corners(d_maps)):
        np.multiply(d_pooled, winners == index, out=corner)
    return d_maps


def _corners(maps: Array) -> list[Array]:
    """The four inputs of every pooling window as views ``(n, H//2, W//2, C)``, row by row.

    Corner 2·r + c is ``maps[:, r::2, c::2]`` cut to whole windows (a last odd
    row or column belongs to no window).
    """
    h, w = maps.shape[1] // POOL, maps.shape[2] // POOL
    return [maps[:, r:POOL * h:POOL, c:POOL * w:POOL] for r in range(POOL) for c in range(POOL)]

"""Generated pictures of simple shapes: bars, a cross, a square, a ring, with shifts and noise.

``make_shapes`` draws class j as ``SHAPES[j]`` (the first k shapes for k
classes), each at a random small shift and size, anti-aliased (a pixel's
intensity falls off linearly within a pixel of the stroke; a bar's middle
line is at full intensity), then adds
Gaussian noise, clips to 0 … 1 and rounds to multiples of 1/240 (``drawn.LEVELS``:
one byte a pixel carries them exactly). Everything random comes from the given
generator, so a seed gives the same pictures. Labels are class indices,
in k contiguous runs (the split shuffles them).
Non-goal: realism; these are for seeing what filters pick up.
"""
import numpy as np

from .drawn import LEVELS

Array = np.ndarray
SHAPES = ("horizontal bar", "vertical bar", "diagonal bar", "cross", "square", "ring")
MIN_SIZE, MAX_SIZE = 8, 16


def _distances(dy: Array, dx: Array, extent: Array, slope: Array) -> list[Array]:
    """Distance in pixels from each pixel to each shape's stroke, ``(n, H, W)`` per shape.

    ``dy, dx``: offsets from each image's centre; ``extent``: half a bar's
    length, half a square's side, a ring's radius; ``slope``: ±1, which way a
    diagonal bar runs.
    """
    horizontal = np.maximum(np.abs(dy), np.abs(dx) - extent)
    vertical = np.maximum(np.abs(dx), np.abs(dy) - extent)
    diagonal = np.maximum(np.abs(dy - slope * dx) / np.sqrt(2.0),
                          np.maximum(np.abs(dx), np.abs(dy)) - extent)
    square = np.abs(np.maximum(np.abs(dx), np.abs(dy)) - extent)
    ring = np.abs(np.hypot(dx, dy) - extent)
    return [horizontal, vertical, diagonal, np.minimum(horizontal, vertical), square, ring]


def make_shapes(n: int, size: int, classes: int, noise: float,
                rng: np.random.Generator) -> tuple[Array, Array]:
    """Return (images ``(n, size, size)`` in 0 … 1, labels ``(n,)`` class indices 0 … k − 1).

    ``noise`` in [0, 1] is the standard deviation of the pixel noise.
    """
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(f"image_size must be {MIN_SIZE}-{MAX_SIZE}, got {size}")
    if not 2 <= classes <= len(SHAPES):
        raise ValueError(f"num_classes must be 2-{len(SHAPES)} for shapes, got {classes}")
    labels = np.arange(n) * classes // max(n, 1)
    shift = max(1, size // 8)
    # Whole-pixel centres: a bar's middle row lies on pixel centres, so it is at full intensity.
    centre = (size - 1) // 2 + rng.integers(-shift, shift + 1, (n, 2, 1, 1))
    extent = rng.uniform(0.22, 0.36, (n, 1, 1)) * size
    slope = rng.choice([-1.0, 1.0], (n, 1, 1))
    grid = np.arange(size, dtype=np.float64)
    dy, dx = grid[None, :, None] - centre[:, 0], grid[None, None, :] - centre[:, 1]
    distance = np.choose(labels[:, None, None], _distances(dy, dx, extent, slope))
    half_width = size / 16.0        # strokes about a pixel wide at 8×8, two at 16×16
    images = np.clip(half_width + 0.5 - distance, 0.0, 1.0)
    images += rng.normal(0.0, noise, images.shape) if noise > 0 else 0.0
    return np.round(np.clip(images, 0.0, 1.0) * LEVELS) / LEVELS, labels

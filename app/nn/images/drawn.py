"""Images a user draws: the text format for importing and exporting them, and grid reduction.

Text format (one image per line, like the UCI files ``optdigits.tra``/``.tes``,
which therefore import as they are): the S × S pixel values row by row from
the top left, each a number 0 … 16, then the class label (a whole number),
then optionally ``train`` or ``test``; comma-separated. Blank lines and lines
starting with ``#`` are skipped. Values are the UCI scale: the number of
on-pixels in a 4 × 4 block of a drawing four times finer, which
``reduce_drawing`` computes; the engine reads them as intensities value / 16.
Every error is a ValueError naming the line ("line 3: expected 64 pixel
values, got 63"); the caller gives the limits (image count, bytes, classes).
Non-goal: image files (PNG ...): the page sends grids of numbers.
"""
import math
from dataclasses import dataclass

import numpy as np

Array = np.ndarray
PIXEL_MAX = 16      # a grid value counts on-pixels of a 4 × 4 block: 0 … 16
# Generated intensities are multiples of 1/LEVELS: one byte a pixel then carries any
# image exactly (the digits' k/16 too, 240 = 16 · 15), e.g. to a page (docs/PROTOCOL.md).
LEVELS = 240
SETS = ("train", "test")


@dataclass(frozen=True)
class DrawnImages:
    """Parsed images: ``images (n, S, S)`` intensities 0 … 1, ``labels (n,)``, ``sets`` per image."""

    images: Array
    labels: Array
    sets: tuple[str | None, ...]    # "train", "test" or None (split by the training ratio)


def reduce_drawing(fine: Array, size: int) -> Array:
    """Reduce a fine drawing ``(B·size, B·size)`` to ``(size, size)`` on-pixel counts per block.

    A fine pixel is on when its value is above 0.5; each grid pixel counts the
    on-pixels of its B × B block, so with B = 4 (a 32 × 32 drawing for an 8 × 8
    grid) the counts are 0 … 16, exactly how the UCI digits were made.
    """
    fine = np.asarray(fine, dtype=np.float64)
    side = fine.shape[0]
    if fine.ndim != 2 or fine.shape[1] != side or size < 1 or side % size:
        raise ValueError(f"drawing: expected a square whose side is a multiple of {size}, "
                         f"got shape {list(fine.shape)}")
    block = side // size
    on = (fine > 0.5).reshape(size, block, size, block)
    return on.sum(axis=(1, 3))


def _number(line: int, what: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"line {line}: {what} is not a number: {text.strip()[:20]!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"line {line}: {what} must be a finite number")
    return value


def _parse_line(line: int, fields: list[str], pixels: int, classes: int):
    """Return (pixel values, label, set or None) of one line, or raise naming it."""
    which = fields[-1].lower() if fields[-1].lower() in SETS else None
    values = fields[:-1] if which is None else fields[:-2]
    if len(values) != pixels:
        raise ValueError(f"line {line}: expected {pixels} pixel values, got {len(values)}")
    numbers = [_number(line, f"pixel {i + 1}", text) for i, text in enumerate(values)]
    for i, value in enumerate(numbers):
        if not 0.0 <= value <= PIXEL_MAX:
            raise ValueError(f"line {line}: pixel {i + 1} must be 0 … {PIXEL_MAX}, got {value:g}")
    label_text = fields[-1] if which is None else fields[-2]
    label = _number(line, "the label", label_text)
    if label != int(label) or not 0 <= label < classes:
        raise ValueError(f"line {line}: the label must be a whole number 0 … {classes - 1}, "
                         f"got {label_text.strip()[:20]!r}")
    return numbers, int(label), which


def parse_images(text: str, size: int, max_images: int, max_bytes: int,
                 max_classes: int) -> DrawnImages:
    """Parse ``text`` of ``size`` × ``size`` images; raise ValueError naming the line at fault."""
    length = len(text.encode("utf-8"))
    if length > max_bytes:
        raise ValueError(f"the text has {length} bytes; at most {max_bytes}")
    rows, labels, sets = [], [], []
    for line, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(rows) == max_images:
            raise ValueError(f"line {line}: more than {max_images} images")
        fields = [field.strip() for field in stripped.split(",")]
        numbers, label, which = _parse_line(line, fields, size * size, max_classes)
        rows.append(numbers)
        labels.append(label)
        sets.append(which)
    if not rows:
        raise ValueError("the text has no images")
    images = _snap(np.array(rows, dtype=np.float64).reshape(-1, size, size) / PIXEL_MAX)
    return DrawnImages(images, np.array(labels, dtype=np.int64), tuple(sets))


def _snap(images: Array) -> Array:
    """Intensities within 4-decimal rounding of a whole 240th become that 240th exactly.

    ``format_images`` writes 4 decimals on the 0 … 16 scale (at most 5e-5 off,
    i.e. 7.5e-4 of a 240th), so images made of whole 240ths (every generated
    one) survive a round trip exactly; other values are kept as written.
    """
    levels = images * LEVELS
    whole = np.round(levels)
    return np.where(np.abs(levels - whole) < 1e-3, whole / LEVELS, images)


def format_images(images: Array, labels: Array, sets=None) -> str:
    """Write ``images (n, S, S)`` (intensities 0 … 1) and their labels in the text format.

    Values are written on the 0 … 16 scale to at most 4 decimals; intensities
    that are whole 240ths (the UCI and drawn grids' sixteenths, every
    generated image) survive a round trip exactly (``parse_images`` snaps
    them back).
    """
    images = np.asarray(images, dtype=np.float64)
    size = images.shape[1]
    lines = [f"# {size}x{size} images: {size * size} pixel values 0-{PIXEL_MAX} row by row "
             "from the top left, the label, then optionally train or test"]
    for i, (image, label) in enumerate(zip(images, labels)):
        values = [f"{v:.4f}".rstrip("0").rstrip(".") for v in
                  np.round(image.reshape(-1) * PIXEL_MAX, 4)]
        which = [] if sets is None or sets[i] is None else [sets[i]]
        lines.append(",".join([*values, str(int(label)), *which]))
    return "\n".join(lines) + "\n"

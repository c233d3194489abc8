"""Build new image sets from edits: added drawings, an uploaded text of images, a model file.

The image counterpart of ``points``: pure functions from an ``ImageSplit``
(or text) to a new ``ImageSplit``; the session decides what to do with it.
The text format is the engine's (``app.nn.images.drawn``, one image per line,
UCI-style); its errors name the line. Every refusal is a ``ProtocolError``
naming the field, because these are answers to a user's action.
"""
import math

import numpy as np

from ..nn.images.datasets import ImageSplit, split_drawn
from ..nn.images.drawn import PIXEL_MAX, SETS, format_images, parse_images
from ..nn.images.shapes import MAX_SIZE, MIN_SIZE
from ..socket.values import ProtocolError


def size(split: ImageSplit) -> int:
    return len(split.x_train) + len(split.x_test)


def add(split: ImageSplit, images: list, labels: list[int], which: str,
        max_images: int) -> ImageSplit:
    """``split`` with ``images`` (grids of values 0 … 16) appended to the training or test set."""
    if size(split) + len(images) > max_images:
        raise ProtocolError("images", f"at most {max_images} images in all; "
                                      f"there are {size(split)} already")
    side = split.x_train.shape[1]
    added = np.asarray(images, dtype=np.float64).reshape(-1, side, side) / PIXEL_MAX
    labels = np.asarray(labels, dtype=np.int64)
    if which == "train":
        return ImageSplit(np.concatenate([split.x_train, added]),
                          np.concatenate([split.y_train, labels]), split.x_test, split.y_test)
    return ImageSplit(split.x_train, split.y_train, np.concatenate([split.x_test, added]),
                      np.concatenate([split.y_test, labels]))


def _first_line(text: str) -> tuple[int, list[str]]:
    """(line number, fields) of the first image line, or a refusal when there is none."""
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped and not stripped.startswith("#"):
            return number, [field.strip() for field in stripped.split(",")]
    raise ProtocolError("images", "the text has no images")


def image_side(text: str) -> int:
    """The side of the images in ``text``, read off its first image line."""
    line, fields = _first_line(text)
    pixels = len(fields) - (2 if fields[-1].lower() in SETS else 1)
    side = math.isqrt(max(pixels, 0))
    if side * side != pixels or not MIN_SIZE <= side <= MAX_SIZE:
        raise ProtocolError("images", f"line {line}: {pixels} pixel values do not make a "
                                      f"square image of {MIN_SIZE}×{MIN_SIZE} to "
                                      f"{MAX_SIZE}×{MAX_SIZE} pixels (then the label)")
    return side


def from_text(text: str, train_percent: float, seed: int, max_images: int, max_bytes: int,
              max_classes: int) -> tuple[ImageSplit, int]:
    """Images from uploaded ``text``: (split, classes); lines marked train/test stay there."""
    side = image_side(text)
    try:
        drawn = parse_images(text, side, max_images, max_bytes, max_classes)
    except ValueError as error:
        raise ProtocolError("images", str(error)) from None
    split = split_drawn(drawn, train_percent, np.random.default_rng([seed, 2]))
    if not len(split.x_train):
        raise ProtocolError("images", "no image is in the training set")
    classes = max(2, int(max(split.y_train.max(initial=0), split.y_test.max(initial=0))) + 1)
    return split, classes


def to_text(split: ImageSplit) -> str:
    """Every image of ``split`` in the text format, each marked train or test."""
    images = np.concatenate([split.x_train, split.x_test])
    labels = np.concatenate([split.y_train, split.y_test])
    sets = ["train"] * len(split.x_train) + ["test"] * len(split.x_test)
    return format_images(images, labels, sets)

"""The image data sets: the UCI digits, generated shapes, and the user's drawings.

``make_image_split`` builds a run's training and test images from its
settings; ``split_images`` shuffles given images and cuts them by the
training ratio; ``split_drawn`` does the same for drawings, keeping the
images whose set the user chose in that set. All images are
``(n, S, S)`` float64 intensities 0 … 1, labels ``(n,)`` class indices.
Non-goal: augmentation (shifts and noise belong to the shapes generator).
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import digits
from .drawn import DrawnImages
from .shapes import make_shapes

Array = np.ndarray


@dataclass(frozen=True)
class ImageSplit:
    """Training and test images ``x_* (n, S, S)`` with labels ``y_* (n,)``."""

    x_train: Array
    y_train: Array
    x_test: Array
    y_test: Array


def _digits(config, rng: np.random.Generator) -> tuple[Array, Array]:
    """All 1,797 UCI digits as intensities (value / 16); the settings do not change them."""
    images, labels = digits.load()
    return images / float(digits.MAX_VALUE), labels.astype(np.int64)


def _shapes(config, rng: np.random.Generator) -> tuple[Array, Array]:
    return make_shapes(config.num_points, config.image_size, config.num_classes,
                       config.noise / 100.0, rng)


@dataclass(frozen=True)
class ImageDataset:
    """A source of images: ``generate(config, rng)``, or None when the user brings them."""

    name: str
    label: str
    generate: Callable[..., tuple[Array, Array]] | None
    classes: int | None      # fixed class count, or None: the num_classes setting

    def class_count(self, num_classes: int) -> int:
        """Classes under the num_classes setting."""
        return int(num_classes) if self.classes is None else self.classes


IMAGE_DATASETS: dict[str, ImageDataset] = {d.name: d for d in (
    ImageDataset("digits", "Handwritten digits (UCI, 8×8)", _digits, digits.CLASSES),
    ImageDataset("shapes", "Shapes", _shapes, None),
    ImageDataset("drawn", "Your own drawings", None, None),
)}


def _cut(count: int, train_percent: float) -> int:
    """How many of ``count`` shuffled images train; both sides keep one when count >= 2."""
    return min(count - 1, max(1, round(count * train_percent / 100.0))) if count > 1 else count


def split_images(images: Array, labels: Array, train_percent: float,
                 rng: np.random.Generator) -> ImageSplit:
    """Shuffle ``images (n, S, S)`` with ``labels (n,)`` and cut them by ``train_percent``."""
    order = rng.permutation(len(images))
    images, labels = np.asarray(images, dtype=np.float64)[order], np.asarray(labels)[order]
    n_train = _cut(len(images), train_percent)
    return ImageSplit(images[:n_train].copy(), labels[:n_train].copy(),
                      images[n_train:].copy(), labels[n_train:].copy())


def split_drawn(drawn: DrawnImages, train_percent: float, rng: np.random.Generator) -> ImageSplit:
    """Images marked train or test go there; the unmarked ones are split by ``train_percent``."""
    sets = np.array([s or "" for s in drawn.sets])
    free = split_images(drawn.images[sets == ""], drawn.labels[sets == ""], train_percent, rng)
    parts = [(drawn.images[sets == name], drawn.labels[sets == name]) for name in ("train", "test")]
    return ImageSplit(np.concatenate([parts[0][0], free.x_train]),
                      np.concatenate([parts[0][1], free.y_train]),
                      np.concatenate([parts[1][0], free.x_test]),
                      np.concatenate([parts[1][1], free.y_test]))


def make_image_split(config, rng: np.random.Generator) -> ImageSplit:
    """Generate the images of ``config.dataset`` and split them by ``config.train_ratio``."""
    dataset = IMAGE_DATASETS.get(config.dataset)
    if dataset is None:
        raise ValueError(f"dataset: unknown image data set {config.dataset!r}; "
                         f"valid: {list(IMAGE_DATASETS)}")
    if dataset.generate is None:
        raise ValueError(f"dataset {config.dataset!r} has no generator: pass its images")
    images, labels = dataset.generate(config, rng)
    return split_images(images, labels, config.train_ratio, rng)

"""Two-dimensional toy data sets in the square [-6, 6]².

Every generator takes ``(n, noise, rng, classes)`` with ``noise`` in [0, 1]
and returns ``(points (n, 2), labels (n,))``; the same seed always gives the
same points. Labels: +1 / -1 for two classes, the class index 0 … k − 1 for
k ≥ 3 classes, a real value in [-1, 1] for regression. Each entry says its
``problem`` and ``classes`` (2, ``"num_classes"`` for a data set that takes
the num_classes setting, 1 for regression). ``make_split`` generates,
shuffles and cuts into training and test sets; ``split_points`` does the same
for given points (custom data).
Non-goal: real-world data; users bring their own as points or CSV.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

Array = np.ndarray
DOMAIN = 6.0  # points and heatmaps cover [-DOMAIN, DOMAIN]²
MAX_CLASSES = 5  # the most classes a data set may have (blobs, spirals, custom points)


def _circle(n: int, noise: float, rng: np.random.Generator,
            classes: int = 2) -> tuple[Array, Array]:
    """A disc of +1 inside a ring of -1; noise jitters positions by up to ±5·noise."""
    radius = 5.0
    inner = n // 2
    r = np.concatenate([rng.uniform(0, 0.5 * radius, inner),
                        rng.uniform(0.7 * radius, radius, n - inner)])
    angle = rng.uniform(0, 2 * np.pi, n)
    points = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    labels = np.where(np.arange(n) < inner, 1.0, -1.0)
    points += rng.uniform(-radius, radius, (n, 2)) * noise
    return points, labels


def _xor(n: int, noise: float, rng: np.random.Generator,
         classes: int = 2) -> tuple[Array, Array]:
    """Four quadrants, +1 where x1·x2 > 0; points keep a 0.3 gap from the axes."""
    padding = 0.3
    points = rng.uniform(-5, 5, (n, 2))
    points += np.where(points > 0, padding, -padding)
    labels = np.where(points[:, 0] * points[:, 1] >= 0, 1.0, -1.0)
    points += rng.uniform(-5, 5, (n, 2)) * noise
    return points, labels


def _gauss(n: int, noise: float, rng: np.random.Generator,
           classes: int = 2) -> tuple[Array, Array]:
    """Two Gaussian blobs at (2, 2) → +1 and (-2, -2) → -1; noise widens them."""
    half = n // 2
    spread = 0.5 + 3.5 * noise
    centres = np.where((np.arange(n) < half)[:, None], 2.0, -2.0)
    points = centres + rng.normal(0, spread, (n, 2))
    labels = np.where(np.arange(n) < half, 1.0, -1.0)
    return points, labels


def _spiral(n: int, noise: float, rng: np.random.Generator,
            classes: int = 2) -> tuple[Array, Array]:
    """Two interleaved spiral arms, 1.75 turns each, +1 and -1."""
    half = n // 2
    index = np.concatenate([np.arange(half), np.arange(n - half)])
    count = np.where(np.arange(n) < half, half, n - half)
    r = index / count * 5.0
    t = 1.75 * index / count * 2 * np.pi + np.where(np.arange(n) < half, 0.0, np.pi)
    points = np.column_stack([r * np.sin(t), r * np.cos(t)])
    points += rng.uniform(-1, 1, (n, 2)) * noise
    labels = np.where(np.arange(n) < half, 1.0, -1.0)
    return points, labels


def _class_labels(index: Array, classes: int) -> Array:
    """Labels of class ``index`` (0 … k − 1): the index itself, or +1 / -1 for two classes."""
    if classes == 2:
        return np.where(index == 0, 1.0, -1.0)
    return index.astype(np.float64)


def _class_index(n: int, classes: int) -> Array:
    """Class of each of ``n`` points: k contiguous runs as equal as can be."""
    if classes < 2:
        raise ValueError(f"need at least 2 classes, got {classes}")
    return np.arange(n) * classes // max(n, 1)


def _blobs(n: int, noise: float, rng: np.random.Generator,
           classes: int = 3) -> tuple[Array, Array]:
    """k Gaussian blobs evenly spaced on a circle of radius 3.5; noise widens them."""
    index = _class_index(n, classes)
    angle = 2 * np.pi * index / classes + np.pi / 2
    centres = 3.5 * np.column_stack([np.cos(angle), np.sin(angle)])
    spread = 0.4 + 2.0 * noise
    points = centres + rng.normal(0, spread, (n, 2))
    return points, _class_labels(index, classes)


def _spirals(n: int, noise: float, rng: np.random.Generator,
             classes: int = 3) -> tuple[Array, Array]:
    """k interleaved spiral arms, 1.75 turns each, arm j rotated by 2πj/k."""
    index = _class_index(n, classes)
    count = np.bincount(index, minlength=classes)
    first = np.concatenate([[0], np.cumsum(count)[:-1]])
    step = np.arange(n) - first[index]           # position along its arm
    r = step / count[index] * 5.0
    t = 1.75 * step / count[index] * 2 * np.pi + 2 * np.pi * index / classes
    points = np.column_stack([r * np.sin(t), r * np.cos(t)])
    points += rng.uniform(-1, 1, (n, 2)) * noise
    return points, _class_labels(index, classes)


def _plane(n: int, noise: float, rng: np.random.Generator,
           classes: int = 1) -> tuple[Array, Array]:
    """Points in [-6, 6]², label (x1 + x2) / 12 (TF Playground's reg-plane).

    Noise, as there, moves the point at which the label is read by up to
    ±6·noise per axis; labels are clipped into [-1, 1].
    """
    points = rng.uniform(-DOMAIN, DOMAIN, (n, 2))
    jitter = rng.uniform(-DOMAIN, DOMAIN, (n, 2)) * noise
    labels = np.clip((points + jitter).sum(axis=1) / (2 * DOMAIN), -1.0, 1.0)
    return points, labels


# TF Playground's reg-gauss centres and signs: (x1, x2, sign).
_BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                   [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]], dtype=np.float64)


def _multi_gauss(n: int, noise: float, rng: np.random.Generator,
                 classes: int = 1) -> tuple[Array, Array]:
    """Points in [-6, 6]², label = sum of six signed Gaussian bumps (σ = 1), in [-1, 1].

    Noise moves the point at which the label is read, as for ``plane``.
    """
    points = rng.uniform(-DOMAIN, DOMAIN, (n, 2))
    at = points + rng.uniform(-DOMAIN, DOMAIN, (n, 2)) * noise
    squared = np.square(at[:, None, :] - _BUMPS[None, :, :2]).sum(axis=2)
    labels = np.exp(-squared / 2.0) @ _BUMPS[:, 2]
    return points, np.clip(labels, -1.0, 1.0)


@dataclass(frozen=True)
class Dataset:
    """A generator with its problem and classes (2, "num_classes" or 1 for regression)."""

    name: str
    label: str
    generate: Callable[..., tuple[Array, Array]]   # (n, noise, rng, classes)
    problem: str = "classification"
    classes: int | str = 2


DATASETS: dict[str, Dataset] = {d.name: d for d in (
    Dataset("circle", "Circle", _circle),
    Dataset("xor", "Exclusive or", _xor),
    Dataset("gauss", "Gaussian", _gauss),
    Dataset("spiral", "Spiral", _spiral),
    Dataset("blobs", "Blobs", _blobs, "classification", "num_classes"),
    Dataset("spirals", "Spirals", _spirals, "classification", "num_classes"),
    Dataset("plane", "Plane", _plane, "regression", 1),
    Dataset("multi_gauss", "Multiple Gaussians", _multi_gauss, "regression", 1),
)}


def class_count(problem: str, dataset: Dataset | None, num_classes: int,
                labels: Array = ()) -> int:
    """The classes of a data set: the one definition.

    1 for regression; a generated data set's own count (2, or ``num_classes``
    for those that take it); custom points (``dataset`` None): 2 when every
    label is +1 or -1, else the highest class index + 1, at least ``num_classes``.
    """
    if problem == "regression":
        return 1
    if dataset is not None:
        return int(num_classes) if dataset.classes == "num_classes" else int(dataset.classes)
    labels = np.asarray(labels, dtype=np.float64)
    if labels.size and np.all(np.abs(labels) == 1.0):
        return 2
    highest = int(np.max(labels)) + 1 if labels.size and np.all(np.isfinite(labels)) else 0
    return max(int(num_classes), highest)


def check_labels(labels: Array, classes: int) -> None:
    """Raise ValueError unless every label fits ``classes`` (1: any finite number)."""
    labels = np.asarray(labels, dtype=np.float64)
    if not np.all(np.isfinite(labels)):
        raise ValueError("labels must be finite numbers")
    if classes == 1:
        return
    if classes == 2:
        bad = labels[np.abs(labels) != 1.0]
        expected = "+1 or -1 (two classes)"
    else:
        bad = labels[(labels != np.round(labels)) | (labels < 0) | (labels >= classes)]
        expected = f"a class index 0 … {classes - 1}"
    if bad.size:
        raise ValueError(f"labels: {bad[0]:g} is not {expected}; a different number of "
                         f"classes would change the output layer's size ({classes} classes)")


@dataclass(frozen=True)
class Split:
    """Training and test points: ``x_*: (n, 2)``, labels ``y_*: (n,)``."""

    x_train: Array
    y_train: Array
    x_test: Array
    y_test: Array


def split_points(points: Array, labels: Array, train_percent: float,
                 rng: np.random.Generator) -> Split:
    """Shuffle ``points (n, 2)`` and ``labels (n,)`` and cut them by ``train_percent``.

    Both sides keep at least one point when n ≥ 2.
    """
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    labels = np.asarray(labels, dtype=np.float64).reshape(-1)
    n = len(points)
    order = rng.permutation(n)
    points, labels = points[order], labels[order]
    n_train = min(n - 1, max(1, round(n * train_percent / 100.0))) if n > 1 else n
    return Split(points[:n_train].copy(), labels[:n_train].copy(),
                 points[n_train:].copy(), labels[n_train:].copy())


def make_split(name: str, n: int, noise_percent: float, train_percent: float,
               rng: np.random.Generator, num_classes: int = 3) -> Split:
    """Generate ``n`` points of data set ``name``, shuffle, and split them."""
    dataset = DATASETS[name]
    points, labels = dataset.generate(n, noise_percent / 100.0, rng,
                                      class_count(dataset.problem, dataset, num_classes))
    return split_points(points, labels, train_percent, rng)

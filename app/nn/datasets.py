"""Two-dimensional toy data sets in the square [-6, 6]², labels +1 / -1.

Every generator takes ``(n, noise, rng)`` with ``noise`` in [0, 1] and returns
``(points (n, 2), labels (n,))``; the same seed always gives the same points.
``make_split`` shuffles and cuts them into training and test sets.
Non-goal: real-world data; users bring their own through CSV (later).
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

Array = np.ndarray
DOMAIN = 6.0  # points and heatmaps cover [-DOMAIN, DOMAIN]²


def _circle(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
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


def _xor(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
    """Four quadrants, +1 where x1·x2 > 0; points keep a 0.3 gap from the axes."""
    padding = 0.3
    points = rng.uniform(-5, 5, (n, 2))
    points += np.where(points > 0, padding, -padding)
    labels = np.where(points[:, 0] * points[:, 1] >= 0, 1.0, -1.0)
    points += rng.uniform(-5, 5, (n, 2)) * noise
    return points, labels


def _gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
    """Two Gaussian blobs at (2, 2) → +1 and (-2, -2) → -1; noise widens them."""
    half = n // 2
    spread = 0.5 + 3.5 * noise
    centres = np.where((np.arange(n) < half)[:, None], 2.0, -2.0)
    points = centres + rng.normal(0, spread, (n, 2))
    labels = np.where(np.arange(n) < half, 1.0, -1.0)
    return points, labels


def _spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
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


@dataclass(frozen=True)
class Dataset:
    name: str
    label: str
    generate: Callable[[int, float, np.random.Generator], tuple[Array, Array]]


DATASETS: dict[str, Dataset] = {d.name: d for d in (
    Dataset("circle", "Circle", _circle),
    Dataset("xor", "Exclusive or", _xor),
    Dataset("gauss", "Gaussian", _gauss),
    Dataset("spiral", "Spiral", _spiral),
)}


@dataclass(frozen=True)
class Split:
    """Training and test points: ``x_*: (n, 2)``, ``y_*: (n, 1)``."""

    x_train: Array
    y_train: Array
    x_test: Array
    y_test: Array


def make_split(name: str, n: int, noise_percent: float, train_percent: float,
               rng: np.random.Generator) -> Split:
    """Generate ``n`` points of data set ``name``, shuffle, and split them."""
    points, labels = DATASETS[name].generate(n, noise_percent / 100.0, rng)
    order = rng.permutation(n)
    points, labels = points[order], labels[order, None]
    n_train = min(n - 1, max(1, round(n * train_percent / 100.0)))
    return Split(points[:n_train].copy(), labels[:n_train].copy(),
                 points[n_train:].copy(), labels[n_train:].copy())

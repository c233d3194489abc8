"""Input features: what the network sees of a point (x1, x2).

Each feature is defined once here (name, label, formula, function); the
engine, the settings validator, the menus and the browser's heatmap (through
the catalog and the forward fixture) all read this registry. Labels are
TensorFlow Playground's.
Non-goal: learned or user-defined features.
"""
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .registry import lookup

Array = np.ndarray


@dataclass(frozen=True)
class Feature:
    """One input: ``fn(points (n, 2)) -> (n,)``, ``formula`` in TeX."""

    name: str
    label: str
    fn: Callable[[Array], Array]
    formula: str


_ALL = (
    Feature("x1", "X₁", lambda p: p[:, 0].copy(), r"x_1"),
    Feature("x2", "X₂", lambda p: p[:, 1].copy(), r"x_2"),
    Feature("x1_sq", "X₁²", lambda p: np.square(p[:, 0]), r"x_1^2"),
    Feature("x2_sq", "X₂²", lambda p: np.square(p[:, 1]), r"x_2^2"),
    Feature("x1x2", "X₁X₂", lambda p: p[:, 0] * p[:, 1], r"x_1 x_2"),
    Feature("sin_x1", "sin(X₁)", lambda p: np.sin(p[:, 0]), r"\sin(x_1)"),
    Feature("sin_x2", "sin(X₂)", lambda p: np.sin(p[:, 1]), r"\sin(x_2)"),
)

FEATURES: dict[str, Feature] = {f.name: f for f in _ALL}


def get(name: str) -> Feature:
    """Return the feature called ``name`` (KeyError lists the valid names)."""
    return lookup(FEATURES, name, "feature")


def feature_matrix(points: Array, names: Sequence[str]) -> Array:
    """Return the network's input for ``points (n, 2)``: ``(n, len(names))``, float64."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    matrix = np.empty((len(points), len(names)))
    for column, name in enumerate(names):
        matrix[:, column] = get(name).fn(points)
    return matrix

"""Loss functions: each defined once, with its gradient and its formula.

A loss maps predictions ``y_hat`` and targets ``y`` (both ``(n, k)``) to one
number, the mean over the batch. ``gradient(y_hat, y, scale)`` returns
``scale`` times dL/dy_hat for that same mean, so backpropagation needs no extra
1/n anywhere else, and the trainer can fold the learning rate in for free.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Loss:
    """One loss: value(y_hat, y) -> float, gradient(y_hat, y, scale=1) -> scale·dL/dy_hat."""

    name: str
    label: str
    value: Callable[[Array, Array], float]
    gradient: Callable[[Array, Array], Array]
    formula: str


def _mse(y_hat: Array, y: Array) -> float:
    diff = y_hat - y
    return float(np.vdot(diff, diff)) / diff.shape[0]


def _mse_gradient(y_hat: Array, y: Array, scale: float = 1.0) -> Array:
    gradient = np.subtract(y_hat, y)
    return np.multiply(gradient, 2.0 * scale / len(y), gradient)


_ALL = (
    Loss("mse", "Mean squared error", _mse, _mse_gradient,
         r"L = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)^2"),
)

LOSSES: dict[str, Loss] = {loss.name: loss for loss in _ALL}


def get(name: str) -> Loss:
    """Return the loss called ``name`` (KeyError lists the valid names)."""
    try:
        return LOSSES[name]
    except KeyError:
        raise KeyError(f"unknown loss {name!r}; valid: {sorted(LOSSES)}") from None

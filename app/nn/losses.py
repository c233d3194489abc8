"""Loss functions: each defined once, with its gradient and its formula.

A loss maps predictions ``y_hat`` and targets ``y`` (both ``(n, k)``) to one
number, the mean over the batch. Any leading axes are kept: ``(R, n, k)``
gives R losses, one per network of a stack (``stacked``), by the same
formula. ``gradient(y_hat, y, scale)`` returns ``scale`` times dL/dy_hat for
that same mean, so backpropagation needs no extra 1/n anywhere else, and the
trainer can fold the learning rate in for free.
With k > 1 outputs a loss sums over the outputs of a sample and averages over
the samples. Which output activation goes with which loss is decided by the
output heads (``heads.py``), which also fuse the two derivatives where that is
simpler and more accurate (softmax or sigmoid with cross-entropy).
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .registry import lookup

Array = np.ndarray


@dataclass(frozen=True)
class Loss:
    """One loss: value(y_hat, y) -> the mean loss, gradient(y_hat, y, scale=1) -> scale·dL/dy_hat.

    ``value`` gives a NumPy float for ``(n, k)`` arrays, one per leading index
    for ``(R, n, k)``.
    """

    name: str
    label: str
    value: Callable[[Array, Array], Array]
    gradient: Callable[[Array, Array], Array]
    formula: str
    # value(output(z), y) computed from the output layer's pre-activation z, for
    # the output function this loss pairs with (sigmoid / softmax for
    # cross-entropy); None when the loss has no such form.
    value_from_logits: Callable[[Array, Array], Array] | None = None


def _total(a: Array, b: Array) -> Array:
    """Sum of a · b over the last two axes (samples and outputs), one per leading index."""
    return np.einsum("...ij,...ij->...", a, b)


def _mse(y_hat: Array, y: Array) -> Array:
    diff = np.subtract(y_hat, y)
    return _total(diff, diff) / diff.shape[-2]


def _mse_gradient(y_hat: Array, y: Array, scale: float | Array = 1.0) -> Array:
    gradient = np.subtract(y_hat, y)
    return np.multiply(gradient, 2.0 * scale / y.shape[-2], gradient)


# Probabilities are clipped into [EPS, 1 - EPS] before a logarithm, so a
# confident wrong answer costs ~27.6 instead of infinity.
EPS = 1e-12


def _clipped(y_hat: Array) -> Array:
    return np.clip(np.asarray(y_hat, dtype=np.float64), EPS, 1.0 - EPS)


def _cross_entropy(y_hat: Array, y: Array) -> Array:
    """Binary form for one output (y in {0, 1}), categorical for k > 1 (y one-hot)."""
    p = _clipped(y_hat)
    if p.shape[-1] == 1:
        total = _total(y, np.log(p)) + _total(1.0 - y, np.log1p(-p))
    else:
        total = _total(y, np.log(p))
    return -total / p.shape[-2]


def _cross_entropy_gradient(y_hat: Array, y: Array, scale: float | Array = 1.0) -> Array:
    p = _clipped(y_hat)
    if p.shape[-1] == 1:
        gradient = (p - y) / (p * (1.0 - p))
    else:
        gradient = -y / p
    return np.multiply(gradient, scale / p.shape[-2], gradient)


def _cross_entropy_from_logits(z: Array, y: Array) -> Array:
    """Cross-entropy of sigmoid(z) (one output) or softmax(z) (k > 1), with no clipping.

    ln(sigmoid(z)) = −softplus(−z) and ln softmax(z)_c = z_c − logsumexp(z):
    exact for any z, so a confidently wrong answer (z = −20 for y = 1) costs
    20, not the clipped 27.6 a rounded probability would give.
    """
    z = np.asarray(z, dtype=np.float64)
    if z.shape[-1] == 1:
        total = np.sum(np.logaddexp(0.0, z), axis=(-2, -1)) - _total(y, z)
    else:
        top = np.max(z, axis=-1, keepdims=True)
        log_sum = np.log(np.sum(np.exp(z - top), axis=-1)) + top[..., 0]
        total = np.sum(log_sum * np.sum(y, axis=-1), axis=-1) - _total(y, z)
    return total / z.shape[-2]


_ALL = (
    Loss("mse", "Mean squared error", _mse, _mse_gradient,
         r"L = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)^2"),
    Loss("cross_entropy", "Cross-entropy", _cross_entropy, _cross_entropy_gradient,
         r"L = -\frac{1}{n} \sum_{i=1}^{n} \sum_{c} y_{ic} \ln \hat{y}_{ic}"
         r" \quad\text{(one output: } -\frac{1}{n} \sum_{i} y_i \ln \hat{y}_i"
         r" \quad + (1 - y_i) \ln(1 - \hat{y}_i)\text{)}",
         _cross_entropy_from_logits),
)

LOSSES: dict[str, Loss] = {loss.name: loss for loss in _ALL}


def get(name: str) -> Loss:
    """Return the loss called ``name`` (KeyError lists the valid names)."""
    return lookup(LOSSES, name, "loss")

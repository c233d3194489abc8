"""Regularizers: a penalty on the weights added to what training minimises.

Each is defined once in ``REGULARIZERS`` with its penalty R(θ), its gradient
beside it and its formula. Both take the flat parameters and the network's
``weight_mask`` (1 at weights, 0 at biases), so biases are never penalised.
Training minimises loss + rate · R; the losses it reports are the data loss
alone. ``gradient(params, mask, rate, out)`` writes rate · dR/dθ into ``out``.
Non-goals: dropout, elastic net.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .registry import lookup

Array = np.ndarray


@dataclass(frozen=True)
class Regularizer:
    """One penalty: ``penalty(params, mask) -> float``, ``gradient(params, mask, rate, out)``."""

    name: str
    label: str
    penalty: Callable[[Array, Array], float]
    gradient: Callable[..., Array] | None   # None: no penalty, nothing to add
    formula: str


def _l1(params: Array, mask: Array) -> float:
    return float(np.vdot(np.abs(params), mask))


def _l1_gradient(params: Array, mask: Array, rate: float, out: Array | None = None) -> Array:
    # d|w|/dw = sign(w); 0 at w = 0 (the subgradient TensorFlow Playground uses).
    out = np.sign(params, out)
    np.multiply(out, mask, out)
    return np.multiply(out, rate, out)


def _l2(params: Array, mask: Array) -> float:
    return 0.5 * float(np.vdot(np.square(params), mask))


def _l2_gradient(params: Array, mask: Array, rate: float, out: Array | None = None) -> Array:
    out = np.multiply(params, mask, out)
    return np.multiply(out, rate, out)


REGULARIZERS: dict[str, Regularizer] = {r.name: r for r in (
    Regularizer("none", "None", lambda params, mask: 0.0, None, r"R(w) = 0"),
    Regularizer("l1", "L1", _l1, _l1_gradient, r"R(w) = \sum_i |w_i|"),
    Regularizer("l2", "L2", _l2, _l2_gradient, r"R(w) = \frac{1}{2} \sum_i w_i^2"),
)}


def get(name: str) -> Regularizer:
    """Return the regularizer called ``name`` (KeyError lists the valid names)."""
    return lookup(REGULARIZERS, name, "regularization")


def clamp_crossed(before: Array, params: Array, mask: Array, scratch: Array) -> None:
    """Set to exactly 0 every parameter where ``mask`` > 0 that the last step moved across zero.

    For L1 (``mask``: the weights, never the biases). TensorFlow Playground does
    the same: under L1 a weight that crosses zero stops there instead of
    oscillating around it, so L1 makes networks sparse. ``before`` holds the
    parameters before the step; ``scratch`` is a buffer of their shape.
    """
    crossed = np.multiply(before, params, scratch) < 0.0
    crossed &= mask > 0.0
    params[crossed] = 0.0

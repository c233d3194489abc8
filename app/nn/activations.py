"""Activation functions: each defined once, with its derivative and its formula.

The registry below is the single source for the engine, the settings
validator, the menus and (through the catalog) the math panel. Derivatives
take both the pre-activation ``z`` and the output ``a`` so each can use the
cheaper form (sigmoid' = a(1 - a)) without recomputing anything.
Non-goal: output-layer-only functions such as softmax live with the losses.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Activation:
    """One activation: a = fn(z), da/dz = derivative(z, a), formulas in TeX.

    Both functions accept ``out=`` (an array to write into, as NumPy ufuncs
    do) so the training loop can run without allocating.
    """

    name: str
    label: str
    fn: Callable[..., Array]
    derivative: Callable[..., Array]
    formula: str
    derivative_formula: str
    output_range: tuple[float, float]


def _sigmoid(z: Array, out: Array | None = None) -> Array:
    # 0.5 * (1 + tanh(z / 2)) is exactly the logistic function and never overflows.
    out = np.multiply(z, 0.5, out)
    np.tanh(out, out)
    np.multiply(out, 0.5, out)
    return np.add(out, 0.5, out)


def _sigmoid_derivative(z: Array, a: Array, out: Array | None = None) -> Array:
    out = np.subtract(1.0, a, out)
    return np.multiply(out, a, out)


def _tanh(z: Array, out: Array | None = None) -> Array:
    return np.tanh(z, out)


def _tanh_derivative(z: Array, a: Array, out: Array | None = None) -> Array:
    out = np.square(a, out)
    return np.subtract(1.0, out, out)


def _relu(z: Array, out: Array | None = None) -> Array:
    return np.maximum(z, 0.0, out=out)


def _relu_derivative(z: Array, a: Array, out: Array | None = None) -> Array:
    # The kink at 0 takes derivative 0, as in TensorFlow Playground.
    return np.greater(z, 0.0, out=out if out is not None else np.empty_like(z))


def _identity(z: Array, out: Array | None = None) -> Array:
    if out is None:
        return z.copy()
    np.copyto(out, z)
    return out


def _ones(z: Array, a: Array, out: Array | None = None) -> Array:
    if out is None:
        return np.ones_like(z)
    out.fill(1.0)
    return out


_ALL = (
    Activation("sigmoid", "Sigmoid", _sigmoid, _sigmoid_derivative,
               r"\sigma(z) = \frac{1}{1 + e^{-z}}",
               r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))", (0.0, 1.0)),
    Activation("tanh", "Tanh", _tanh, _tanh_derivative,
               r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
               r"\tanh'(z) = 1 - \tanh^2(z)", (-1.0, 1.0)),
    Activation("relu", "ReLU", _relu, _relu_derivative,
               r"\mathrm{ReLU}(z) = \max(0, z)",
               r"\mathrm{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}",
               (0.0, float("inf"))),
    Activation("linear", "Linear", _identity, _ones,
               r"f(z) = z", r"f'(z) = 1", (float("-inf"), float("inf"))),
)

ACTIVATIONS: dict[str, Activation] = {a.name: a for a in _ALL}


def get(name: str) -> Activation:
    """Return the activation called ``name`` (KeyError lists the valid names)."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise KeyError(f"unknown activation {name!r}; valid: {sorted(ACTIVATIONS)}") from None

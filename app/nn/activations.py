"""Activation functions: each defined once, with its derivative and its formula.

The registry below is the single source for the engine, the settings
validator, the menus and (through the catalog) the math panel. Derivatives
take both the pre-activation ``z`` and the output ``a`` so each can use the
cheaper form (sigmoid' = a(1 - a)) without recomputing anything.
Non-goal: output-layer-only functions such as softmax live with the output
heads (``heads.py``): they are not element-wise.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .registry import lookup

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
    symbol: str                  # how an equation writes it: σ(z), tanh(z), ReLU(z) ...


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


def _leaky_relu(z: Array, out: Array | None = None) -> Array:
    # max(z, 0.01 z) is z for z > 0 and 0.01 z below.
    out = np.multiply(z, LEAKY_SLOPE, out)
    return np.maximum(z, out, out=out)


def _leaky_relu_derivative(z: Array, a: Array, out: Array | None = None) -> Array:
    out = np.greater(z, 0.0, out=out if out is not None else np.empty_like(z))
    out = np.multiply(out, 1.0 - LEAKY_SLOPE, out)
    return np.add(out, LEAKY_SLOPE, out)


def _elu(z: Array, out: Array | None = None) -> Array:
    # expm1 of min(z, 0) never overflows; max(z, e^z - 1) picks z above 0
    # and e^z - 1 below it (e^z - 1 >= z everywhere).
    out = np.minimum(z, 0.0, out=out)
    np.expm1(out, out)
    return np.maximum(z, out, out=out)


def _elu_derivative(z: Array, a: Array, out: Array | None = None) -> Array:
    # 1 above 0; e^z = a + 1 below (a = e^z - 1 <= 0 there, a > 0 above).
    out = np.minimum(a, 0.0, out=out)
    return np.add(out, 1.0, out)


def _softplus(z: Array, out: Array | None = None) -> Array:
    # max(z, 0) + log(1 + e^{-|z|}): the exponent is never positive. It is
    # clipped where e^{-|z|} would underflow (and softplus is 0 or z to
    # working precision anyway), so no floating-point flag is ever raised.
    limit = 80.0 if np.asarray(z).dtype == np.float32 else 700.0
    out = np.abs(z, out)
    np.minimum(out, limit, out=out)
    np.negative(out, out)
    np.exp(out, out)
    np.log1p(out, out)
    return np.add(out, np.maximum(z, 0.0), out=out)


def _softplus_derivative(z: Array, a: Array, out: Array | None = None) -> Array:
    return _sigmoid(z, out)


def _sine(z: Array, out: Array | None = None) -> Array:
    return np.sin(z, out)


def _sine_derivative(z: Array, a: Array, out: Array | None = None) -> Array:
    return np.cos(z, out)


LEAKY_SLOPE = 0.01  # leaky ReLU's slope below 0

_ALL = (
    Activation("sigmoid", "Sigmoid", _sigmoid, _sigmoid_derivative,
               r"\sigma(z) = \frac{1}{1 + e^{-z}}",
               r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))", (0.0, 1.0), "σ"),
    Activation("tanh", "Tanh", _tanh, _tanh_derivative,
               r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
               r"\tanh'(z) = 1 - \tanh^2(z)", (-1.0, 1.0), "tanh"),
    Activation("relu", "ReLU", _relu, _relu_derivative,
               r"\mathrm{ReLU}(z) = \max(0, z)",
               r"\mathrm{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}",
               (0.0, float("inf")), "ReLU"),
    Activation("linear", "Linear", _identity, _ones,
               r"f(z) = z", r"f'(z) = 1", (float("-inf"), float("inf")), "f"),
    Activation("leaky_relu", "Leaky ReLU", _leaky_relu, _leaky_relu_derivative,
               r"f(z) = \begin{cases} z & z > 0 \\ 0.01\,z & z \le 0 \end{cases}",
               r"f'(z) = \begin{cases} 1 & z > 0 \\ 0.01 & z \le 0 \end{cases}",
               (float("-inf"), float("inf")), "LeakyReLU"),
    Activation("elu", "ELU", _elu, _elu_derivative,
               r"\mathrm{ELU}(z) = \begin{cases} z & z > 0 \\ e^{z} - 1 & z \le 0 \end{cases}",
               r"\mathrm{ELU}'(z) = \begin{cases} 1 & z > 0 \\ e^{z} & z \le 0 \end{cases}",
               (-1.0, float("inf")), "ELU"),
    Activation("softplus", "Softplus", _softplus, _softplus_derivative,
               r"\mathrm{softplus}(z) = \ln(1 + e^{z})",
               r"\mathrm{softplus}'(z) = \sigma(z) = \frac{1}{1 + e^{-z}}",
               (0.0, float("inf")), "softplus"),
    Activation("sine", "Sine", _sine, _sine_derivative,
               r"f(z) = \sin(z)", r"f'(z) = \cos(z)", (-1.0, 1.0), "sin"),
)

ACTIVATIONS: dict[str, Activation] = {a.name: a for a in _ALL}


def get(name: str) -> Activation:
    """Return the activation called ``name`` (KeyError lists the valid names)."""
    return lookup(ACTIVATIONS, name, "activation")

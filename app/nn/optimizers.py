"""Optimizers: how a gradient becomes a parameter update, in place on flat buffers.

Each optimizer is defined once in ``OPTIMIZERS`` (name, label, formula, and a
class whose ``step`` holds the update rule). ``make(name, size)`` returns one
with fresh state for ``size`` parameters.

The learning rate is folded into the gradient where the rule allows it: when
``scaled`` is True, ``step`` expects ``grads`` already multiplied by the
learning rate (the network computes them that way at no cost, see
``Network.gradients``' ``scale``); otherwise it expects the plain gradient
and applies ``rate`` itself. Plain SGD is then one ``subtract``.
Momentum accumulates the scaled gradient (v ← βv + η·g, θ ← θ − v), which is
the classic v ← βv + g, θ ← θ − η·v while η stays the same.
Non-goals: learning-rate schedules, weight decay inside the optimizer (see
``regularization``).
"""
from dataclasses import dataclass

import numpy as np

from .registry import lookup

Array = np.ndarray


class Sgd:
    """θ ← θ − η·g: one subtraction of the already scaled gradient."""

    name = "sgd"
    scaled = True

    def __init__(self, size: int):
        self.size = size

    def step(self, params: Array, grads: Array, rate: float) -> None:
        """Update ``params`` in place from ``grads`` = η·g."""
        np.subtract(params, grads, params)


class Momentum:
    """v ← β·v + η·g, θ ← θ − v, with β = 0.9 and v = 0 at the start."""

    name = "momentum"
    scaled = True
    beta = 0.9

    def __init__(self, size: int):
        self.velocity = np.zeros(size)

    def step(self, params: Array, grads: Array, rate: float) -> None:
        """Update ``params`` in place from ``grads`` = η·g."""
        velocity = self.velocity
        np.multiply(velocity, self.beta, velocity)
        np.add(velocity, grads, velocity)
        np.subtract(params, velocity, params)


class Adam:
    """Adam (Kingma & Ba, 2015) with bias correction; state m = v = 0, t = 0 at the start."""

    name = "adam"
    scaled = False
    beta1, beta2, epsilon = 0.9, 0.999, 1e-8

    def __init__(self, size: int):
        self.m = np.zeros(size)
        self.v = np.zeros(size)
        self.t = 0
        self._scratch = np.zeros(size)

    def step(self, params: Array, grads: Array, rate: float) -> None:
        """Update ``params`` in place from the plain gradient ``grads`` and the rate η."""
        m, v, scratch = self.m, self.v, self._scratch
        beta1, beta2 = self.beta1, self.beta2
        self.t += 1
        np.multiply(m, beta1, m)
        np.multiply(grads, 1.0 - beta1, scratch)
        np.add(m, scratch, m)
        np.multiply(v, beta2, v)
        np.square(grads, scratch)
        np.multiply(scratch, 1.0 - beta2, scratch)
        np.add(v, scratch, v)
        # θ ← θ − η · m̂ / (√v̂ + ε) with m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t)
        np.divide(v, 1.0 - beta2 ** self.t, scratch)
        np.sqrt(scratch, scratch)
        np.add(scratch, self.epsilon, scratch)
        np.divide(m, scratch, scratch)
        np.multiply(scratch, rate / (1.0 - beta1 ** self.t), scratch)
        np.subtract(params, scratch, params)


@dataclass(frozen=True)
class OptimizerInfo:
    """A registry entry: ``kind(size)`` builds the optimizer with fresh state."""

    name: str
    label: str
    kind: type
    formula: str


OPTIMIZERS: dict[str, OptimizerInfo] = {o.name: o for o in (
    OptimizerInfo("sgd", "SGD", Sgd, r"\theta \leftarrow \theta - \eta\, g"),
    OptimizerInfo("momentum", "Momentum", Momentum,
                  r"v \leftarrow \beta v + \eta\, g, \quad \theta \leftarrow \theta - v,"
                  r" \quad \beta = 0.9"),
    OptimizerInfo("adam", "Adam", Adam,
                  r"m \leftarrow \beta_1 m + (1 - \beta_1) g, \quad"
                  r" v \leftarrow \beta_2 v + (1 - \beta_2) g^2, \quad"
                  r" \theta \leftarrow \theta - \eta \frac{m / (1 - \beta_1^t)}"
                  r"{\sqrt{v / (1 - \beta_2^t)} + \epsilon}"),
)}


def make(name: str, size: int) -> Sgd | Momentum | Adam:
    """Return optimizer ``name`` with fresh state for ``size`` parameters."""
    return lookup(OPTIMIZERS, name, "optimizer").kind(size)

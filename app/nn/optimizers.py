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
An optimizer made for ``size = (R, P)`` steps R stacked networks at once
(``stack``): the rules are element-wise, a rate may be an ``(R, 1)`` column,
and Adam's step count t is then one per network.
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
    state = ()    # attributes that carry over from step to step

    def __init__(self, size: int | tuple[int, int]):
        self.size = size

    def step(self, params: Array, grads: Array, rate: float | Array) -> None:
        """Update ``params`` in place from ``grads`` = η·g."""
        np.subtract(params, grads, params)


class Momentum:
    """v ← β·v + η·g, θ ← θ − v, with β = 0.9 and v = 0 at the start."""

    name = "momentum"
    scaled = True
    state = ("velocity",)
    beta = 0.9

    def __init__(self, size: int | tuple[int, int]):
        self.velocity = np.zeros(size)

    def step(self, params: Array, grads: Array, rate: float | Array) -> None:
        """Update ``params`` in place from ``grads`` = η·g."""
        velocity = self.velocity
        np.multiply(velocity, self.beta, velocity)
        np.add(velocity, grads, velocity)
        np.subtract(params, velocity, params)


class Adam:
    """Adam (Kingma & Ba, 2015) with bias correction; state m = v = 0, t = 0 at the start."""

    name = "adam"
    scaled = False
    state = ("m", "v", "t")
    beta1, beta2, epsilon = 0.9, 0.999, 1e-8

    def __init__(self, size: int | tuple[int, int]):
        self.m = np.zeros(size)
        self.v = np.zeros(size)
        self.t = 0
        self._scratch = np.zeros(size)

    def step(self, params: Array, grads: Array, rate: float | Array) -> None:
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
        np.divide(v, _bias_correction(beta2, self.t), scratch)
        np.sqrt(scratch, scratch)
        np.add(scratch, self.epsilon, scratch)
        np.divide(m, scratch, scratch)
        np.multiply(scratch, rate / _bias_correction(beta1, self.t), scratch)
        np.subtract(params, scratch, params)


def _bias_correction(beta: float, t: int | Array) -> float | Array:
    """1 − β^t; for a stack's t (one per network), an ``(R, 1)`` column.

    Python's own power either way: NumPy's vectorised power can round the last
    bit differently, and a stacked run must end where it would alone.
    """
    if isinstance(t, (int, np.integer)):
        return 1.0 - beta ** int(t)
    return np.array([[1.0 - beta ** k] for k in t.tolist()])


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


def stack(optimizers: list[Sgd | Momentum | Adam], size: int) -> Sgd | Momentum | Adam:
    """One optimizer of their kind holding each one's state along a leading axis.

    All must be of one kind, each for ``size`` parameters; the result steps
    ``(len(optimizers), size)`` stacked parameters. ``unstack`` copies back.
    """
    kind = type(optimizers[0])
    stacked = kind((len(optimizers), size))
    for name in kind.state:
        setattr(stacked, name, np.stack([getattr(o, name) for o in optimizers]))
    return stacked


def unstack(stacked: Sgd | Momentum | Adam, index: int, into: Sgd | Momentum | Adam) -> None:
    """Copy the state of network ``index`` of ``stacked`` into ``into`` (that network's own)."""
    for name in stacked.state:
        value = getattr(stacked, name)[index]
        if value.ndim:
            np.copyto(getattr(into, name), value)
        else:
            setattr(into, name, value.item())

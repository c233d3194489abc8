"""Output heads: the output layer's activation paired with its loss.

PROTOCOL.md fixes the pairing: regression → one linear neuron with MSE; two
classes with MSE → one tanh neuron, targets ±1; two classes with
cross-entropy → one sigmoid neuron, binary cross-entropy on t = (y + 1) / 2;
k ≥ 3 classes → k softmax neurons with cross-entropy or MSE on one-hot
targets. A head turns labels into targets, gives scale · dL/dz for the output
layer's pre-activation z (``delta``), and reads predictions back as labels and
metrics. All arrays are ``(n, k)``: one row per sample, any memory layout.
Loss and delta also take ``(R, n, k)``: R networks of a stack, each with its
own ``scale`` when that is an ``(R, 1, 1)`` array.

Label conventions: ±1 for two classes, the class index 0 … k − 1 for k ≥ 3,
the real value for regression.
Non-goal: other pairings (say tanh with cross-entropy): the protocol has none.
"""
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from . import activations, losses
from .activations import Activation
from .losses import Loss

Array = np.ndarray


@dataclass(frozen=True)
class Softmax:
    """Softmax over the last axis: not element-wise, so only an output layer has it."""

    name: str = "softmax"
    label: str = "Softmax"
    formula: str = r"\mathrm{softmax}(z)_j = \frac{e^{z_j}}{\sum_{c} e^{z_c}}"
    output_range: tuple[float, float] = (0.0, 1.0)
    symbol: str = "softmax"

    @staticmethod
    def fn(z: Array, out: Array | None = None) -> Array:
        """Return softmax of ``z (n, k)`` along k; subtracting the row maximum keeps exp finite."""
        out = np.subtract(z, np.max(z, axis=-1, keepdims=True), out)
        np.exp(out, out)
        return np.divide(out, np.sum(out, axis=-1, keepdims=True), out)


SOFTMAX = Softmax()


def output_function(name: str) -> Activation | Softmax:
    """Return the output activation called ``name``: softmax or a registered activation."""
    return SOFTMAX if name == SOFTMAX.name else activations.get(name)


# --- delta = scale · dL/dz of the output layer, (n, k) ----------------------

def _chain_delta(activation: Activation, loss: Loss) -> Callable[..., Array]:
    """Element-wise output: delta = f'(z) · dL/da (the chain rule, one factor each)."""
    derivative, gradient = activation.derivative, loss.gradient

    def delta(z: Array, a: Array, t: Array, scale: float = 1.0,
              out: Array | None = None) -> Array:
        out = derivative(z, a, out)
        return np.multiply(out, gradient(a, t, scale), out)
    return delta


def _fused_delta(z: Array, a: Array, t: Array, scale: float = 1.0,
                 out: Array | None = None) -> Array:
    """Softmax or sigmoid with cross-entropy: dL/dz = (a - t) / n, exactly."""
    out = np.subtract(a, t, out)
    return np.multiply(out, scale / a.shape[-2], out)


def _softmax_mse_delta(z: Array, a: Array, t: Array, scale: float = 1.0,
                       out: Array | None = None) -> Array:
    """Softmax with MSE: the Jacobian-vector product a ⊙ (g - <g, a>), g = dL/da."""
    g = losses.get("mse").gradient(a, t, scale)
    dot = np.sum(g * a, axis=-1, keepdims=True)
    out = np.subtract(g, dot, out)
    return np.multiply(out, a, out)


# --- targets and predicted labels --------------------------------------------

def _column(labels: Array, k: int) -> Array:
    return np.asarray(labels, dtype=np.float64).reshape(-1, 1).copy()


def _zero_one(labels: Array, k: int) -> Array:
    return (np.asarray(labels, dtype=np.float64).reshape(-1, 1) + 1.0) / 2.0


def _one_hot(labels: Array, k: int) -> Array:
    return np.eye(k)[np.asarray(labels).astype(np.int64).reshape(-1)]


def _sign(outputs: Array) -> Array:
    return np.where(outputs[:, 0] >= 0.0, 1.0, -1.0)


def _over_half(outputs: Array) -> Array:
    return np.where(outputs[:, 0] > 0.5, 1.0, -1.0)


def _argmax(outputs: Array) -> Array:
    return np.argmax(outputs, axis=1).astype(np.float64)


def _value(outputs: Array) -> Array:
    return np.asarray(outputs[:, 0], dtype=np.float64).copy()


@dataclass(frozen=True)
class Head:
    """An output activation with its loss, for ``outputs`` output neurons."""

    name: str
    label: str
    output_activation: Activation | Softmax
    loss: Loss
    delta: Callable[..., Array]     # (z, a, t, scale=1, out=None) -> scale · dL/dz
    delta_formula: str
    make_targets: Callable[[Array, int], Array]
    predict_labels: Callable[[Array], Array]   # outputs (n, k) -> labels (n,)
    metric_name: str                            # "accuracy" or "r2"
    saturates: bool                 # bounded element-wise output: can get stuck at a bound
    outputs: int = 1

    def targets(self, labels: Array) -> Array:
        """Return the training targets ``(n, outputs)`` for ``labels (n,)``."""
        return self.make_targets(labels, self.outputs)

    def loss_value(self, outputs: Array, targets: Array) -> float:
        """The data loss of ``outputs`` against ``targets``, both ``(n, outputs)``."""
        return float(self.loss.value(outputs, targets))

    def loss_from_logits(self, z: Array, targets: Array) -> float:
        """The data loss for the output layer's pre-activation ``z (n, outputs)``.

        Cross-entropy heads read it from z directly (``Loss.value_from_logits``),
        the others apply the output function first; evaluated in float64.
        """
        return float(self.losses_from_logits(z, targets))

    def losses_from_logits(self, z: Array, targets: Array) -> Array:
        """``loss_from_logits`` for each leading index of ``z (..., n, outputs)``."""
        z = np.asarray(z, dtype=np.float64)
        if self.delta is _fused_delta and self.loss.value_from_logits is not None:
            return self.loss.value_from_logits(z, targets)
        return self.loss.value(self.output_activation.fn(z), targets)

    def metric(self, outputs: Array, labels: Array) -> float | None:
        """Accuracy, or R² for regression; None for no points or zero label variance."""
        labels = np.asarray(labels, dtype=np.float64).reshape(-1)
        if len(labels) == 0:
            return None
        predicted = self.predict_labels(outputs)
        if self.metric_name == "accuracy":
            return float(np.mean(predicted == labels))
        total = float(np.sum(np.square(labels - labels.mean())))
        if total == 0.0:
            return None
        r2 = 1.0 - float(np.sum(np.square(labels - predicted))) / total
        return r2 if np.isfinite(r2) else None


_A, _L = activations.ACTIVATIONS, losses.LOSSES

HEADS: dict[str, Head] = {h.name: h for h in (
    Head("linear_mse", "Linear output, mean squared error", _A["linear"], _L["mse"],
         _chain_delta(_A["linear"], _L["mse"]),
         r"\delta = \frac{2}{n} (\hat{y} - y)", _column, _value, "r2", False),
    Head("tanh_mse", "Tanh output, mean squared error", _A["tanh"], _L["mse"],
         _chain_delta(_A["tanh"], _L["mse"]),
         r"\delta = \frac{2}{n} (\hat{y} - y)(1 - \hat{y}^2)", _column, _sign, "accuracy", True),
    Head("sigmoid_cross_entropy", "Sigmoid output, binary cross-entropy", _A["sigmoid"],
         _L["cross_entropy"], _fused_delta,
         r"\delta = \frac{1}{n} (\hat{y} - t), \quad t = \frac{y + 1}{2}",
         _zero_one, _over_half, "accuracy", True),
    Head("softmax_cross_entropy", "Softmax output, cross-entropy", SOFTMAX,
         _L["cross_entropy"], _fused_delta, r"\delta = \frac{1}{n} (\hat{y} - y)",
         _one_hot, _argmax, "accuracy", False),
    Head("softmax_mse", "Softmax output, mean squared error", SOFTMAX, _L["mse"],
         _softmax_mse_delta,
         r"\delta_j = \hat{y}_j \Big(g_j - \sum_c g_c \hat{y}_c\Big),"
         r" \quad g = \frac{2}{n} (\hat{y} - y)",
         _one_hot, _argmax, "accuracy", False),
)}


def make_head(problem: str, classes: int, loss: str) -> Head:
    """Return the head for ``problem`` with ``classes`` (1 for regression) and ``loss``."""
    if loss not in losses.LOSSES:
        raise ValueError(f"unknown loss {loss!r}; valid: {sorted(losses.LOSSES)}")
    if problem == "regression":
        if loss != "mse":
            raise ValueError(f"loss {loss!r} does not apply to regression; use 'mse'")
        return HEADS["linear_mse"]
    if problem != "classification":
        raise ValueError(f"unknown problem {problem!r}; valid: ['classification', 'regression']")
    if classes == 2:
        return HEADS["tanh_mse" if loss == "mse" else "sigmoid_cross_entropy"]
    if classes < 2:
        raise ValueError(f"classification needs at least 2 classes, got {classes}")
    return replace(HEADS[f"softmax_{loss}"], outputs=int(classes))

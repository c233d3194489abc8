"""A run's parameters from outside: one set by hand, all saved as plain lists, all restored.

Model files carry a run as ``run.state()``; ``Run.restore`` rebuilds a run
that continues from such values (``Saved``, a mixin of ``train.Run``; an
image run overrides both). Everything given from outside is checked first:
every error is a ValueError (IndexError for an index) whose message starts
with the offending part's name (``weights[1]``, ``history.test``, ``layer``),
so the web layer can point at the field.
Non-goal: JSON parsing; callers pass decoded lists or arrays.
"""
import math
from collections.abc import Sequence

import numpy as np

from .run_config import History

Array = np.ndarray


class Saved:
    """``state`` and ``restore`` for ``train.Run`` (it uses the run's attributes)."""

    def state(self) -> dict:
        """Weights, biases (nested lists, full precision), epoch and the whole history."""
        return {"weights": [w.tolist() for w in self.network.weights],
                "biases": [b.tolist() for b in self.network.biases],
                "epoch": self.epoch,
                "history": {"train": list(self.history.train), "test": list(self.history.test)}}

    @classmethod
    def restore(cls, config, data, weights, biases, epoch: int, history: dict,
                weight_draw: int = 0):
        """Rebuild a run that continues from ``state()``-shaped values.

        The class count comes from the output biases (three or more: softmax),
        else from the labels. Optimizer state (momentum, Adam) starts afresh.
        """
        classes = None
        if config.problem == "classification" and isinstance(biases, (list, tuple)) and biases:
            last = biases[-1]
            if isinstance(last, (list, tuple, np.ndarray)) and len(last) >= 3:
                classes = len(last)
        run = cls(config, weight_draw, data, classes)
        new_weights, new_biases = parameter_arrays(run.network.sizes, weights, biases)
        train, test = history_lists(epoch, history)
        for target, value in zip(run.network.weights + run.network.biases,
                                 new_weights + new_biases):
            target[...] = value
        run._resume(int(epoch), History(train, test))
        return run

    def _resume(self, epoch: int, history: History) -> None:
        """Continue at ``epoch`` with a restored ``history``; the plateau counts from its best."""
        self.epoch, self.history = epoch, history
        finite = [(loss, i) for i, loss in enumerate(history.test) if math.isfinite(loss)]
        self.best_test_loss, self.best_test_epoch = min(finite) if finite else (math.inf, 0)
        self.failure = self._diagnose()


def set_parameter(run, layer: int, to: int, from_: int | None, value: float) -> None:
    """Set ``weights[layer][from_][to]``, or with ``from_`` None ``biases[layer][to]``."""
    weights = run.network.weights
    if not 0 <= layer < len(weights):
        raise IndexError(f"layer {layer} out of range: weight layers are 0 … {len(weights) - 1}")
    n_in, n_out = weights[layer].shape
    if not 0 <= to < n_out:
        raise IndexError(f"to {to} out of range: layer {layer + 1} has neurons 0 … {n_out - 1}")
    if from_ is not None and not 0 <= from_ < n_in:
        raise IndexError(f"from {from_} out of range: layer {layer} has neurons 0 … {n_in - 1}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"value must be a finite number, got {value}")
    if from_ is None:
        run.network.biases[layer][to] = value
    else:
        weights[layer][from_, to] = value


def _array(name: str, value, shape: tuple[int, ...]) -> Array:
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: expected numbers of shape {list(shape)}") from None
    if array.shape != shape:
        raise ValueError(f"{name}: expected shape {list(shape)}, got {list(array.shape)}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name}: every value must be a finite number")
    return array


def parameter_arrays(sizes: Sequence[int], weights, biases) -> tuple[list[Array], list[Array]]:
    """Check saved ``weights[l] (n_in, n_out)`` and ``biases[l] (n_out,)`` against ``sizes``."""
    layers = len(sizes) - 1
    for name, value in (("weights", weights), ("biases", biases)):
        if not isinstance(value, (list, tuple)) or len(value) != layers:
            raise ValueError(f"{name}: expected a list of {layers} layers")
    shapes = list(zip(sizes[:-1], sizes[1:]))
    return ([_array(f"weights[{l}]", w, shape) for l, (w, shape) in enumerate(zip(weights, shapes))],
            [_array(f"biases[{l}]", b, (shape[1],)) for l, (b, shape) in enumerate(zip(biases, shapes))])


def history_lists(epoch: int, history) -> tuple[list[float], list[float]]:
    """Check a saved history: ``epoch + 1`` losses per set; None (JSON null) becomes NaN."""
    if isinstance(epoch, bool) or not isinstance(epoch, (int, np.integer)) or epoch < 0:
        raise ValueError(f"epoch: expected an integer >= 0, got {epoch!r}")
    if not isinstance(history, dict):
        raise ValueError("history: expected {\"train\": [...], \"test\": [...]}")
    lists = []
    for name in ("train", "test"):
        values = history.get(name)
        if not isinstance(values, (list, tuple)) or len(values) != epoch + 1:
            raise ValueError(f"history.{name}: expected epoch + 1 = {epoch + 1} values")
        try:
            lists.append([math.nan if v is None else float(v) for v in values])
        except (TypeError, ValueError):
            raise ValueError(f"history.{name}: every value must be a number or null") from None
    return lists[0], lists[1]

"""A run's parameters from outside: one set by hand, all saved as plain lists, all restored.

Model files carry a run as ``run.state()`` (the history as kept: every
recent epoch, a thinned record of older ones); ``Run.restore`` rebuilds a run
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

from .history import LossHistory

Array = np.ndarray


class Saved:
    """``state`` and ``restore`` for ``train.Run`` (it uses the run's attributes)."""

    def state(self) -> dict:
        """Weights, biases (nested lists, full precision), epoch and the kept history."""
        return {"weights": [w.tolist() for w in self.network.weights],
                "biases": [b.tolist() for b in self.network.biases],
                "epoch": self.epoch, "history": history_lists(self.history)}

    @classmethod
    def restore(cls, config, data, weights, biases, epoch: int, history: dict,
                weight_draw: int = 0, history_limits: tuple[int, int] | None = None):
        """Rebuild a run that continues from ``state()``-shaped values.

        The class count comes from the output biases (three or more: softmax),
        else from the labels. Optimizer state (momentum, Adam) starts afresh.
        """
        classes = None
        if config.problem == "classification" and isinstance(biases, (list, tuple)) and biases:
            last = biases[-1]
            if isinstance(last, (list, tuple, np.ndarray)) and len(last) >= 3:
                classes = len(last)
        run = cls(config, weight_draw, data, classes, history_limits)
        new_weights, new_biases = parameter_arrays(run.network.sizes, weights, biases)
        restored = history_of(epoch, history, run.history_limits)
        for target, value in zip(run.network.weights + run.network.biases,
                                 new_weights + new_biases):
            target[...] = value
        run._resume(int(epoch), restored)
        return run

    def _resume(self, epoch: int, history: LossHistory) -> None:
        """Continue at ``epoch`` with a restored ``history``; the plateau counts from its best."""
        self.epoch, self.history = epoch, history
        self.best_test_loss, self.best_test_epoch = history.best_test()
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
    run.drop_partial_epoch()   # the epoch under way started from the old value
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


def history_lists(history: LossHistory) -> dict:
    """The kept readings as lists: ``train`` and ``test``, and ``epochs`` when some were thinned."""
    epochs, train, test = history.readings()
    lists = {"train": train.tolist(), "test": test.tolist()}
    if len(epochs) and (epochs[0] != 0 or epochs[-1] != len(epochs) - 1):
        lists["epochs"] = epochs.tolist()
    return lists


def history_of(epoch: int, history, limits: tuple[int, int]) -> LossHistory:
    """Check a saved history and rebuild it: losses (None, JSON null, is NaN) of every epoch
    0 … ``epoch``, or of the epochs listed in ``history["epochs"]`` (increasing, ending at it)."""
    if isinstance(epoch, bool) or not isinstance(epoch, (int, np.integer)) or epoch < 0:
        raise ValueError(f"epoch: expected an integer >= 0, got {epoch!r}")
    if not isinstance(history, dict):
        raise ValueError("history: expected {\"train\": [...], \"test\": [...]}")
    epochs = history.get("epochs", range(epoch + 1))
    if not isinstance(epochs, (list, tuple, range)) or not epochs or epochs[-1] != epoch \
            or any(isinstance(e, bool) or not isinstance(e, (int, np.integer)) for e in epochs) \
            or any(b <= a for a, b in zip(epochs, epochs[1:])) or epochs[0] < 0:
        raise ValueError(f"history.epochs: expected increasing epochs >= 0 ending at {epoch}")
    lists = []
    for name in ("train", "test"):
        values = history.get(name)
        if not isinstance(values, (list, tuple)) or len(values) != len(epochs):
            what = "epoch + 1" if "epochs" not in history else "len(history.epochs)"
            raise ValueError(f"history.{name}: expected {what} = {len(epochs)} values")
        try:
            lists.append([math.nan if v is None else float(v) for v in values])
        except (TypeError, ValueError):
            raise ValueError(f"history.{name}: every value must be a number or null") from None
    return LossHistory.of(list(epochs), lists[0], lists[1], *limits)

"""Checks for what a run is given from outside: labels, saved parameters, saved history.

Kept apart from ``train`` so the training module stays about training. Every
error is a ValueError whose message starts with the offending part's name
(``weights[1]``, ``history.test``, ``labels``), so the web layer can point
at the field.
Non-goal: JSON parsing; callers pass decoded lists or arrays.
"""
import math
from collections.abc import Sequence

import numpy as np

Array = np.ndarray


def check_labels(labels: Array, classes: int) -> None:
    """Raise ValueError unless every label fits ``classes`` (1: any finite number)."""
    labels = np.asarray(labels, dtype=np.float64)
    if not np.all(np.isfinite(labels)):
        raise ValueError("labels must be finite numbers")
    if classes == 1:
        return
    if classes == 2:
        bad = labels[np.abs(labels) != 1.0]
        expected = "+1 or -1 (two classes)"
    else:
        bad = labels[(labels != np.round(labels)) | (labels < 0) | (labels >= classes)]
        expected = f"a class index 0 … {classes - 1}"
    if bad.size:
        raise ValueError(f"labels: {bad[0]:g} is not {expected}; a different number of "
                         f"classes would change the output layer's size ({classes} classes)")


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

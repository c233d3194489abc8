"""The JSON shapes of ``run`` and ``frame`` messages (see docs/PROTOCOL.md).

JSON has no NaN or Infinity and browsers reject them, so every number goes
through ``_finite`` here: a non-finite value is sent as ``null``.

Frames stream up to 60 times a second to every watcher, so they carry what a
screen can show, not full float64: weights to ``WEIGHT_DECIMALS`` decimals,
losses to ``LOSS_DIGITS`` significant digits (a 6×8 network with all seven
features fits in under 4 KB). Exports carry full precision (``model_files``).
"""
import math
import time

import numpy as np

from ..nn.datasets import DOMAIN
from ..nn.train import Run

WEIGHT_DECIMALS = 4
LOSS_DIGITS = 6


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _loss(value: float) -> float | None:
    return float(f"{value:.{LOSS_DIGITS}g}") if math.isfinite(value) else None


def json_safe(value):
    """``value`` (nested lists and dicts) with every NaN or infinity replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    return value


def _optional(value: float | None) -> float | None:
    return None if value is None else _finite(value)


def _finite_list(values) -> list:
    return [v if math.isfinite(v) else None for v in values]


def _loss_list(values) -> list:
    return [_loss(v) for v in values]


def _matrix(array: np.ndarray) -> list:
    rounded = np.round(array, WEIGHT_DECIMALS)
    if np.isfinite(rounded).all():
        return rounded.tolist()
    return np.where(np.isfinite(rounded), rounded, None).tolist()


def _points(x: np.ndarray, y: np.ndarray) -> list:
    return np.round(np.column_stack([x, y]), 6).tolist()


def run_payload(run_id: int, settings: dict, run: Run) -> dict:
    """Everything a client needs to draw a new run: settings, sizes, data points."""
    return {
        "run": run_id,
        "settings": dict(settings),
        "sizes": list(run.network.sizes),
        "features": list(run.config.features),
        "output_activation": run.network.output_activation.name,
        "classes": run.classes,
        "domain": DOMAIN,
        "data": {"train": _points(run.data.x_train, run.data.y_train),
                 "test": _points(run.data.x_test, run.data.y_test)},
    }


def frame_payload(session, since: int, metrics: tuple | None = None) -> dict:
    """The run's state now plus the losses of epochs ``since + 1 .. epoch``.

    ``metrics`` is ``Run.metrics()`` if already computed (by a worker) for this state.
    """
    run = session.run
    start = since + 1
    network = run.network
    metric, metric_train, metric_test = metrics or run.metrics()
    return {
        "run": session.run_id,
        "epoch": run.epoch,
        "running": session.running,
        "activation": network.activation.name,
        "loss_train": _loss(run.history.train[-1]),
        "loss_test": _loss(run.history.test[-1]),
        "metric": metric,
        "metric_train": _optional(metric_train),
        "metric_test": _optional(metric_test),
        "weights": [_matrix(w) for w in network.weights],
        "biases": [_matrix(b) for b in network.biases],
        "history": {"start": start, "train": _loss_list(run.history.train[start:]),
                    "test": _loss_list(run.history.test[start:])},
        "stopped": session.stopped,
        "server_time": round(time.time(), 3),
    }


def curve_summary(history, points: int) -> dict:
    """At most ``points`` evenly spaced epochs of a loss history (the last one always in)."""
    epochs = len(history.train)
    step = max(1, -(-epochs // points))
    picked = list(range(0, epochs, step))
    if picked[-1] != epochs - 1:
        picked.append(epochs - 1)
    return {"epochs": picked, "train": _finite_list(history.train[i] for i in picked),
            "test": _finite_list(history.test[i] for i in picked)}

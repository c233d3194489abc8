"""The messages of a class working together: class data (``collection``), the class view
(``glimpses``). Built like ``messages`` builds the rest: rounded, strict JSON.

A glimpse is one student's run at thumbnail size: what a browser needs to
draw its output plot from the weights (sizes, features, activations,
weights to 4 decimals), its losses and a short loss curve, so a class of 30
costs the teacher about 20 KB a second, and the server no pictures.
"""
import base64
import math
import time

import numpy as np

from ..nn.images.drawn import LEVELS
from ..nn.images.run import ImageRun
from .messages import json_safe, rounded_loss, rounded_matrix

GLIMPSE_CURVE_POINTS = 20
GLIMPSE_LOSS_DIGITS = 4


def collection(data, rows: list, removed: list, full: bool, names: bool) -> dict:
    """A ``collection`` message: the whole set (``full``) or what changed; names for teachers.

    Images go as base64 of one byte a pixel (intensity · ``scale``), like a run's test
    images, to teachers only: a student's page shows no one's drawings, so its copy
    carries ids, labels and students (its own count) and stays a few bytes an image.
    """
    message = {"state": data.state, "problem": data.problem, "classes": data.classes,
               "per_student": data.per_student, "per_room": data.per_room,
               "total": len(data.points), "full": full, "removed": removed}
    if data.side is None:
        message["points"] = [[i, round(x1, 6), round(x2, 6), label, student]
                             for i, x1, x2, label, student in rows]
    else:
        message.update(image_size=data.side, scale=LEVELS, class_names=data.class_names,
                       images=[[i, base64.b64encode(pixels).decode("ascii") if names else "",
                                label, student] for i, pixels, label, student in rows])
    if names:
        students = sorted({row[-1] for row in rows})
        message["names"] = [[number, data.names[number]] for number in students]
    return message


def _short(value: float) -> float | None:
    return float(f"{value:.{GLIMPSE_LOSS_DIGITS}g}") if math.isfinite(value) else None


def _curve(history) -> dict:
    """At most ``GLIMPSE_CURVE_POINTS`` readings of the test loss (else the training loss,
    for a run without test points), lowest and highest kept, the last one in."""
    epochs, train, test = history.summary(GLIMPSE_CURVE_POINTS)
    losses = test if np.isfinite(test).any() else train
    return {"epochs": epochs.tolist(), "loss": [_short(v) for v in losses.tolist()]}


def glimpse(number: int, name: str, session) -> dict:
    """Student ``number``'s own run now (call with its session's lock held).

    A run on the plane carries what its thumbnail is drawn from; an image run
    (no plane to draw) its accuracy instead.
    """
    run, network = session.run, session.run.network
    head = {"student": number, "name": name, "following": False, "run": session.run_id,
            "problem": run.config.problem, "epoch": run.epoch, "running": session.running,
            "loss_train": rounded_loss(run.history.train[-1]),
            "loss_test": rounded_loss(run.history.test[-1]), "curve": _curve(run.history)}
    if isinstance(run, ImageRun):
        metric, train, test = run.metrics()
        return {**head, "metric": metric, "metric_train": json_safe(train),
                "metric_test": json_safe(test)}
    return {**head, "sizes": list(network.sizes), "features": list(run.config.features),
            "activation": network.activation.name,
            "output_activation": network.output_activation.name, "classes": run.classes,
            "weights": [rounded_matrix(w) for w in network.weights],
            "biases": [rounded_matrix(b) for b in network.biases]}


def following(number: int, name: str) -> dict:
    """A student who follows the class (no run of their own to show)."""
    return {"student": number, "name": name, "following": True}


def glimpses(entries: list[dict]) -> dict:
    return {"students": entries, "server_time": round(time.time(), 3)}

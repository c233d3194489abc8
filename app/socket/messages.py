"""Every message the server sends, built in one place (docs/PROTOCOL.md has their shapes).

Strict JSON by construction: JSON has no NaN or Infinity and browsers reject
them, so every number goes through ``_finite`` / ``json_safe`` here, and the
wire's encoder (``wire_json``) refuses any that slipped through.

Frames stream up to 60 times a second to every watcher, so they carry what a
screen can show, not full float64: weights to ``WEIGHT_DECIMALS`` decimals,
losses to ``LOSS_DIGITS`` significant digits (a 6×8 network with all seven
features fits in under 4 KB). Exports and explanations carry full precision.
"""
import math
import time

import numpy as np

from ..nn.datasets import DOMAIN
from ..nn.explain import explain
from ..nn.images.run import ImageRun
from . import image_messages
from .catalog import catalog
from .names import PROTOCOL_VERSION

WEIGHT_DECIMALS = 4
LOSS_DIGITS = 6
BOARD_CURVE_POINTS = 200
NO_ROOM = {"code": None, "role": None, "following": False, "members": 0, "name": None}


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _loss(value: float) -> float | None:
    return float(f"{value:.{LOSS_DIGITS}g}") if math.isfinite(value) else None


def json_safe(value):
    """``value`` (nested lists, tuples and dicts) with every NaN or infinity replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    return value


def _matrix(array: np.ndarray) -> list:
    rounded = np.round(array, WEIGHT_DECIMALS)
    if np.isfinite(rounded).all():
        return rounded.tolist()
    return np.where(np.isfinite(rounded), rounded, None).tolist()


def _points(x: np.ndarray, y: np.ndarray) -> list:
    return np.round(np.column_stack([x, y]), 6).tolist()


def hello(session_id: str, resume_token: str, schema: dict, config: dict) -> dict:
    return {"protocol": PROTOCOL_VERSION, "session": session_id, "resume_token": resume_token,
            "schema": schema, "catalog": catalog(),
            "limits": {"max_frame_rate": config["MAX_FRAME_RATE"],
                       "max_message_bytes": config["MAX_MESSAGE_BYTES"],
                       "max_csv_bytes": config["MAX_CSV_BYTES"],
                       "max_points": config["MAX_POINTS"],
                       "max_images": config["MAX_IMAGES"],
                       "max_image_bytes": config["MAX_IMAGE_BYTES"]}}


def run(session) -> dict:
    """Everything a client needs to draw a new run: settings, sizes, data points or images."""
    current = session.run
    head = {"run": session.run_id, "settings": dict(session.settings),
            "parameter_count": int(current.network.params.size)}
    if isinstance(current, ImageRun):
        return {**head, **image_messages.run_fields(current)}
    return {
        **head,
        "sizes": list(current.network.sizes),
        "features": list(current.config.features),
        "output_activation": current.network.output_activation.name,
        "classes": current.classes,
        "domain": DOMAIN,
        "data": {"train": _points(current.data.x_train, current.data.y_train),
                 "test": _points(current.data.x_test, current.data.y_test)},
    }


def _losses(values) -> list:
    return [_loss(v) for v in values.tolist()]


def history_since(history, since: int) -> dict:
    """The frame's ``history``: the kept losses of epochs after ``since``.

    Every recent epoch is there; older ones are thinned (``LossHistory``), and
    then ``epochs`` says which epochs the values belong to.
    """
    epochs, train, test = history.since(since)
    segment = {"start": since + 1, "train": _losses(train), "test": _losses(test)}
    if len(epochs) and (epochs[0] != since + 1 or epochs[-1] - epochs[0] != len(epochs) - 1):
        segment["epochs"] = epochs.tolist()
    return segment


def frame(session, since: int, metrics: tuple | None = None, report: dict | None = None) -> dict:
    """The run's state now plus the losses of epochs ``since + 1 .. epoch``.

    ``metrics`` is ``Run.metrics()`` when already computed (by a worker) for
    this state; an image run's frame carries its kernels too, and ``report``
    (``image_messages.report``) when given.
    """
    current = session.run
    network = current.network
    metric, metric_train, metric_test = metrics or current.metrics()
    loss_train, loss_test = current.history.last()
    images = {}
    if isinstance(current, ImageRun):
        images = image_messages.frame_fields(network, _matrix)
        if report is not None:
            images["report"] = report
    return {
        "run": session.run_id,
        "epoch": current.epoch,
        "running": session.running,
        "activation": network.activation.name,
        "loss_train": _loss(loss_train),
        "loss_test": _loss(loss_test),
        "metric": metric,
        "metric_train": _finite(metric_train),
        "metric_test": _finite(metric_test),
        "weights": [_matrix(w) for w in network.weights],
        "biases": [_matrix(b) for b in network.biases],
        **images,
        "history": history_since(current.history, since),
        "stopped": session.stopped,
        "server_time": round(time.time(), 3),
    }


def explanation(session, which: str, index: int, x: np.ndarray, label: float) -> dict:
    """``explain_point``'s answer: one point's pass at full precision, non-finite as null."""
    return {"ok": True, "run": session.run_id, "epoch": session.run.epoch, "set": which,
            "index": index, **json_safe(explain(session.run, x, label))}


def settings(session) -> dict:
    return {"settings": dict(session.settings)}


def room(room, sid: str, teacher: bool, following: bool) -> dict:
    """The ``room`` event for connection ``sid``."""
    return {"code": room.code, "role": "teacher" if teacher else "student",
            "following": following, "members": len(room.members),
            "name": room.members.get(sid)}


def remote_room(code: str) -> dict:
    """``room`` for a student following a class held by another instance."""
    return {"code": code, "role": "student", "following": True, "members": 0, "name": None}


def curve_summary(history, points: int) -> dict:
    """About ``points`` readings of a loss history, its lowest and highest losses kept."""
    epochs, train, test = history.summary(points)
    return {"epochs": epochs.tolist(), "train": [_finite(v) for v in train.tolist()],
            "test": [_finite(v) for v in test.tolist()]}


def board_entry(name: str, label: str, session) -> dict:
    """A student's run on the class board (call with the session's lock held)."""
    current = session.run
    metric, metric_train, metric_test = current.metrics()
    loss_train, loss_test = current.history.last()
    return {"name": name, "label": label, "settings": dict(session.settings),
            "epoch": current.epoch, "loss_train": _loss(loss_train),
            "loss_test": _loss(loss_test), "metric": metric,
            "metric_train": _finite(metric_train), "metric_test": _finite(metric_test),
            "curve": curve_summary(current.history, BOARD_CURVE_POINTS)}


def ranking(room) -> list[int]:
    """Entry ids by test loss, lowest first; entries without one last, in submission order."""
    entries = sorted(room.board.values(), key=lambda e: e["id"])
    finite = sorted((e["loss_test"], e["id"]) for e in entries if e["loss_test"] is not None)
    return [i for _, i in finite] + [e["id"] for e in entries if e["loss_test"] is None]


def board(room) -> dict:
    """The whole board (to a teacher who claims the room)."""
    return {"entries": sorted(room.board.values(), key=lambda e: e["id"]),
            "ranking": ranking(room)}


def board_change(room, changed: list[dict], removed: list[int]) -> dict:
    """What changed on the board: entries added or replaced, ids removed, the new ranking."""
    return {"set": changed, "removed": removed, "ranking": ranking(room)}


def question(asked) -> dict:
    return {"id": asked.id, "question": asked.question, "options": asked.options}


def poll(asked) -> dict:
    counts = asked.counts()
    return {**question(asked), "counts": counts, "total": sum(counts)}

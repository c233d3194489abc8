"""Model files: export a session's run as JSON, and rebuild a run from one.

The format is in docs/PROTOCOL.md ("Model file"). A model always carries its
points, so custom data travels with it, and its whole loss history, so the
curve continues where it stopped. Everything read from a file is checked
before use; refusals name the field as ``model.<path>``.
"""
from ..nn.train import Run
from ..socket import inbound
from ..socket.messages import json_safe
from ..socket.settings import default_settings, resolve_settings, run_config, validate_settings
from ..socket.values import ProtocolError, index
from . import points
from .session import Session

FORMAT = "nn-playground-model"
VERSION = 2     # 2: the history may be thinned (``history.epochs``); 1 files still load


def export(session: Session) -> dict:
    """The model file of the session's current run (full precision; NaN and
    infinity, e.g. the loss of an empty test set, become null as in frames)."""
    run = session.run
    return {"format": FORMAT, "version": VERSION, "settings": dict(session.settings),
            "sizes": list(run.network.sizes), **json_safe(run.state()),
            "data": {"train": points.points_of(run.data.x_train, run.data.y_train),
                     "test": points.points_of(run.data.x_test, run.data.y_test)}}


def _prefixed(error: ProtocolError) -> ProtocolError:
    return ProtocolError(f"model.settings.{error.field}", error.message)


def restore(model: dict, defaults: dict, schema: dict, max_points: int,
            history_limits: tuple[int, int] | None = None):
    """Return (settings, run, custom points or None) rebuilt from a validated model file."""
    raw = model["settings"]
    try:
        settings = resolve_settings(defaults, validate_settings(raw, schema), schema)
    except ProtocolError as error:
        raise _prefixed(error) from None
    data = model["data"]
    if not isinstance(data, dict) or set(data) != {"train", "test"}:
        raise ProtocolError("model.data", "model.data must have train and test lists")
    sets = {which: inbound.points(f"model.data.{which}", data[which], settings["problem"],
                                  None, max_points, allow_empty=which == "test")
            for which in ("train", "test")}
    split = points.from_sets(sets["train"], sets["test"])
    if points.size(split) > max_points:
        raise ProtocolError("model.data", f"a model may carry at most {max_points} points")
    epoch = index("model.epoch", model["epoch"])
    weights = inbound.parameters("model.weights", model["weights"], depth=3)
    biases = inbound.parameters("model.biases", model["biases"], depth=2)
    history = model["history"]
    if not isinstance(history, dict):
        raise ProtocolError("model.history", "model.history must be an object")
    for name in ("train", "test"):
        inbound.losses(f"model.history.{name}", history.get(name))
    if "epochs" in history:
        inbound.epochs("model.history.epochs", history["epochs"])
    try:
        run = Run.restore(run_config(settings), split, weights, biases, epoch, history,
                          history_limits=history_limits)
    except (ValueError, TypeError, KeyError) as error:
        raise ProtocolError(f"model.{_field_of(error)}", f"model: {error}") from None
    custom = split if settings["dataset"] == "custom" else None
    return settings, run, custom


def _field_of(error: Exception) -> str:
    """The part a restore error names first (``weights[1]``, ``history.test`` ...)."""
    text = str(error)
    if text.startswith("labels"):
        return "data"          # a label that does not fit the run's classes
    for name in ("weights", "biases", "history.epochs", "history", "epoch"):
        position = text.find(name)
        if position != -1:
            return text[position:].split(" ")[0].split(":")[0].rstrip(",.")
    return "weights"


def load(session: Session, model: dict, schema: dict, max_points: int) -> None:
    """Rebuild a model file's run (checked field by field) and hand it to ``session``."""
    settings, run, custom = restore(model, default_settings(schema), schema, max_points,
                                    session.run.history_limits)
    with session.lock:
        session.adopt(settings, run, custom)

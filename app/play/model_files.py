"""Model files: export a session's run as JSON, and rebuild a run from one.

The format is in docs/PROTOCOL.md ("Model file"). A point model always
carries its points, so custom data travels with it; an image model carries
its kernels too, and its images only when they are the user's own
(``dataset`` "drawn", in the text format): digits and shapes are rebuilt
from the settings, seed included. Both carry the whole loss history, so the
curve continues where it stopped. Everything read from a file is checked
before use; refusals name the field as ``model.<path>``.
"""
from ..nn.images.run import ImageRun
from ..nn.train import Run
from ..socket import inbound
from ..socket.image_settings import IMAGES, MAX_DRAWN_CLASSES
from ..socket.messages import json_safe
from ..socket.settings import default_settings, resolve_settings, run_config, validate_settings
from ..socket.values import ProtocolError, index
from . import images, points
from .registry import history_limits
from .session import Session

FORMAT = "nn-playground-model"
VERSION = 2     # 2: the history may be thinned (``history.epochs``); 1 files still load


def export(session: Session) -> dict:
    """The model file of the session's current run (full precision; NaN and
    infinity, e.g. the loss of an empty test set, become null as in frames)."""
    run = session.run
    if isinstance(run, ImageRun):
        data = {"images": images.to_text(run.data)} if run.config.dataset == "drawn" else None
    else:
        data = {"train": points.points_of(run.data.x_train, run.data.y_train),
                "test": points.points_of(run.data.x_test, run.data.y_test)}
    return {"format": FORMAT, "version": VERSION, "settings": dict(session.settings),
            "sizes": list(run.network.sizes), **json_safe(run.state()), "data": data}


def _prefixed(error: ProtocolError) -> ProtocolError:
    return ProtocolError(f"model.settings.{error.field}", error.message)


def restore(model: dict, defaults: dict, schema: dict, config: dict):
    """Return (settings, run, the user's data or None) rebuilt from a validated model file."""
    raw = model["settings"]
    try:
        settings = resolve_settings(defaults, validate_settings(raw, schema, defaults["problem"]),
                                    schema)
    except ProtocolError as error:
        raise _prefixed(error) from None
    if settings["problem"] == IMAGES:
        return _restore_images(model, settings, config)
    max_points = config["MAX_POINTS"]
    data = model["data"]
    if not isinstance(data, dict) or set(data) != {"train", "test"}:
        raise ProtocolError("model.data", "model.data must have train and test lists")
    sets = {which: inbound.points(f"model.data.{which}", data[which], settings["problem"],
                                  None, max_points, allow_empty=which == "test")
            for which in ("train", "test")}
    split = points.from_sets(sets["train"], sets["test"])
    if points.size(split) > max_points:
        raise ProtocolError("model.data", f"a model may carry at most {max_points} points")
    epoch, weights, biases, history = _numbers(model)
    try:
        run = Run.restore(run_config(settings), split, weights, biases, epoch, history,
                          history_limits=history_limits(config))
    except (ValueError, TypeError, KeyError) as error:
        raise ProtocolError(f"model.{_field_of(error)}", f"model: {error}") from None
    custom = split if settings["dataset"] == "custom" else None
    return settings, run, custom


def _restore_images(model: dict, settings: dict, config: dict):
    """(settings, image run, its drawn images or None) from an image model file."""
    data, split = model["data"], None
    if settings["dataset"] == "drawn":
        if not isinstance(data, dict) or not isinstance(data.get("images"), str):
            raise ProtocolError("model.data", "a model of your own images carries them as "
                                              "model.data.images (text, one image a line)")
        try:
            split, _ = images.from_text(data["images"], settings["train_ratio"], settings["seed"],
                                        config["MAX_IMAGES"], config["MAX_MESSAGE_BYTES"],
                                        MAX_DRAWN_CLASSES)
        except ProtocolError as error:
            raise ProtocolError("model.data.images", error.message) from None
        if split.x_train.shape[1] != settings["image_size"]:
            raise ProtocolError("model.settings.image_size", "image_size does not match the "
                                                             "model's images")
    epoch, weights, biases, history = _numbers(model)
    try:
        run = ImageRun.restore(run_config(settings), split, weights, biases,
                               epoch, history, conv_kernels=model.get("conv_kernels"),
                               conv_biases=model.get("conv_biases"))
    except (ValueError, TypeError, KeyError) as error:
        raise ProtocolError(f"model.{_field_of(error)}", f"model: {error}") from None
    return settings, run, split


def _numbers(model: dict) -> tuple:
    """(epoch, weights, biases, history) of a model file, checked value by value."""
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
    return epoch, weights, biases, history


def _field_of(error: Exception) -> str:
    """The part a restore error names first (``weights[1]``, ``history.test`` ...)."""
    text = str(error)
    if text.startswith(("labels", "x_train", "x_test")):
        return "data"          # a label or an image that does not fit the run
    for name in ("conv_kernels", "conv_biases", "weights", "biases", "history.epochs", "history",
                 "epoch"):
        position = text.find(name)
        if position != -1:
            return text[position:].split(" ")[0].split(":")[0].rstrip(",.")
    return "weights"


def load(session: Session, model: dict, schema: dict, config: dict) -> None:
    """Rebuild a model file's run (checked field by field) and hand it to ``session``."""
    settings, run, custom = restore(model, default_settings(schema), schema, config)
    with session.lock:
        session.adopt(settings, run, custom)

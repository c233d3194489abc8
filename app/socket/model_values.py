"""Validation of a model file (``import_model``): its frame first, then every value.

Split from ``inbound`` (the other payloads); ``play/model_files`` rebuilds the
run from what passes. Non-goal: shapes (the engine checks them, naming the part).
"""
from .inbound import MAX_ABS_PARAMETER
from .values import ProtocolError, fields, index, number

MODEL_VERSIONS = (1, 2)


def model_file(payload: object) -> dict:
    """``import_model``: the model object (its contents are checked field by field later)."""
    payload = fields("import_model", payload, {"model"})
    model = payload["model"]
    if not isinstance(model, dict):
        raise ProtocolError("model", "model must be an object (a model file)")
    if model.get("format") != "nn-playground-model":
        raise ProtocolError("model.format", "this is not a playground model file")
    version = model.get("version")
    if type(version) is not int or version not in MODEL_VERSIONS:   # True == 1 in Python
        raise ProtocolError("model.version", "model.version must be "
                                             f"{' or '.join(map(str, MODEL_VERSIONS))}")
    for key in ("settings", "weights", "biases", "epoch", "history", "data"):
        if key not in model:
            raise ProtocolError(f"model.{key}", f"the model file has no {key}")
    return model


def parameters(field: str, value: object, depth: int) -> list:
    """Nested lists ``depth`` deep of numbers within ±``MAX_ABS_PARAMETER`` (the engine checks shapes).

    Strings, booleans and nulls are refused here: NumPy would turn "0.5" and
    true into numbers without a word.
    """
    if not isinstance(value, list):
        raise ProtocolError(field, f"{field} must be a list")
    if depth == 1:
        for i, item in enumerate(value):
            number(f"{field}[{i}]", item, -MAX_ABS_PARAMETER, MAX_ABS_PARAMETER)
        return value
    return [parameters(f"{field}[{i}]", item, depth - 1) for i, item in enumerate(value)]


def epochs(field: str, value: object) -> list:
    """A list of epochs (whole numbers >= 0); the engine checks their order."""
    if not isinstance(value, list):
        raise ProtocolError(field, f"{field} must be a list of epochs")
    for i, item in enumerate(value):
        index(f"{field}[{i}]", item)
    return value


def losses(field: str, value: object) -> list:
    """A list of losses: numbers >= 0, or null where a set was empty."""
    if not isinstance(value, list):
        raise ProtocolError(field, f"{field} must be a list of losses")
    for i, item in enumerate(value):
        if item is not None:
            number(f"{field}[{i}]", item, 0.0)
    return value

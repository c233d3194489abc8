"""The socket protocol in code: event names, the settings schema and its validation.

docs/PROTOCOL.md describes the same thing for people; a test keeps the two in
step. Every client payload passes through ``validate_settings`` or
``validate_empty`` before anything else sees it, so handlers only ever get
clean values, and every refusal names the field.
"""
import math

from ..nn import activations, datasets, losses

PROTOCOL_VERSION = 1
CLIENT_EVENTS = ("configure", "play", "pause", "step", "reset")
SERVER_EVENTS = ("hello", "run", "frame")
SEED_MAX = 2**31 - 1


class ProtocolError(ValueError):
    """A refused payload; ``field`` names what was wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message

    def ack(self) -> dict:
        return {"ok": False, "error": {"field": self.field, "message": self.message}}


def settings_schema(config: dict) -> dict:
    """Describe every settings field: type, range, default, and whether it changes live."""
    return {
        "learning_rate": {"type": "number", "min": 1e-5, "max": 10.0, "default": 0.03,
                          "scale": "log", "live": True},
        "activation": {"type": "string", "options": list(activations.ACTIVATIONS),
                       "default": "tanh", "live": True},
        "batch_size": {"type": "integer", "min": 1, "max": config["MAX_BATCH_SIZE"],
                       "default": 10, "live": True},
        "speed": {"type": "number", "min": 1, "max": config["MAX_SPEED"], "default": 100,
                  "scale": "log", "live": True},
        "dataset": {"type": "string", "options": list(datasets.DATASETS), "default": "circle",
                    "live": False},
        "noise": {"type": "integer", "min": 0, "max": 50, "default": 0, "live": False},
        "train_ratio": {"type": "integer", "min": 10, "max": 90, "default": 50, "live": False},
        "num_points": {"type": "integer", "min": config["MIN_POINTS"],
                       "max": config["MAX_POINTS"], "default": 500, "live": False},
        "hidden_layers": {"type": "layers", "min": 1, "max": config["MAX_NEURONS"],
                          "max_layers": config["MAX_HIDDEN_LAYERS"], "default": [4, 2],
                          "live": False},
        "seed": {"type": "integer", "min": 0, "max": SEED_MAX, "default": 1, "live": False},
    }


def default_settings(schema: dict) -> dict:
    return {name: spec["default"] for name, spec in schema.items()}


def catalog() -> dict:
    """Names, labels and formulas of every activation, loss and data set."""
    return {
        "activations": [{"name": a.name, "label": a.label, "formula": a.formula,
                         "derivative_formula": a.derivative_formula}
                        for a in activations.ACTIVATIONS.values()],
        "losses": [{"name": loss.name, "label": loss.label, "formula": loss.formula}
                   for loss in losses.LOSSES.values()],
        "datasets": [{"name": d.name, "label": d.label} for d in datasets.DATASETS.values()],
    }


def _number(field: str, value: object, spec: dict) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProtocolError(field, f"{field} must be a number")
    if not math.isfinite(value):
        raise ProtocolError(field, f"{field} must be a finite number")
    if not spec["min"] <= value <= spec["max"]:
        raise ProtocolError(field, f"{field} must be between {spec['min']} and {spec['max']}")
    return value


def _integer(field: str, value: object, spec: dict) -> int:
    value = _number(field, value, spec)
    if value != int(value):
        raise ProtocolError(field, f"{field} must be a whole number")
    return int(value)


def _string(field: str, value: object, spec: dict) -> str:
    if not isinstance(value, str) or value not in spec["options"]:
        raise ProtocolError(field, f"{field} must be one of {', '.join(spec['options'])}")
    return value


def _layers(field: str, value: object, spec: dict) -> list[int]:
    if not isinstance(value, list):
        raise ProtocolError(field, f"{field} must be a list of neuron counts")
    if len(value) > spec["max_layers"]:
        raise ProtocolError(field, f"{field} may have at most {spec['max_layers']} layers")
    return [_integer(f"{field}[{i}]", n, spec) for i, n in enumerate(value)]


_CHECKS = {"number": _number, "integer": _integer, "string": _string, "layers": _layers}


def validate_settings(payload: object, schema: dict) -> dict:
    """Return the clean partial settings in ``payload`` or raise ``ProtocolError``."""
    if not isinstance(payload, dict):
        raise ProtocolError("settings", "configure takes an object of settings")
    clean = {}
    for field, value in payload.items():
        spec = schema.get(field)
        if spec is None:
            raise ProtocolError(str(field)[:64], f"unknown setting {str(field)[:64]!r}")
        clean[field] = _CHECKS[spec["type"]](field, value, spec)
    return clean


def validate_empty(event: str, payload: object) -> None:
    """Events without arguments accept nothing or an empty object."""
    if payload is None or payload == {}:
        return
    if isinstance(payload, dict):
        field = str(next(iter(payload)))[:64]
        raise ProtocolError(field, f"{event} takes no fields; got {field!r}")
    raise ProtocolError("payload", f"{event} takes no arguments")

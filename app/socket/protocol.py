"""The socket protocol in code: event names, the settings schema and its validation.

docs/PROTOCOL.md describes the same thing for people; a test keeps the two in
step. Settings pass through ``validate_settings`` (each field alone) and
``resolve_settings`` (fields together: a data set must fit the problem) before
anything else sees them, so sessions only ever get clean values, and every
refusal names the field. Other payloads are checked in ``payloads``.
"""
import math

from functools import lru_cache

from ..nn import activations, datasets, features, heads, losses, optimizers, regularization
from .mathml import LINEAR_STEP, to_mathml

PROTOCOL_VERSION = 4
CLIENT_EVENTS = ("configure", "play", "pause", "step", "reset", "set_parameter", "add_points",
                 "erase_points", "upload_csv", "export_model", "import_model", "explain_point",
                 "share", "claim", "join", "fork", "follow", "leave", "submit_run", "ask",
                 "answer", "reveal")
SERVER_EVENTS = ("hello", "run", "frame", "settings", "room", "board", "question", "poll")
SEED_MAX = 2**31 - 1
MAX_STOP_AFTER = 1_000_000
MAX_STOP_PATIENCE = 10_000


def key_name(key: object) -> str:
    """A client-sent key as a field name for an error: at most 64 characters, never blank."""
    text = str(key)[:64]
    return text if text.strip() else repr(text)


class ProtocolError(ValueError):
    """A refused payload; ``field`` names what was wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message

    def ack(self) -> dict:
        return {"ok": False, "error": {"field": self.field, "message": self.message}}


def datasets_by_problem() -> dict[str, list[str]]:
    """Each problem's data sets, in registry order; "custom" fits both."""
    problems: dict[str, list[str]] = {"classification": [], "regression": []}
    for dataset in datasets.DATASETS.values():
        problems[dataset.problem].append(dataset.name)
    for names in problems.values():
        names.append("custom")
    return problems


def settings_schema(config: dict) -> dict:
    """Describe every settings field: type, range, default, and whether it changes live."""
    problems = datasets_by_problem()
    return {
        "learning_rate": {"type": "number", "min": 1e-5, "max": 10.0, "default": 0.03,
                          "scale": "log", "live": True},
        "activation": {"type": "string", "options": list(activations.ACTIVATIONS),
                       "default": "tanh", "live": True},
        "batch_size": {"type": "integer", "min": 1, "max": config["MAX_BATCH_SIZE"],
                       "default": 10, "live": True},
        "speed": {"type": "number", "min": 1, "max": config["MAX_SPEED"], "default": 100,
                  "scale": "log", "live": True},
        "optimizer": {"type": "string", "options": list(optimizers.OPTIMIZERS),
                      "default": "sgd", "live": True},
        "regularization": {"type": "string", "options": list(regularization.REGULARIZERS),
                           "default": "none", "live": True},
        "regularization_rate": {"type": "number", "min": 0.0, "max": 10.0, "default": 0.0,
                                "live": True},
        "stop_after": {"type": "integer", "min": 0, "max": MAX_STOP_AFTER, "default": 0,
                       "live": True},
        "stop_patience": {"type": "integer", "min": 0, "max": MAX_STOP_PATIENCE, "default": 0,
                          "live": True},
        "problem": {"type": "string", "options": list(problems), "default": "classification",
                    "live": False},
        "dataset": {"type": "string", "options": list(dict.fromkeys(sum(problems.values(), []))),
                    "problems": problems, "default": "circle", "live": False},
        "num_classes": {"type": "integer", "min": 3, "max": 5, "default": 3, "live": False},
        "loss": {"type": "string", "options": list(losses.LOSSES), "default": "mse",
                 "live": False},
        "features": {"type": "features", "options": list(features.FEATURES), "min": 1,
                     "max": len(features.FEATURES), "default": ["x1", "x2"], "live": False},
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


_FORMULAS = ("formula", "derivative_formula", "delta_formula")


def _entries(registry: dict, *extra: str) -> list[dict]:
    """Each item's name, label and ``extra`` attributes; formulas also as MathML."""
    entries = []
    for item in registry.values():
        entry = {"name": item.name, "label": item.label}
        for key in extra:
            entry[key] = getattr(item, key)
            if key in _FORMULAS:
                entry[f"{key}_mathml"] = to_mathml(entry[key])
        entries.append(entry)
    return entries


@lru_cache(maxsize=1)
def catalog() -> dict:
    """Names, labels and formulas (TeX and MathML) of everything a setting can name."""
    return {
        "linear_step": {"formula": LINEAR_STEP, "formula_mathml": to_mathml(LINEAR_STEP)},
        "activations": _entries(activations.ACTIVATIONS, "symbol", "formula",
                                "derivative_formula"),
        "output_activations": _entries({h.output_activation.name: h.output_activation
                                        for h in heads.HEADS.values()}, "symbol", "formula"),
        "losses": _entries(losses.LOSSES, "formula"),
        "heads": [{**entry, "output_activation": heads.HEADS[entry["name"]]
                   .output_activation.name, "loss": heads.HEADS[entry["name"]].loss.name}
                  for entry in _entries(heads.HEADS, "delta_formula")],
        "features": _entries(features.FEATURES, "formula"),
        "datasets": _entries(datasets.DATASETS, "problem", "classes")
        + [{"name": "custom", "label": "Your own points", "problem": "both",
            "classes": "points"}],
        "optimizers": _entries(optimizers.OPTIMIZERS, "formula"),
        "regularizations": _entries(regularization.REGULARIZERS, "formula"),
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


def _features(field: str, value: object, spec: dict) -> list[str]:
    if not isinstance(value, list) or not value:
        raise ProtocolError(field, f"{field} must be a non-empty list of feature names")
    names = [_string(f"{field}[{i}]", name, spec) for i, name in enumerate(value)]
    if len(set(names)) != len(names):
        raise ProtocolError(field, f"{field} names a feature twice")
    return [name for name in spec["options"] if name in names]  # canonical order


_CHECKS = {"number": _number, "integer": _integer, "string": _string, "layers": _layers,
           "features": _features}


def validate_settings(payload: object, schema: dict) -> dict:
    """Return the clean partial settings in ``payload`` or raise ``ProtocolError``."""
    if not isinstance(payload, dict):
        raise ProtocolError("settings", "configure takes an object of settings")
    clean = {}
    for field, value in payload.items():
        spec = schema.get(field)
        if spec is None:
            raise ProtocolError(key_name(field), f"unknown setting {key_name(field)}")
        clean[field] = _CHECKS[spec["type"]](field, value, spec)
    return clean


def resolve_settings(current: dict, changes: dict, schema: dict) -> dict:
    """Merge clean ``changes`` into ``current`` and check the fields fit together."""
    problems = schema["dataset"]["problems"]
    merged = {**current, **changes}
    if "problem" in changes and "dataset" not in changes \
            and merged["dataset"] not in problems[merged["problem"]]:
        merged["dataset"] = problems[merged["problem"]][0]
    if merged["dataset"] not in problems[merged["problem"]]:
        field = "dataset" if "dataset" in changes else "problem"
        raise ProtocolError(field, f"{merged['dataset']} is not a {merged['problem']} data set; "
                                   f"choose one of {', '.join(problems[merged['problem']])}")
    if merged["problem"] == "regression" and merged["loss"] == "cross_entropy":
        if "loss" not in changes:
            merged["loss"] = "mse"  # switching to regression brings its only loss
        else:
            raise ProtocolError("loss", "cross_entropy needs classes: use mse for regression")
    return merged


def validate_empty(event: str, payload: object) -> None:
    """Events without arguments accept nothing or an empty object."""
    if payload is None or payload == {}:
        return
    if isinstance(payload, dict):
        field = key_name(next(iter(payload)))
        raise ProtocolError(field, f"{event} takes no fields; got {field!r}")
    raise ProtocolError("payload", f"{event} takes no arguments")

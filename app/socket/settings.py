"""The settings schema, and how a ``configure`` payload becomes clean settings.

One definition each: the engine's ``RunConfig`` holds the defaults of what
determines a run and ``RESTART_FIELDS`` says which fields restart it; the
three fields that steer the runner (speed and the stop rules) are defined
here. ``settings_schema`` adds the ranges (some from the server's config),
and the page builds its controls from it (``hello.schema``).
Settings pass ``validate_settings`` (each field alone), then ``resolve_settings``
(fields together), so sessions only ever get clean values.
"""
from ..nn import activations, datasets, features, losses, optimizers, regularization
from ..nn.run_config import RESTART_FIELDS, RunConfig
from .values import ProtocolError, integer, key_name, number

ENGINE_DEFAULTS = RunConfig()
SEED_MAX = 2**31 - 1
MAX_STOP_AFTER = 1_000_000
MAX_STOP_PATIENCE = 10_000
# What steers the runner, not the engine: (type, min, max-or-config-key, default, scale).
RUNNER_FIELDS = {
    "speed": ("number", 1, "MAX_SPEED", 100, "log"),
    "stop_after": ("integer", 0, MAX_STOP_AFTER, 0, None),
    "stop_patience": ("integer", 0, MAX_STOP_PATIENCE, 0, None),
}


# The order the page lists the settings in (and writes them into its address).
ORDER = ("learning_rate", "activation", "batch_size", "speed", "optimizer", "regularization",
         "regularization_rate", "stop_after", "stop_patience", "problem", "dataset", "num_classes",
         "loss", "features", "noise", "train_ratio", "num_points", "hidden_layers", "seed")


def datasets_by_problem() -> dict[str, list[str]]:
    """Each problem's data sets, in registry order; "custom" fits both."""
    problems: dict[str, list[str]] = {"classification": [], "regression": []}
    for dataset in datasets.DATASETS.values():
        problems[dataset.problem].append(dataset.name)
    for names in problems.values():
        names.append("custom")
    return problems


def _engine_fields(config: dict) -> dict:
    """Type and range of each ``RunConfig`` field (defaults are added from it)."""
    problems = datasets_by_problem()
    return {
        "learning_rate": {"type": "number", "min": 1e-5, "max": 10.0, "scale": "log"},
        "activation": {"type": "string", "options": list(activations.ACTIVATIONS)},
        "batch_size": {"type": "integer", "min": 1, "max": config["MAX_BATCH_SIZE"]},
        "optimizer": {"type": "string", "options": list(optimizers.OPTIMIZERS)},
        "regularization": {"type": "string", "options": list(regularization.REGULARIZERS)},
        "regularization_rate": {"type": "number", "min": 0.0, "max": 10.0},
        "problem": {"type": "string", "options": list(problems)},
        "dataset": {"type": "string", "options": list(dict.fromkeys(sum(problems.values(), []))),
                    "problems": problems},
        "num_classes": {"type": "integer", "min": 3, "max": datasets.MAX_CLASSES},
        "loss": {"type": "string", "options": list(losses.LOSSES)},
        "features": {"type": "features", "options": list(features.FEATURES), "min": 1,
                     "max": len(features.FEATURES)},
        "noise": {"type": "integer", "min": 0, "max": 50},
        "train_ratio": {"type": "integer", "min": 10, "max": 90},
        "num_points": {"type": "integer", "min": config["MIN_POINTS"],
                       "max": config["MAX_POINTS"]},
        "hidden_layers": {"type": "layers", "min": 1, "max": config["MAX_NEURONS"],
                          "max_layers": config["MAX_HIDDEN_LAYERS"]},
        "seed": {"type": "integer", "min": 0, "max": SEED_MAX},
    }


def _default(spec: dict, value: object) -> object:
    """An engine default as the protocol sends it: lists for tuples, ints for integers."""
    if isinstance(value, tuple):
        return list(value)
    return int(value) if spec["type"] == "integer" else value


def settings_schema(config: dict) -> dict:
    """Every settings field: type, range, default, and whether it changes live."""
    specs = {}
    for name, (kind, low, high, default, scale) in RUNNER_FIELDS.items():
        specs[name] = {"type": kind, "min": low, "max": config.get(high, high),
                       "default": default, **({"scale": scale} if scale else {})}
    for name, spec in _engine_fields(config).items():
        specs[name] = {**spec, "default": _default(spec, getattr(ENGINE_DEFAULTS, name))}
    if set(specs) != set(ORDER):
        raise RuntimeError(f"settings without a place in ORDER: {set(specs) ^ set(ORDER)}")
    return {name: {**specs[name], "live": name not in RESTART_FIELDS} for name in ORDER}


def default_settings(schema: dict) -> dict:
    return {name: spec["default"] for name, spec in schema.items()}


def _string(field: str, value: object, spec: dict) -> str:
    if not isinstance(value, str) or value not in spec["options"]:
        raise ProtocolError(field, f"{field} must be one of {', '.join(spec['options'])}")
    return value


def _layers(field: str, value: object, spec: dict) -> list[int]:
    if not isinstance(value, list):
        raise ProtocolError(field, f"{field} must be a list of neuron counts")
    if len(value) > spec["max_layers"]:
        raise ProtocolError(field, f"{field} may have at most {spec['max_layers']} layers")
    return [integer(f"{field}[{i}]", n, spec["min"], spec["max"]) for i, n in enumerate(value)]


def _features(field: str, value: object, spec: dict) -> list[str]:
    if not isinstance(value, list) or not value:
        raise ProtocolError(field, f"{field} must be a non-empty list of feature names")
    names = [_string(f"{field}[{i}]", name, spec) for i, name in enumerate(value)]
    if len(set(names)) != len(names):
        raise ProtocolError(field, f"{field} names a feature twice")
    return [name for name in spec["options"] if name in names]  # canonical order


_CHECKS = {"number": lambda f, v, s: number(f, v, s["min"], s["max"]),
           "integer": lambda f, v, s: integer(f, v, s["min"], s["max"]),
           "string": _string, "layers": _layers, "features": _features}


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


def run_config(settings: dict) -> RunConfig:
    """The engine's view of protocol settings (the runner's fields left out)."""
    return RunConfig(**{k: v for k, v in settings.items() if k not in RUNNER_FIELDS})

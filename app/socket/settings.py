"""The settings schema, and how a ``configure`` payload becomes clean settings.

One definition each: the engine's ``RunConfig`` holds the defaults of what
determines a run and ``RESTART_FIELDS`` says which fields restart it; the
three fields that steer the runner (speed and the stop rules) are defined
here. ``settings_schema`` adds the ranges (some from the server's config),
and the page builds its controls from it (``hello.schema``). Image runs
share the schema: their own fields, defaults and ranges come from
``image_settings``; settings always hold every field, and a field that does
not apply to the problem is kept but unused.
Settings pass ``validate_settings`` (each field alone, in the ranges of the
problem they will have), then ``resolve_settings`` (fields together), so
sessions only ever get clean values.
"""
from ..nn import activations, datasets, features, losses, optimizers, regularization
from ..nn.run_config import RESTART_FIELDS, RunConfig
from . import image_settings
from .image_settings import APPLIES_TO, IMAGE_RESTART_FIELDS, IMAGES
from .values import ProtocolError, integer, key_name, number, short_list

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
         "loss", "features", "noise", "train_ratio", "num_points", "image_size", "conv_layers",
         "pool", "hidden_layers", "seed")
# What a switch between points and images keeps; every other field takes the new kind's default.
KEPT_ACROSS_KINDS = ("speed", "stop_after", "stop_patience", "seed")


def datasets_by_problem() -> dict[str, list[str]]:
    """Each problem's data sets, in registry order; "custom" fits both point problems."""
    problems: dict[str, list[str]] = {"classification": [], "regression": []}
    for dataset in datasets.DATASETS.values():
        problems[dataset.problem].append(dataset.name)
    for names in problems.values():
        names.append("custom")
    problems[IMAGES] = list(image_settings.IMAGE_DATASETS)
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
        **image_settings.image_fields(config),
    }


def _default(spec: dict, value: object) -> object:
    """An engine default as the protocol sends it: lists for tuples, ints for integers."""
    if isinstance(value, tuple):
        return list(value)
    return int(value) if spec["type"] == "integer" else value


def settings_schema(config: dict) -> dict:
    """Every settings field: type, range, default, whether it changes live, and for images."""
    specs = {}
    for name, (kind, low, high, default, scale) in RUNNER_FIELDS.items():
        specs[name] = {"type": kind, "min": low, "max": config.get(high, high),
                       "default": default, **({"scale": scale} if scale else {})}
    image_defaults = image_settings.IMAGE_DEFAULTS
    for name, spec in _engine_fields(config).items():
        engine = ENGINE_DEFAULTS if hasattr(ENGINE_DEFAULTS, name) else image_defaults
        specs[name] = {**spec, "default": _default(spec, getattr(engine, name))}
    for name, override in image_settings.image_overrides(config, specs).items():
        specs[name]["by_problem"] = {IMAGES: override}
    for name, problems in APPLIES_TO.items():
        specs[name]["applies_to"] = problems
    if set(specs) != set(ORDER):
        raise RuntimeError(f"settings without a place in ORDER: {set(specs) ^ set(ORDER)}")
    restart = RESTART_FIELDS | IMAGE_RESTART_FIELDS
    return {name: {**specs[name], "live": name not in restart} for name in ORDER}


def schema_for(schema: dict, problem: str) -> dict:
    """The schema as it applies to ``problem``: ``by_problem`` overrides merged in."""
    return {name: {**spec, **spec.get("by_problem", {}).get(problem, {})}
            for name, spec in schema.items()}


def default_settings(schema: dict, problem: str | None = None) -> dict:
    """Every field's default (for ``problem``'s kind of run when given)."""
    view = schema if problem is None else schema_for(schema, problem)
    return {name: spec["default"] for name, spec in view.items()}


def _string(field: str, value: object, spec: dict) -> str:
    if not isinstance(value, str) or value not in spec["options"]:
        raise ProtocolError(field, f"{field} must be one of {', '.join(spec['options'])}")
    return value


def _layers(field: str, value: object, spec: dict) -> list[int]:
    value = short_list(field, value, spec["max_layers"], "neuron counts")
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
           "string": _string, "layers": _layers, "features": _features,
           "conv_layers": image_settings.conv_layers, "boolean": image_settings.boolean}


def validate_settings(payload: object, schema: dict, problem: str = "classification") -> dict:
    """Return the clean partial settings in ``payload`` or raise ``ProtocolError``.

    ``problem`` is the current one; the ranges are those of the problem the
    settings will have (``payload``'s own ``problem`` when it names one).
    """
    if not isinstance(payload, dict):
        raise ProtocolError("settings", "configure takes an object of settings")
    clean = {}
    if "problem" in payload:
        clean["problem"] = problem = _string("problem", payload["problem"], schema["problem"])
    view = schema_for(schema, problem)
    for field, value in payload.items():
        spec = view.get(field)
        if spec is None:
            raise ProtocolError(key_name(field), f"unknown setting {key_name(field)}")
        clean[field] = _CHECKS[spec["type"]](field, value, spec)
    return clean


def _kind(problem: str) -> str:
    return IMAGES if problem == IMAGES else "points"


def resolve_settings(current: dict, changes: dict, schema: dict) -> dict:
    """Merge clean ``changes`` into ``current`` and check the fields fit together.

    A switch between points and images starts from the new kind's defaults
    (the default digit network, or the default point network), keeping
    ``KEPT_ACROSS_KINDS``; what ``changes`` names applies on top.
    """
    problems = schema["dataset"]["problems"]
    if _kind(changes.get("problem", current["problem"])) != _kind(current["problem"]):
        kept = {name: current[name] for name in KEPT_ACROSS_KINDS}
        current = {**default_settings(schema, changes["problem"]), **kept}
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
    if merged["problem"] == IMAGES:
        return image_settings.check_images(merged, changes, schema)
    return merged


def run_config(settings: dict):
    """The engine's view of protocol settings: a ``RunConfig``, or an ``ImageRunConfig`` for images."""
    if settings["problem"] == IMAGES:
        return image_settings.image_run_config(settings)
    names = RunConfig.__dataclass_fields__
    return RunConfig(**{k: v for k, v in settings.items() if k in names})

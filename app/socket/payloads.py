"""Validation of the payloads that are not settings: parameters, points, CSV, model files.

Like ``protocol.validate_settings``, every function here returns clean Python
values or raises ``ProtocolError`` naming the field (for CSV, the line), and
none of them touches a session. Whether an index fits the current network is
the run's business; whether a label fits the problem is checked here, given
the problem and class count.
"""
import math

from .protocol import ProtocolError, key_name

MAX_ABS_PARAMETER = 1000.0
SETS = ("train", "test")


def fields(event: str, payload: object, required: set[str], optional: set[str] = frozenset()):
    if not isinstance(payload, dict):
        raise ProtocolError("payload", f"{event} takes an object")
    for key in payload:
        if key not in required | optional:
            raise ProtocolError(key_name(key), f"{event} has no field {key_name(key)}")
    for key in sorted(required):
        if key not in payload:
            raise ProtocolError(key, f"{event} needs {key}")
    return payload


def finite(field: str, value: object, low: float = -math.inf, high: float = math.inf) -> float:
    """A JSON number that is finite and within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ProtocolError(field, f"{field} must be a finite number")
    if not low <= value <= high:
        raise ProtocolError(field, f"{field} must be between {low:g} and {high:g}")
    return float(value)


def index(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ProtocolError(field, f"{field} must be a whole number ≥ 0")
    return value


def parameter(payload: object) -> tuple[int, int, int | None, float]:
    """``set_parameter``: (layer, to, from or None for a bias, value)."""
    payload = fields("set_parameter", payload, {"layer", "to", "from", "value"})
    source = payload["from"]
    return (index("layer", payload["layer"]), index("to", payload["to"]),
            None if source is None else index("from", source),
            finite("value", payload["value"], -MAX_ABS_PARAMETER, MAX_ABS_PARAMETER))


def point_ref(payload: object) -> tuple[str, int]:
    """``explain_point``: ("train" | "test", index of the point in that set)."""
    payload = fields("explain_point", payload, {"index"}, {"set"})
    which = payload.get("set", "train")
    if which not in SETS:
        raise ProtocolError("set", "set must be train or test")
    return which, index("index", payload["index"])


def label(field: str, value: object, problem: str, classes: int) -> float:
    """A label fit for the problem: ±1 for two classes, 0..k-1 for k, [-1, 1] for regression."""
    number = finite(field, value)
    if problem == "regression":
        return finite(field, number, -1.0, 1.0)
    if classes == 2:
        if number not in (-1.0, 1.0):
            raise ProtocolError(field, f"{field} must be 1 or -1 for two classes")
    elif number != int(number) or not 0 <= number < classes:
        raise ProtocolError(field, f"{field} must be a class from 0 to {classes - 1}")
    return number


def points(field: str, value: object, domain: float, problem: str, classes: int,
           max_points: int) -> list[tuple[float, float, float]]:
    """A list of [x1, x2, label] within the domain."""
    if not isinstance(value, list) or not value:
        raise ProtocolError(field, f"{field} must be a non-empty list of [x1, x2, label]")
    if len(value) > max_points:
        raise ProtocolError(field, f"{field} may hold at most {max_points} points")
    clean = []
    for i, point in enumerate(value):
        where = f"{field}[{i}]"
        if not isinstance(point, list) or len(point) != 3:
            raise ProtocolError(where, f"{where} must be [x1, x2, label]")
        clean.append((finite(where, point[0], -domain, domain),
                      finite(where, point[1], -domain, domain),
                      label(where, point[2], problem, classes)))
    return clean


def add_points(payload: object, domain: float, problem: str, classes: int,
               max_points: int) -> tuple[list, str]:
    """``add_points``: (points, "train" | "test")."""
    payload = fields("add_points", payload, {"points"}, {"set"})
    which = payload.get("set", "train")
    if which not in SETS:
        raise ProtocolError("set", "set must be train or test")
    return points("points", payload["points"], domain, problem, classes, max_points), which


def erase_points(payload: object, domain: float) -> tuple[float, float, float]:
    """``erase_points``: (x1, x2, radius)."""
    payload = fields("erase_points", payload, {"x1", "x2", "radius"})
    return (finite("x1", payload["x1"], -domain, domain),
            finite("x2", payload["x2"], -domain, domain),
            finite("radius", payload["radius"], 0.01, 2 * domain))


def csv_text(payload: object, max_bytes: int) -> str:
    """``upload_csv``: the CSV text, within the size limit."""
    payload = fields("upload_csv", payload, {"csv"})
    text = payload["csv"]
    if not isinstance(text, str):
        raise ProtocolError("csv", "csv must be text")
    if len(text.encode("utf-8")) > max_bytes:
        raise ProtocolError("csv", f"csv is larger than {max_bytes} bytes")
    return text


def model_file(payload: object) -> dict:
    """``import_model``: the model object (its contents are checked field by field later)."""
    payload = fields("import_model", payload, {"model"})
    model = payload["model"]
    if not isinstance(model, dict):
        raise ProtocolError("model", "model must be an object (a model file)")
    if model.get("format") != "nn-playground-model":
        raise ProtocolError("model.format", "this is not a playground model file")
    if model.get("version") != 1:
        raise ProtocolError("model.version", "model.version must be 1")
    for key in ("settings", "weights", "biases", "epoch", "history", "data"):
        if key not in model:
            raise ProtocolError(f"model.{key}", f"the model file has no {key}")
    return model

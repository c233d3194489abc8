"""Validation of every client payload that is not settings (``settings`` does those).

Each function takes what a client sent and returns clean Python values, or
raises ``ProtocolError`` naming the field; none of them touches a session.
Whether an index fits the current network is the run's business; whether a
point's label fits the problem is checked here when the class count is given.
"""
from ..nn.datasets import DOMAIN
from ..nn.images.drawn import PIXEL_MAX
from ..play.rooms import normalise_code
from .values import ProtocolError, fields, index, integer, number, text, utf8  # noqa: F401 (fields, index: used by handlers)

MAX_ABS_PARAMETER = 1000.0
MODEL_VERSIONS = (1, 2)
SETS = ("train", "test")
MAX_NAME, MAX_LABEL, MAX_QUESTION, MAX_OPTION = 24, 40, 200, 60
MIN_OPTIONS, MAX_OPTIONS = 2, 6


def _set(payload: dict) -> str:
    which = payload.get("set", "train")
    if which not in SETS:
        raise ProtocolError("set", "set must be train or test")
    return which


def parameter(payload: object) -> tuple[int, int, int | None, float]:
    """``set_parameter``: (layer, to, from or None for a bias, value)."""
    payload = fields("set_parameter", payload, {"layer", "to", "from", "value"})
    source = payload["from"]
    return (index("layer", payload["layer"]), index("to", payload["to"]),
            None if source is None else index("from", source),
            number("value", payload["value"], -MAX_ABS_PARAMETER, MAX_ABS_PARAMETER))


def point_ref(payload: object) -> tuple[str, int]:
    """``explain_point``: ("train" | "test", index of the point in that set)."""
    payload = fields("explain_point", payload, {"index"}, {"set"})
    return _set(payload), index("index", payload["index"])


def label(field: str, value: object, problem: str, classes: int | None) -> float:
    """A label fit for the problem: ±1 for two classes, 0..k-1 for k, [-1, 1] for regression.

    With ``classes`` None a class label need only be a number (the run checks the fit).
    """
    if problem == "regression":
        return float(number(field, value, -1.0, 1.0))
    value = float(number(field, value))
    if classes is None:
        return value
    if classes == 2:
        if value not in (-1.0, 1.0):
            raise ProtocolError(field, f"{field} must be 1 or -1 for two classes")
    elif value != int(value) or not 0 <= value < classes:
        raise ProtocolError(field, f"{field} must be a class from 0 to {classes - 1}")
    return value


def points(field: str, value: object, problem: str, classes: int | None,
           max_points: int, allow_empty: bool = False) -> list[tuple[float, float, float]]:
    """A list of [x1, x2, label] within the domain."""
    if not isinstance(value, list) or not (value or allow_empty):
        raise ProtocolError(field, f"{field} must be a non-empty list of [x1, x2, label]")
    if len(value) > max_points:
        raise ProtocolError(field, f"{field} may hold at most {max_points} points")
    clean = []
    for i, point in enumerate(value):
        where = f"{field}[{i}]"
        if not isinstance(point, list) or len(point) != 3:
            raise ProtocolError(where, f"{where} must be [x1, x2, label]")
        clean.append((float(number(where, point[0], -DOMAIN, DOMAIN)),
                      float(number(where, point[1], -DOMAIN, DOMAIN)),
                      label(where, point[2], problem, classes)))
    return clean


def add_points(payload: object, problem: str, classes: int,
               max_points: int) -> tuple[list, str]:
    """``add_points``: (points, "train" | "test")."""
    payload = fields("add_points", payload, {"points"}, {"set"})
    which = _set(payload)
    return points("points", payload["points"], problem, classes, max_points), which


def erase_points(payload: object) -> tuple[float, float, float]:
    """``erase_points``: (x1, x2, radius)."""
    payload = fields("erase_points", payload, {"x1", "x2", "radius"})
    return (float(number("x1", payload["x1"], -DOMAIN, DOMAIN)),
            float(number("x2", payload["x2"], -DOMAIN, DOMAIN)),
            float(number("radius", payload["radius"], 0.01, 2 * DOMAIN)))


def _uploaded(event: str, payload: object, field: str, max_bytes: int, what: str) -> str:
    """The text in ``payload[field]`` of an upload event, within the size limit."""
    text = fields(event, payload, {field})[field]
    if not isinstance(text, str):
        raise ProtocolError(field, f"{field} must be text{what}")
    if len(utf8(field, text).encode("utf-8")) > max_bytes:
        raise ProtocolError(field, f"{field} is larger than {max_bytes} bytes")
    return text


def csv_text(payload: object, max_bytes: int) -> str:
    """``upload_csv``: the CSV text, within the size limit."""
    return _uploaded("upload_csv", payload, "csv", max_bytes, "")


def add_images(payload: object, side: int, classes: int,
               max_images: int) -> tuple[list, list[int], str]:
    """``add_images``: (images as flat lists of side² values 0 … 16, labels, "train" | "test")."""
    payload = fields("add_images", payload, {"images", "labels"}, {"set"})
    which, images, labels = _set(payload), payload["images"], payload["labels"]
    if not isinstance(images, list) or not images:
        raise ProtocolError("images", "images must be a non-empty list of images")
    if len(images) > max_images:
        raise ProtocolError("images", f"images may hold at most {max_images} images")
    if not isinstance(labels, list) or len(labels) != len(images):
        raise ProtocolError("labels", "labels must be a list with one class per image")
    pixels = side * side
    for i, image in enumerate(images):
        where = f"images[{i}]"
        if not isinstance(image, list) or len(image) != pixels:
            raise ProtocolError(where, f"{where} must be {pixels} pixel values ({side}×{side}, "
                                       "row by row)")
        for value in image:
            number(where, value, 0, PIXEL_MAX)
    return images, [int(integer(f"labels[{i}]", label, 0, classes - 1))
                    for i, label in enumerate(labels)], which


def image_text(payload: object, max_bytes: int) -> str:
    """``upload_images``: the text of images, within the size limit."""
    return _uploaded("upload_images", payload, "images", max_bytes, " (one image a line)")


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


def claim(payload: object) -> tuple[str, object]:
    """``claim``: (class code, the token as sent; the room compares it)."""
    payload = fields("claim", payload, {"code", "teacher_token"})
    return normalise_code(payload["code"]), payload["teacher_token"]


def join(payload: object) -> tuple[str, object]:
    """``join``: (class code, the name as sent; ``student_name`` checks it once the room is known)."""
    payload = fields("join", payload, {"code"}, {"name"})
    return normalise_code(payload["code"]), payload.get("name")


def student_name(name: object) -> str | None:
    """A student's chosen name, or None to be given one."""
    return text("name", name, MAX_NAME, 1) if name else None


def submission(payload: object) -> str:
    """``submit_run``: the label of the entry (may be empty)."""
    payload = fields("submit_run", payload or {}, set(), {"label"})
    return text("label", payload.get("label", ""), MAX_LABEL)


def question(payload: object) -> tuple[str, list[str]]:
    """``ask``: (question, options)."""
    payload = fields("ask", payload, {"question", "options"})
    asked = text("question", payload["question"], MAX_QUESTION, 1)
    options = payload["options"]
    if not isinstance(options, list) or not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise ProtocolError("options", f"options must be a list of {MIN_OPTIONS} to "
                                       f"{MAX_OPTIONS} answers")
    return asked, [text(f"options[{i}]", o, MAX_OPTION, 1) for i, o in enumerate(options)]


def answer(payload: object) -> tuple[int, int]:
    """``answer``: (question id, choice)."""
    payload = fields("answer", payload, {"id", "choice"})
    return index("id", payload["id"]), index("choice", payload["choice"])

"""Validation of every client payload that is not settings (``settings`` does those).

Each function takes what a client sent and returns clean Python values, or
raises ``ProtocolError`` naming the field; none of them touches a session.
Whether an index fits the current network is the run's business; whether a
point's label fits the problem is checked here when the class count is given.
"""
from ..nn.datasets import DOMAIN
from ..play.collection import STATES
from ..play.rooms import normalise_code
from .image_inbound import drawn_images
from .values import ProtocolError, empty, fields, index, number, text, utf8  # noqa: F401 (empty, fields, index: used by handlers)

MAX_ABS_PARAMETER = 1000.0
SETS = ("train", "test")
MAX_NAME, MAX_LABEL, MAX_QUESTION, MAX_OPTION = 24, 40, 200, 60
MIN_OPTIONS, MAX_OPTIONS = 2, 6
EXPORT_FORMATS = ("python", "notebook")


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
    return (*drawn_images(payload, side, classes, max_images), _set(payload))


def image_text(payload: object, max_bytes: int) -> str:
    """``upload_images``: the text of images, within the size limit."""
    return _uploaded("upload_images", payload, "images", max_bytes, " (one image a line)")


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


def rewind(payload: object) -> int | None:
    """``rewind``: the epoch to show, or None for now."""
    payload = fields("rewind", payload, {"epoch"})
    return None if payload["epoch"] is None else index("epoch", payload["epoch"])


def export_format(payload: object) -> str:
    """``export_code``: "python" or "notebook"."""
    payload = fields("export_code", payload, {"format"})
    if payload["format"] not in EXPORT_FORMATS:
        raise ProtocolError("format", "format must be python or notebook")
    return payload["format"]


def _flag(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ProtocolError(field, f"{field} must be true or false")
    return value


def collect(payload: object) -> tuple[str, bool]:
    """``collect``: (state, clear: start a fresh data set)."""
    payload = fields("collect", payload, {"state"}, {"clear"})
    if payload["state"] not in STATES:
        raise ProtocolError("state", f"state must be one of {', '.join(STATES)}")
    return payload["state"], _flag("clear", payload.get("clear", False))


def contribution(payload: object, problem: str, classes: int, most: int,
                 side: int | None = None) -> list:
    """``contribute``: points [x1, x2, label] within the domain, labels of the collection's
    classes; or, to a set of images of ``side``, (pixels, label) pairs as ``add_images``."""
    if side is not None:
        payload = fields("contribute", payload, {"images", "labels"})
        return list(zip(*drawn_images(payload, side, classes, most)))
    payload = fields("contribute", payload, {"points"})
    return points("points", payload["points"], problem, classes, most)


def removal(payload: object, most: int) -> tuple[list[int] | None, int | None]:
    """``remove_points``: (point ids, None) or (None, a student's number)."""
    payload = fields("remove_points", payload, set(), {"ids", "student"})
    if len(payload) != 1:
        raise ProtocolError("ids", "remove_points takes either ids or student")
    if "student" in payload:
        return None, index("student", payload["student"])
    ids = payload["ids"]
    if not isinstance(ids, list) or not 1 <= len(ids) <= most:
        raise ProtocolError("ids", f"ids must be a list of 1 to {most} point ids")
    return [index(f"ids[{i}]", value) for i, value in enumerate(ids)], None


def class_view(payload: object) -> bool:
    """``class_view``: open (true) or close (false) the grid of students' runs."""
    return _flag("open", fields("class_view", payload, {"open"})["open"])


def spotlight(payload: object) -> int | None:
    """``spotlight``: the student whose run the class follows, or None: the teacher's."""
    student = fields("spotlight", payload, {"student"})["student"]
    return None if student is None else index("student", student)

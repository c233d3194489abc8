"""The refusal every check raises, and the checks of single values (numbers, indices, text).

One definition each: settings, payloads, CSV lines and model files all check
their numbers here, so a number is refused the same way (and with the same
words) wherever it arrives. Every refusal is a ``ProtocolError`` naming the
field; the socket layer turns it into ``{"ok": false, "error": {...}}``.
"""
import math


class ProtocolError(ValueError):
    """A refused payload; ``field`` names what was wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message

    def ack(self) -> dict:
        return {"ok": False, "error": {"field": self.field, "message": self.message}}


def key_name(key: object) -> str:
    """A client-sent key as a field name for an error: at most 64 characters, never blank."""
    text = str(key)[:64]
    return text if text.strip() else repr(text)


def number(field: str, value: object, low: float = -math.inf, high: float = math.inf) -> float:
    """A JSON number (never a boolean) that is finite and within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProtocolError(field, f"{field} must be a number")
    if not math.isfinite(value):
        raise ProtocolError(field, f"{field} must be a finite number")
    if not low <= value <= high:
        bounds = f"between {low:g} and {high:g}" if high < math.inf else f"at least {low:g}"
        raise ProtocolError(field, f"{field} must be {bounds}")
    return value


def integer(field: str, value: object, low: float = -math.inf, high: float = math.inf) -> int:
    """A whole number within [low, high]; ``3.0`` counts as 3 (JSON does not tell them apart)."""
    value = number(field, value, low, high)
    if value != int(value):
        raise ProtocolError(field, f"{field} must be a whole number")
    return int(value)


def index(field: str, value: object) -> int:
    """A whole number >= 0: a position in a list."""
    return integer(field, value, 0)


def text(field: str, value: object, longest: int, shortest: int = 0) -> str:
    """Text of ``shortest`` to ``longest`` characters once surrounding spaces are stripped."""
    if not isinstance(value, str) or not shortest <= len(value.strip()) <= longest:
        raise ProtocolError(field, f"{field} must be text of {shortest} to {longest} characters")
    return value.strip()


def short_list(field: str, value: object, most: int, what: str) -> list:
    """``value`` if it is a list of at most ``most`` entries (``what`` says of what)."""
    if not isinstance(value, list):
        raise ProtocolError(field, f"{field} must be a list of {what}")
    if len(value) > most:
        raise ProtocolError(field, f"{field} may have at most {most} layers")
    return value


def fields(event: str, payload: object, required: set[str],
           optional: set[str] = frozenset()) -> dict:
    """``payload`` if it is an object with every required key and no unknown one."""
    if not isinstance(payload, dict):
        raise ProtocolError("payload", f"{event} takes an object")
    for key in payload:
        if key not in required | optional:
            raise ProtocolError(key_name(key), f"{event} has no field {key_name(key)}")
    for key in sorted(required):
        if key not in payload:
            raise ProtocolError(key, f"{event} needs {key}")
    return payload


def empty(event: str, payload: object) -> None:
    """Events without arguments accept nothing or an empty object."""
    if payload is None or payload == {}:
        return
    if isinstance(payload, dict):
        field = key_name(next(iter(payload)))
        raise ProtocolError(field, f"{event} takes no fields; got {field!r}")
    raise ProtocolError("payload", f"{event} takes no arguments")

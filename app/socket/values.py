"""The refusal every check raises, and the checks of single values (numbers, indices, text).

One definition each: settings, payloads, CSV lines and model files all check
their numbers here, so a number is refused the same way (and with the same
words) wherever it arrives. Every refusal is a ``ProtocolError`` naming the
field; the socket layer turns it into ``{"ok": false, "error": {...}}``.
"""
import hmac
import math

_FLOAT_INTEGERS = 2 ** 1000   # integers beyond this are out of every range (floats end at ~2**1024)


class ProtocolError(ValueError):
    """A refused payload; ``field`` names what was wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message

    def ack(self) -> dict:
        return {"ok": False, "error": {"field": self.field, "message": self.message}}


def printable(value: object, longest: int = 64) -> str:
    """Client-sent text fit for a message or the log: cut to ``longest``, UTF-8 safe.

    A lone surrogate (valid in JSON, not in UTF-8) becomes "?", so neither the
    wire nor the log handler trips over it.
    """
    return str(value)[:longest].encode("utf-8", "replace").decode("utf-8")


def key_name(key: object) -> str:
    """A client-sent key as a field name for an error: at most 64 characters, never blank."""
    text = printable(key)
    return text if text.strip() else repr(text)


def _range(low: float, high: float) -> str:
    if high < math.inf:
        return f"between {low:g} and {high:g}"
    return f"at least {low:g}" if low > -math.inf else "a finite number a float can hold"


def number(field: str, value: object, low: float = -math.inf, high: float = math.inf) -> float:
    """A JSON number (never a boolean) that is finite and within [low, high].

    JSON integers have no size limit: one with 400 digits is refused by its
    range (no float can hold it), not by an overflow.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProtocolError(field, f"{field} must be a number")
    huge = isinstance(value, int) and not -_FLOAT_INTEGERS <= value <= _FLOAT_INTEGERS
    if not huge and not math.isfinite(value):
        raise ProtocolError(field, f"{field} must be a finite number")
    if huge or not low <= value <= high:
        raise ProtocolError(field, f"{field} must be {_range(low, high)}")
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


def utf8(field: str, value: object) -> str:
    """A string that UTF-8 can carry (JSON allows lone surrogates; files and logs do not)."""
    if not isinstance(value, str):
        raise ProtocolError(field, f"{field} must be text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ProtocolError(field, f"{field} holds a character that is not text "
                                   "(a lone surrogate)") from None
    return value


def text(field: str, value: object, longest: int, shortest: int = 0) -> str:
    """Text of ``shortest`` to ``longest`` characters once surrounding spaces are stripped."""
    if not isinstance(value, str) or not shortest <= len(value.strip()) <= longest:
        raise ProtocolError(field, f"{field} must be text of {shortest} to {longest} characters")
    return utf8(field, value).strip()


def same_secret(sent: object, secret: str) -> bool:
    """Whether a client-sent token equals ``secret``, in constant time; any other value is False.

    Tokens are URL-safe ASCII; anything else (a number, a lone surrogate) cannot match.
    """
    return isinstance(sent, str) and sent.isascii() and hmac.compare_digest(sent, secret)


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

"""The outermost WSGI layer: security headers on every response, and a failing Engine.IO
request ends quietly.

python-engineio lets an exception out of a websocket's handler (an empty
frame does it), and gunicorn then writes a 500 page into the upgraded
stream with a traceback in the log. Here such a request closes its
connection through the gate, logs one line per address and minute, and
ends the way a websocket normally ends under gunicorn (``StopIteration``,
which simple-websocket raises itself); a failing long-polling request gets
a plain 400.
"""
from ..socket.gate import REQUEST_KEY
from .security import with_headers

SOCKET_PATH = "/socket.io"


class Guarded:
    """Wraps ``app`` (the whole WSGI stack) for ``gate``."""

    def __init__(self, app, gate):
        self.app, self.gate = app, gate

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(status, with_headers(headers), exc_info)

        if not environ.get("PATH_INFO", "").startswith(SOCKET_PATH):
            return self.app(environ, start)
        environ[REQUEST_KEY] = {}
        if environ.get("HTTP_UPGRADE", "").lower() == "websocket":
            self.gate.adopt_upgrade(environ)
        try:
            return self.app(environ, start)
        except StopIteration:
            raise                       # a websocket that ended normally
        except Exception as error:      # noqa: BLE001 (any failure of the transport)
            self.gate.failed(environ, error)
            if environ.get("HTTP_UPGRADE", "").lower() == "websocket":
                raise StopIteration from None
            start("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"Bad request"]

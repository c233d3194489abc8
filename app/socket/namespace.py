"""The Socket.IO namespace: one class whose ``on_<event>`` methods are the protocol's handlers.

Every client event passes ``trigger_event`` first: the rate limit, at most
one argument, then its handler; a refusal (``ProtocolError``) becomes the
ack ``{"ok": false, "error": {"field", "message"}}``, any other failure an
ack naming the event (the session survives), and the log says who did what
(address, connection, event, outcome; never a payload or a token). An event
the protocol does not have is refused the same way (field ``event``). The
handlers themselves (``control``, ``data``, ``classroom``) are thin:
validate, ask the play layer, answer. (Reserved names such as ``connect``
sent as events, binary and malformed packets never get here: ``gate``
stops them at the packet.)
"""
import logging

from flask import request
from flask_socketio import ConnectionRefusedError, Namespace

from ..play.registry import SessionLimitError
from .classroom import ClassroomEvents
from .control import ControlEvents
from .data import DataEvents
from .image_data import ImageEvents
from .names import CLIENT_EVENTS
from .ratelimit import RateLimiter
from .values import ProtocolError, printable

log = logging.getLogger(__name__)
LIFECYCLE = ("connect", "disconnect")   # what python-socketio itself triggers


class PlaygroundNamespace(ControlEvents, DataEvents, ImageEvents, ClassroomEvents, Namespace):
    """The default namespace ``/``: connections, then every client event of the protocol."""

    def __init__(self, services, config: dict):
        super().__init__("/")
        self.classroom, self.publisher = services.classroom, services.publisher
        self.training, self.schema = services.training, services.registry.schema
        self.config = config
        self.limiter = RateLimiter(config["MAX_EVENTS_PER_SECOND"], config["EVENT_BURST"])
        self.throttled: dict[str, int] = {}   # sid -> rate refusals since its last logged event
        self.refusals = services.refusals     # connection refusals, logged without flooding

    def on_connect(self, auth=None):
        """A browser tab connects: its session back (a reload or a blip), else a fresh one.

        A refusal's message reaches the page (Socket.IO's own refusal type carries
        it; the built-in one would be replaced by a generic text) and the log.
        """
        address = request.remote_addr or ""
        if self.classroom.seated(request.sid):
            return False       # connected already: a second connect makes no second session
        try:
            self.classroom.connect(request.sid, auth, address)
        except SessionLimitError as error:
            self.refusals.note(address, f"connection refused ({error})")
            raise ConnectionRefusedError(str(error)) from None
        log.info("%s %s: connected", address, request.sid[:8])

    def on_disconnect(self, reason=None):
        sid = request.sid
        log.info("%s %s: disconnected", request.remote_addr, sid[:8])
        self.limiter.forget(sid)
        self._report_throttled(sid)
        self.classroom.disconnect(sid)

    def trigger_event(self, event: str, *args):
        """Dispatch one event; client events always answer with an ack."""
        if event in LIFECYCLE:
            return super().trigger_event(event, *args)
        sid, payload = args[0], args[1:]
        if event not in CLIENT_EVENTS:
            event = printable(event, 40)
        try:
            if not self.limiter.allow(sid):
                raise ProtocolError("rate", "too many events: at most "
                                    f"{self.config['MAX_EVENTS_PER_SECOND']} a second; "
                                    "wait a moment")
            if event not in CLIENT_EVENTS:
                raise ProtocolError("event", f"there is no event {event!r} in this protocol")
            if len(payload) > 1:
                raise ProtocolError("payload", f"{event} takes at most one argument")
            ack = super().trigger_event(event, sid, *payload)
        except ProtocolError as error:
            ack = error.ack()
        except Exception:  # never let one bad event take the session down
            log.exception("%s failed for %s", event, sid[:8])
            ack = {"ok": False, "error": {"field": event,
                                         "message": "internal error; see server log"}}
        self._audit(sid, event, ack)
        return ack

    def _audit(self, sid: str, event: str, ack: dict) -> None:
        """Log who did what; a flood logs its first refusal and a count after.

        A thousand log lines a second from one flooding client would cost the
        server more than refusing the events does.
        """
        outcome = "ok" if ack.get("ok") else f"refused ({ack['error']['field']})"
        if outcome == "refused (rate)":
            earlier = self.throttled.get(sid, 0)
            self.throttled[sid] = earlier + 1
            if earlier:
                return
        else:
            self._report_throttled(sid)
        log.info("%s %s: %s %s", self._address(sid), sid[:8], event, outcome)

    def _report_throttled(self, sid: str) -> None:
        """Log how many more events of ``sid`` were refused since the first (and forget)."""
        more = self.throttled.pop(sid, 0) - 1
        if more > 0:
            log.info("%s %s: %d more events refused (rate)", self._address(sid), sid[:8], more)

    def _address(self, sid: str) -> str | None:
        environ = self.server.get_environ(sid, namespace=self.namespace) or {}
        return environ.get("REMOTE_ADDR")

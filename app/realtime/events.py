"""Socket.IO wiring: connections, and the hub that every event handler goes through.

Every handler is thin: the payload goes through ``protocol`` / ``payloads``
first, then the session does the work under its lock, then messages go out.
A browser tab's session is found from its Socket.IO sid, so a client can
only ever steer its own run. Each run broadcasts to a room named after its
session id, so several screens can watch one run without changing this layer.
The handlers themselves live in ``control_events`` and ``data_events``.
"""
import logging

from flask import request
from flask_socketio import SocketIO, emit, join_room

from . import control_events, data_events, protocol
from .protocol import ProtocolError
from .runner import Runner
from .sessions import Session, SessionLimitError, SessionRegistry

log = logging.getLogger(__name__)


class Hub:
    """What handlers share: the socket server, the sessions, and how to broadcast."""

    def __init__(self, socketio: SocketIO, registry: SessionRegistry, config: dict):
        self.socketio = socketio
        self.registry = registry
        self.config = config
        self.owner: dict[str, str] = {}  # Socket.IO sid -> session id

    def caller(self) -> Session:
        """The session of the connection that sent the current event."""
        session = self.registry.get(self.owner.get(request.sid, ""))
        if session is None:
            raise ProtocolError("session", "this connection has no session; reload the page")
        return session

    def broadcast_frame(self, session: Session, frame: dict | None = None) -> None:
        self.socketio.emit("frame", frame or session.broadcast_frame(), to=session.id)

    def announce_run(self, session: Session) -> None:
        """After a new run or new data: everyone watching gets the run, then a frame."""
        self.socketio.emit("run", session.run_message(), to=session.id)
        self.broadcast_frame(session)

    def announce_settings(self, session: Session) -> None:
        self.socketio.emit("settings", {"settings": session.settings}, to=session.id)

    def start_runner(self, session: Session) -> None:
        if not session.runner_active:
            session.runner_active = True
            runner = Runner(session, self.config, self.broadcast_frame, self.socketio.sleep)
            self.socketio.start_background_task(runner.loop)

    def on(self, event: str):
        """Register a handler; every refusal becomes an ack naming the field."""
        def decorate(fn):
            def wrapped(*args):
                try:
                    if len(args) > 1:
                        raise ProtocolError("payload", f"{event} takes at most one argument")
                    return fn(args[0] if args else None)
                except ProtocolError as error:
                    return error.ack()
                except Exception:  # never let one bad event take the session down
                    log.exception("%s failed for sid %s", event, request.sid)
                    return {"ok": False, "error": {"field": event,
                                                   "message": "internal error; see server log"}}
            self.socketio.on_event(event, wrapped)
            return wrapped
        return decorate


def register(socketio: SocketIO, registry: SessionRegistry, config: dict) -> None:
    """Attach the protocol's handlers to ``socketio`` (called once by ``create_app``)."""
    hub = Hub(socketio, registry, config)

    @socketio.on("connect")
    def on_connect(auth=None):
        """A browser tab connects: give it a fresh session and everything to draw it."""
        try:
            session = registry.create()
        except SessionLimitError as error:
            raise ConnectionRefusedError(str(error)) from None
        hub.owner[request.sid] = session.id
        join_room(session.id)
        emit("hello", {"protocol": protocol.PROTOCOL_VERSION, "session": session.id,
                       "schema": registry.schema, "catalog": protocol.catalog(),
                       "limits": {"max_frame_rate": config["MAX_FRAME_RATE"],
                                  "max_message_bytes": config["MAX_MESSAGE_BYTES"],
                                  "max_csv_bytes": config["MAX_CSV_BYTES"],
                                  "max_points": config["MAX_POINTS"]}})
        with session.lock:
            emit("run", session.run_message())
            emit("frame", session.frame(since=-1))
            session.sent_epoch = session.run.epoch

    @socketio.on("disconnect")
    def on_disconnect(*_):
        session = registry.remove(hub.owner.pop(request.sid, ""))
        if session is not None:
            with session.lock:
                session.running = False  # the runner loop sees this and ends

    control_events.register(hub)
    data_events.register(hub)

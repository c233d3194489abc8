"""Socket.IO event handlers: validate, call the session, acknowledge, broadcast.

Every handler is thin: the payload goes through ``protocol`` first, then the
session does the work under its lock, then messages go out. A browser tab's
session is found from its Socket.IO sid, so a client can only ever steer
its own run. Each run broadcasts to a room named after its session id, so
several screens can watch one run later without changing this layer.
"""
import logging

from flask import request
from flask_socketio import SocketIO, emit, join_room

from . import protocol
from .protocol import ProtocolError
from .runner import Runner
from .sessions import Session, SessionLimitError, SessionRegistry

log = logging.getLogger(__name__)


def register(socketio: SocketIO, registry: SessionRegistry, config: dict) -> None:
    """Attach the protocol's handlers to ``socketio`` (called once by ``create_app``)."""
    owner: dict[str, str] = {}  # Socket.IO sid -> session id

    def broadcast_frame(session: Session, frame: dict) -> None:
        socketio.emit("frame", frame, to=session.id)

    def announce_run(session: Session) -> None:
        """After a new run started: everyone watching gets the run, then its first frame."""
        socketio.emit("run", session.run_message(), to=session.id)
        broadcast_frame(session, session.broadcast_frame())

    def start_runner(session: Session) -> None:
        if not session.runner_active:
            session.runner_active = True
            runner = Runner(session, config, broadcast_frame, socketio.sleep)
            socketio.start_background_task(runner.loop)

    def session_of_caller() -> Session:
        session = registry.get(owner.get(request.sid, ""))
        if session is None:
            raise ProtocolError("session", "this connection has no session; reload the page")
        return session

    def handler(event: str):
        """Wrap a handler so every refusal becomes an ack naming the field."""
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
            socketio.on_event(event, wrapped)
            return wrapped
        return decorate

    @socketio.on("connect")
    def on_connect(auth=None):
        """A browser tab connects: give it a fresh session and everything to draw it."""
        try:
            session = registry.create()
        except SessionLimitError as error:
            raise ConnectionRefusedError(str(error)) from None
        owner[request.sid] = session.id
        join_room(session.id)
        emit("hello", {"protocol": protocol.PROTOCOL_VERSION, "session": session.id,
                       "schema": registry.schema, "catalog": protocol.catalog(),
                       "max_frame_rate": config["MAX_FRAME_RATE"]})
        with session.lock:
            emit("run", session.run_message())
            emit("frame", session.frame(since=-1))
            session.sent_epoch = session.run.epoch

    @socketio.on("disconnect")
    def on_disconnect(*_):
        session = registry.remove(owner.pop(request.sid, ""))
        if session is not None:
            with session.lock:
                session.running = False  # the runner loop sees this and ends

    @handler("configure")
    def on_configure(payload):
        """Client sends a partial settings object; ack carries all settings."""
        session = session_of_caller()
        changes = protocol.validate_settings(payload, registry.schema)
        with session.lock:
            restarted = session.configure(changes)
            settings = dict(session.settings)
            if restarted:
                announce_run(session)
        return {"ok": True, "settings": settings, "restarted": restarted}

    @handler("play")
    def on_play(payload):
        """Client asks to train continuously at the session's speed."""
        protocol.validate_empty("play", payload)
        session = session_of_caller()
        with session.lock:
            if session.stopped is not None:
                raise ProtocolError("learning_rate", session.stopped["message"])
            session.running = True
            session.stopped = None
            start_runner(session)
        return {"ok": True, "running": True}

    @handler("pause")
    def on_pause(payload):
        """Client asks to stop training; the runner sends a last frame."""
        protocol.validate_empty("pause", payload)
        session = session_of_caller()
        with session.lock:
            session.running = False
            broadcast_frame(session, session.broadcast_frame())
        return {"ok": True, "running": False}

    @handler("step")
    def on_step(payload):
        """Client asks for exactly one epoch (pausing first)."""
        protocol.validate_empty("step", payload)
        session = session_of_caller()
        with session.lock:
            session.running = False
            session.train(1)
            broadcast_frame(session, session.broadcast_frame())
            epoch = session.run.epoch
        return {"ok": True, "epoch": epoch}

    @handler("reset")
    def on_reset(payload):
        """Client asks for new initial weights with the same settings and data."""
        protocol.validate_empty("reset", payload)
        session = session_of_caller()
        with session.lock:
            session.reset()
            announce_run(session)
        return {"ok": True, "epoch": 0}

"""Socket.IO wiring: connections, and the hub that every event handler goes through.

Every handler is thin: the payload goes through ``protocol`` / ``payloads``
first, then the session does the work under its lock, then messages go out.
A browser tab's session is found from its Socket.IO sid, so a client can
only ever steer its own run. Each run broadcasts to a room named after its
session id, so several screens can watch one run without changing this layer.
The handlers themselves live in ``control_events`` and ``data_events``.
"""
import logging

import time

from flask import request
from flask_socketio import SocketIO, emit, join_room, leave_room

from ..play import model_files
from . import classroom as class_events, control as control_events, data as data_events
from .catalog import catalog
from .names import PROTOCOL_VERSION
from .settings import default_settings
from .values import ProtocolError
from ..play.cluster import LocalCluster, RedisCluster
from ..training.trainer import Training
from .ratelimit import RateLimiter
from ..play.rooms import RoomRegistry
from ..play.session import Session, SessionLimitError, SessionRegistry

log = logging.getLogger(__name__)


class Hub:
    """What handlers share: the socket server, the sessions, and how to broadcast."""

    def __init__(self, socketio: SocketIO, registry: SessionRegistry, config: dict):
        self.socketio = socketio
        self.cluster = (RedisCluster(config["MESSAGE_QUEUE"], self.send_catch_up)
                        if config["MESSAGE_QUEUE"] else LocalCluster())
        self.remote: dict[str, dict] = {}   # sid -> where the class it follows lives
        self.registry = registry
        self.rooms = RoomRegistry(config)
        self.config = config
        self.limiter = RateLimiter(config["MAX_EVENTS_PER_SECOND"], config["EVENT_BURST"])
        self.training = Training(config, self, lambda session_id: self._watchers(session_id),
                                 socketio.start_background_task, socketio.sleep)
        self.owner: dict[str, str] = {}     # Socket.IO sid -> its own session's id
        self.watching: dict[str, str] = {}  # Socket.IO sid -> id of the session it watches
        self.throttled: dict[str, int] = {}  # sid -> rate refusals since its last logged event

    def _session(self, table: dict[str, str], sid: str | None) -> Session:
        sid = sid or request.sid
        session = self.registry.get(table.get(sid, ""))
        if session is None and table is self.watching and sid in self.remote:
            raise ProtocolError("room", "Only the teacher steers this run.")
        if session is None:
            raise ProtocolError("session", "this connection has no session; reload the page")
        return session

    def watched(self, sid: str | None = None) -> Session:
        """The session that connection ``sid`` (default: the caller) watches."""
        return self._session(self.watching, sid)

    def own(self, sid: str | None = None) -> Session:
        """The connection's own session (the one it got at connect)."""
        return self._session(self.owner, sid)

    def caller(self) -> Session:
        """The session the caller watches, if the caller may steer it."""
        session = self.watched()
        if request.sid not in session.controllers:
            raise ProtocolError("room", "Only the teacher steers this run. Press "
                                        "\"Explore on my own\" to try your own ideas.")
        return session

    def watch(self, sid: str, session: Session) -> None:
        """Point connection ``sid`` at ``session``: it gets that run at once, whole history."""
        previous = self.watching.get(sid)
        if previous == session.id:
            return self._send_state(sid, session)
        if previous:
            leave_room(previous, sid=sid)
            self.unwatch(previous)
        self.remote.pop(sid, None)
        self.watching[sid] = session.id
        with session.lock:
            session.watchers += 1
        join_room(session.id, sid=sid)
        self._send_state(sid, session)

    def watch_remote(self, sid: str, where: dict) -> None:
        """Point ``sid`` at a run on another instance (``cluster``): frames come via Redis."""
        previous = self.watching.get(sid)
        if previous and previous != where["session"]:
            leave_room(previous, sid=sid)
            self.unwatch(previous)
        self.watching[sid], self.remote[sid] = where["session"], where
        join_room(where["session"], sid=sid)
        self.cluster.ask_for_catch_up(where, sid)

    def send_catch_up(self, session_id: str, sid: str) -> None:
        """Another instance's connection ``sid`` follows our run: send it run and history."""
        session = self.registry.get(session_id)
        if session is not None:
            self._send_state(sid, session)

    def unwatch(self, session_id: str) -> None:
        """One connection fewer receives this session's frames."""
        session = self.registry.get(session_id)
        if session is not None:
            with session.lock:
                session.watchers -= 1

    def _send_state(self, sid: str, session: Session) -> None:
        with session.lock:
            self.socketio.emit("run", session.run_message(), to=sid)
            self.socketio.emit("frame", session.frame(since=-1), to=sid)

    def load_model(self, session: Session, model: dict) -> None:
        """Rebuild a model file's run (checked field by field) and hand it to ``session``."""
        schema = self.registry.schema
        settings, run, custom = model_files.restore(
            model, default_settings(schema), schema, self.config["MAX_POINTS"])
        with session.lock:
            session.adopt(settings, run, custom)

    def _watchers(self, session_id: str) -> int:
        session = self.registry.get(session_id)
        return session.watchers if session is not None else 0

    def next_frame(self, session: Session, metrics: tuple | None) -> dict:
        return session.broadcast_frame(metrics)

    def send_frame(self, session: Session, frame: dict) -> None:
        self.socketio.emit("frame", frame, to=session.id)

    def broadcast_frame(self, session: Session, frame: dict | None = None) -> None:
        self.socketio.emit("frame", frame or session.broadcast_frame(), to=session.id)

    def announce_run(self, session: Session) -> None:
        """After a new run or new data: everyone watching gets the run, then a frame."""
        self.socketio.emit("run", session.run_message(), to=session.id)
        self.broadcast_frame(session)

    def announce_settings(self, session: Session) -> None:
        self.socketio.emit("settings", {"settings": session.settings}, to=session.id)

    def retire(self, session: Session) -> None:
        """A session left the registry: its runner ends, its training copy is freed."""
        with session.lock:
            session.running = False  # the runner loop sees this and ends
        self.training.forget(session.id)

    def start_runner(self, session: Session) -> None:
        self.training.start(session)

    def on(self, event: str):
        """Register a handler for ``event`` (see ``_handle``), logging who did what."""
        def decorate(fn):
            def wrapped(*args):
                ack = self._handle(event, fn, args)
                outcome = "ok" if ack.get("ok") else f"refused ({ack['error']['field']})"
                if self._quiet_flood(outcome):
                    return ack
                # Who did what: address and connection, event, outcome; never a payload
                # (it may hold a teacher token) and never a token.
                log.info("%s %s: %s %s", request.remote_addr, request.sid[:8], event, outcome)
                return ack
            self.socketio.on_event(event, wrapped)
            return wrapped
        return decorate

    def _quiet_flood(self, outcome: str) -> bool:
        """True to skip logging a rate refusal: a flood logs its first one and a count after.

        A thousand log lines a second from one flooding client would cost the
        server more than refusing the events does.
        """
        sid = request.sid
        if outcome == "refused (rate)":
            earlier = self.throttled.get(sid, 0)
            self.throttled[sid] = earlier + 1
            return earlier > 0
        self.report_throttled(sid)
        return False

    def report_throttled(self, sid: str) -> None:
        """Log how many more events of ``sid`` were refused since the first (and forget)."""
        more = self.throttled.pop(sid, 0) - 1
        if more > 0:
            log.info("%s %s: %d more events refused (rate)", request.remote_addr, sid[:8], more)

    def _handle(self, event: str, fn, args: tuple) -> dict:
        """Run one handler; every refusal becomes an ack naming the field."""
        try:
            if not self.limiter.allow(request.sid):
                raise ProtocolError("rate", "too many events: at most "
                                    f"{self.config['MAX_EVENTS_PER_SECOND']} a second; "
                                    "wait a moment")
            if len(args) > 1:
                raise ProtocolError("payload", f"{event} takes at most one argument")
            return fn(args[0] if args else None)
        except ProtocolError as error:
            return error.ack()
        except Exception:  # never let one bad event take the session down
            log.exception("%s failed for %s", event, request.sid[:8])
            return {"ok": False, "error": {"field": event,
                                           "message": "internal error; see server log"}}

def register(socketio: SocketIO, registry: SessionRegistry, config: dict) -> Hub:
    """Attach the protocol's handlers to ``socketio`` (called once by ``create_app``)."""
    hub = Hub(socketio, registry, config)

    def sweep_detached() -> None:
        """Free sessions whose page did not come back within the grace period."""
        for session in registry.expired(config["RECONNECT_GRACE_SECONDS"], time.monotonic()):
            hub.retire(session)

    @socketio.on("connect")
    def on_connect(auth=None):
        """A browser tab connects: its session back (a reload or a blip), else a fresh one."""
        sweep_detached()
        auth = auth if isinstance(auth, dict) else {}
        session = registry.resume(auth.get("session"), auth.get("resume_token"))
        resumed = session is not None
        if session is None:
            try:
                session = registry.create(request.remote_addr or "")
            except SessionLimitError as error:
                raise ConnectionRefusedError(str(error)) from None
        log.info("%s %s: connected%s", request.remote_addr, request.sid[:8],
                 " (resumed its session)" if resumed else "")
        hub.owner[request.sid] = session.id
        session.controllers.add(request.sid)
        emit("hello", {"protocol": PROTOCOL_VERSION, "session": session.id,
                       "resume_token": session.resume_token,
                       "schema": registry.schema, "catalog": catalog(),
                       "limits": {"max_frame_rate": config["MAX_FRAME_RATE"],
                                  "max_message_bytes": config["MAX_MESSAGE_BYTES"],
                                  "max_csv_bytes": config["MAX_CSV_BYTES"],
                                  "max_points": config["MAX_POINTS"]}})
        hub.watch(request.sid, session)
        session.sent_epoch = session.run.epoch  # it just had the whole history

    @socketio.on("disconnect")
    def on_disconnect(*_):
        sid = request.sid
        log.info("%s %s: disconnected", request.remote_addr, sid[:8])
        hub.limiter.forget(sid)
        hub.report_throttled(sid)
        hub.unwatch(hub.watching.pop(sid, ""))
        hub.remote.pop(sid, None)
        for room in hub.rooms.all():
            room.members.pop(sid, None)
            room.session.controllers.discard(sid)
            if not room.session.controllers and room.orphaned_at is None:
                room.orphaned_at = time.monotonic()  # the teacher may be reloading
        own = registry.get(hub.owner.pop(sid, ""))
        if own is not None:
            own.controllers.discard(sid)
            if not own.controllers and hub.rooms.of_session(own) is None:
                with own.lock:                         # kept for a reload or a network blip,
                    own.running = False                # paused: nobody is watching it
                    own.detached_at = time.monotonic()
        sweep_detached()

    control_events.register(hub)
    data_events.register(hub)
    class_events.register(hub)
    return hub

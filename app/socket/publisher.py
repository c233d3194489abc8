"""Everything the server sends goes out here: who gets which message, on which channel.

Each session has a channel named after its id (everyone watching it), each
class a channel ``class:CODE`` (its teacher and students). Messages are
built by ``messages`` (under the session's lock where they read a run) and
emitted through Socket.IO, which with ``MESSAGE_QUEUE`` reaches the clients
of every instance. The play and training layers call these methods; they
never emit themselves.

Frames are "latest wins": a connection of this process whose socket still
holds unsent messages (``gate.backlog``: a slow network, or a script that
never reads) is skipped, and remembered with the last epoch it got; once its
socket has taken them, its next frame carries the history from there
(every frame carries the epochs since the last one its client received, so
nothing is lost). So a client that does not read holds at most two frames,
however fast its run trains; the gate closes it if other messages pile up.
"""
import time
from dataclasses import dataclass, field

from flask_socketio import SocketIO

from ..nn.images.run import ImageRun
from . import image_messages, messages

NAMESPACE = "/"
# A connection with more than this many messages unsent skips frames: one may be what was
# just sent with this frame (the ``run`` before it) or the last frame on its way out.
FRAME_BACKLOG = 1


@dataclass
class Outgoing:
    """A broadcast frame, who skips it (behind), and the catch-up frames of who caught up."""

    frame: dict
    skip: list[str] = field(default_factory=list)
    catch_up: list[tuple[str, dict]] = field(default_factory=list)


@dataclass(frozen=True)
class Behind:
    """A connection that missed frames: of which session and run, and the last epoch it got."""

    session: object
    run_id: int
    epoch: int


class Publisher:
    """Sends the protocol's server events (``hello``, ``run``, ``frame``, ``room`` ...)."""

    def __init__(self, socketio: SocketIO, schema: dict, config: dict, gate):
        self.socketio, self.schema, self.config, self.gate = socketio, schema, config, gate
        self._behind: dict[str, Behind] = {}     # sid -> what it last got, while it lags
        gate.every_round(self.catch_up)

    def _emit(self, event: str, message: dict, to: str, **options) -> None:
        self.socketio.emit(event, message, to=to, namespace=NAMESPACE, **options)

    # -- channels -----------------------------------------------------------------------
    @staticmethod
    def class_channel(room) -> str:
        return f"class:{room.code}"

    def enter(self, sid: str, channel: str) -> None:
        self.socketio.server.enter_room(sid, channel, namespace=NAMESPACE)

    def leave(self, sid: str, channel: str) -> None:
        self.socketio.server.leave_room(sid, channel, namespace=NAMESPACE)

    # -- runs and frames ------------------------------------------------------------------
    def hello(self, sid: str, session, resume_token: str) -> None:
        self._emit("hello", messages.hello(session.id, resume_token, self.schema, self.config),
                   sid)

    def state(self, sid: str, session) -> None:
        """One connection gets the session's run and a frame with its whole history."""
        with session.lock:
            self._behind.pop(sid, None)
            report = (image_messages.report(session.run)
                      if isinstance(session.run, ImageRun) else None)
            self._emit("run", messages.run(session), sid)
            self._emit("frame", messages.frame(session, since=-1, report=report), sid)

    def next_frame(self, session, metrics: tuple | None, report: dict | None = None) -> Outgoing:
        """The next broadcast frame and its flow control (call with the session's lock held).

        The frame carries what up-to-date watchers lack; a watcher whose socket
        has not taken what it was sent skips it, and one that lagged and has
        caught up gets its own frame from where it stopped. ``metrics`` and
        ``report`` (an image run's ``test_report()``) are the worker's when it
        computed them for this state.
        """
        shared_from = session.sent_epoch
        outgoing = Outgoing(messages.frame(session, shared_from, metrics,
                                           self._report(session, report)))
        session.sent_epoch = session.run.epoch
        for sid, eio_sid in self.socketio.server.manager.get_participants(NAMESPACE, session.id):
            behind = self._behind.get(sid)
            if behind is not None and behind.session is not session:
                behind = None                      # it lagged on another run: that is over
            if self.gate.backlog(eio_sid) > FRAME_BACKLOG:
                outgoing.skip.append(sid)
                if behind is None:
                    self._behind[sid] = Behind(session, session.run_id, shared_from)
            elif behind is not None:
                outgoing.skip.append(sid)
                outgoing.catch_up.append((sid, self._catch_up_frame(sid, behind, metrics)))
        return outgoing

    def _catch_up_frame(self, sid: str, behind: Behind, metrics: tuple | None) -> dict:
        """The frame from where a lagging ``sid`` stopped (session's lock held); it lags no more."""
        session = behind.session
        del self._behind[sid]
        since = behind.epoch if behind.run_id == session.run_id else -1
        return messages.frame(session, since, metrics)

    def catch_up(self) -> None:
        """Send a lagging connection whose socket has emptied what it missed, frames or not.

        (A paused run sends no more frames: without this, its last state would
        wait for the next one.) The gate's watchdog calls it every round.
        """
        manager = self.socketio.server.manager
        for sid, behind in list(self._behind.items()):
            if self.gate.backlog(manager.eio_sid_from_sid(sid, NAMESPACE)) > FRAME_BACKLOG:
                continue
            with behind.session.lock:
                if self._behind.get(sid) is not behind:
                    continue                       # a frame caught it up meanwhile
                frame = self._catch_up_frame(sid, behind, None)
            self._emit("frame", frame, sid)

    def _report(self, session, report: dict | None) -> dict | None:
        """An image run's test report when due: a new run, any frame at rest, else every few frames.

        While training, at most every ``IMAGE_REPORT_SECONDS``: the matrix
        changes slowly, and every frame would carry it to every watcher.
        """
        if not isinstance(session.run, ImageRun):
            return None
        now = time.monotonic()
        if session.sent_epoch >= 0 and session.running and \
                now - session.reported_at < self.config["IMAGE_REPORT_SECONDS"]:
            return None
        session.reported_at = now
        return image_messages.report(session.run, report)

    def send_frame(self, session, outgoing: Outgoing) -> None:
        self._emit("frame", outgoing.frame, session.id, skip_sid=outgoing.skip or None)
        for sid, frame in outgoing.catch_up:
            self._emit("frame", frame, sid)

    def forget(self, sid: str) -> None:
        """Connection ``sid`` closed."""
        self._behind.pop(sid, None)

    def frame(self, session) -> None:
        """Everyone watching gets a frame now (call with the session's lock held)."""
        self.send_frame(session, self.next_frame(session, None))

    def run(self, session) -> None:
        """After a new run or new data: everyone watching gets the run, then a frame."""
        self._emit("run", messages.run(session), session.id)
        self.frame(session)

    def settings(self, session) -> None:
        self._emit("settings", messages.settings(session), session.id)

    # -- classrooms ----------------------------------------------------------------------
    def room(self, sid: str, room, teacher: bool, following: bool) -> None:
        self._emit("room", messages.room(room, sid, teacher, following), sid)

    def remote_room(self, sid: str, code: str) -> None:
        self._emit("room", messages.remote_room(code), sid)

    def no_room(self, sid: str) -> None:
        self._emit("room", messages.NO_ROOM, sid)

    def board(self, room, teachers: set[str]) -> None:
        """The whole board (a teacher claiming the room)."""
        message = messages.board(room)
        for sid in teachers:
            self._emit("board", message, sid)

    def board_change(self, room, changed: list[dict], removed: list[int],
                     teachers: set[str]) -> None:
        """What changed on the board: one entry, not the whole board, per submission."""
        message = messages.board_change(room, changed, removed)
        for sid in teachers:
            self._emit("board_change", message, sid)

    def question(self, asked, to: str, skip_sid: str | None = None) -> None:
        self._emit("question", messages.question(asked), to, skip_sid=skip_sid)

    def poll(self, room) -> None:
        self._emit("poll", messages.poll(room.question), self.class_channel(room))

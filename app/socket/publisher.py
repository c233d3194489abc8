"""Everything the server sends goes out here: who gets which message, on which channel.

Each session has a channel named after its id (everyone watching it), each
class a channel ``class:CODE`` (its teacher and students). Messages are
built by ``messages`` (under the session's lock where they read a run) and
emitted through Socket.IO, which with ``MESSAGE_QUEUE`` reaches the clients
of every instance. The play and training layers call these methods; they
never emit themselves.
"""
import time

from flask_socketio import SocketIO

from ..nn.images.run import ImageRun
from . import class_messages, image_messages, messages

NAMESPACE = "/"


class Publisher:
    """Sends the protocol's server events (``hello``, ``run``, ``frame``, ``room`` ...)."""

    def __init__(self, socketio: SocketIO, schema: dict, config: dict):
        self.socketio, self.schema, self.config = socketio, schema, config

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
            report = (image_messages.report(session.run)
                      if isinstance(session.run, ImageRun) else None)
            self._emit("run", messages.run(session), sid)
            self._emit("frame", messages.frame(session, since=-1, report=report), sid)
            if session.rewound is not None:
                self._emit("rewound", messages.rewound(session), sid)

    def next_frame(self, session, metrics: tuple | None, report: dict | None = None) -> dict:
        """The next broadcast frame (call with the session's lock held): what watchers lack.

        ``metrics`` and ``report`` (an image run's ``test_report()``) are the
        worker's when it computed them for this state.
        """
        frame = messages.frame(session, session.sent_epoch, metrics,
                               self._report(session, report))
        session.sent_epoch = session.run.epoch
        return frame

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

    def send_frame(self, session, frame: dict) -> None:
        self._emit("frame", frame, session.id)

    def frame(self, session) -> None:
        """Everyone watching gets a frame now (call with the session's lock held)."""
        self.send_frame(session, self.next_frame(session, None))

    def run(self, session) -> None:
        """After a new run or new data: everyone watching gets the run, then a frame."""
        self._emit("run", messages.run(session), session.id)
        self.frame(session)

    def rewound(self, session) -> None:
        """Everyone watching sees the rewound state (or now again); call with the lock held."""
        self._emit("rewound", messages.rewound(session), session.id)

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
        message = messages.board(room)
        for sid in teachers:
            self._emit("board", message, sid)

    def question(self, asked, to: str, skip_sid: str | None = None) -> None:
        self._emit("question", messages.question(asked), to, skip_sid=skip_sid)

    def poll(self, room) -> None:
        self._emit("poll", messages.poll(room.question), self.class_channel(room))

    def collection(self, room, rows: list, removed: list, full: bool, teachers: set[str],
                   sid: str | None = None) -> None:
        """Class data to ``sid``, or to the whole class; teachers' copies name the students."""
        def message(teacher: bool) -> dict:
            return class_messages.collection(room.collection, rows, removed, full, teacher)
        if sid is not None:
            self._emit("collection", message(sid in teachers), sid)
            return
        self._emit("collection", message(False), self.class_channel(room),
                   skip_sid=sorted(teachers) or None)
        if teachers:
            teacher_copy = message(True)
            for teacher in teachers:
                self._emit("collection", teacher_copy, teacher)

    def glimpses(self, viewers: set[str], message: dict) -> None:
        for sid in viewers:
            self._emit("glimpses", message, sid)

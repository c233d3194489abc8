"""The classroom: connections and rooms, their moves (join, fork, follow, leave ...) and expiry.

``Classroom`` owns every connection table (through ``Connections``) and the
rooms, and alone changes them: connect and disconnect, share and claim (a
teacher), join, fork, follow and leave (a student). The teacher hears the
member count whenever students come or go. ``sweep`` frees sessions whose
page did not come back in time and closes rooms whose teacher did not (their
run pauses, students go back to their own run); the ``Sweeper`` runs it on
its own clock while anything waits to expire, and connect runs it too, so a
freed place is free before the limits are counted.
"""
import time

from ..socket.inbound import student_name
from ..socket.values import ProtocolError
from . import model_files
from .connections import Connections
from .guesses import CodeGuesses
from .rooms import Room, RoomRegistry
from .session import Session
from .sweeper import Sweeper


class Classroom(Connections):
    """Connections, rooms, and the one clock that expires them."""

    def __init__(self, config: dict, registry, cluster, publisher, training, tasks):
        """``tasks`` starts background tasks and sleeps (the ``SocketIO`` object)."""
        super().__init__(registry, publisher)
        self.config, self.cluster, self.training = config, cluster, training
        self.rooms = RoomRegistry(config)
        self.guesses = CodeGuesses(config["JOIN_MISSES_PER_MINUTE"])
        self.sweeper = Sweeper(self.sweep, self.pending, config["SWEEP_SECONDS"],
                               tasks.start_background_task, tasks.sleep)

    # -- connections -------------------------------------------------------------------
    def connect(self, sid: str, auth: object, address: str) -> Session:
        """A page connects: its session back (a reload or a blip, with the token), else a new one.

        Raises ``registry.SessionLimitError`` when a new one would pass a limit.
        """
        self.sweep()
        auth = auth if isinstance(auth, dict) else {}
        session = self.registry.resume(auth.get("session"), auth.get("resume_token"))
        session = session or self.registry.create(address)
        self.seat(sid, session)
        self.publisher.hello(sid, session, self.registry.resume_token(session.id))
        self.watch(sid, session)
        with session.lock:
            session.sent_epoch = session.run.epoch   # its one watcher just had the whole history
        return session

    def disconnect(self, sid: str) -> None:
        """A page closed: out of every table; a room it followed tells its teacher."""
        own_id = self.unseat(sid)
        self._drop_member(sid)
        now = time.monotonic()
        for room in self.rooms.all():
            if not self.controllers(room.session.id) and room.orphaned_at is None:
                room.orphaned_at = now              # the teacher may be reloading
        own = self.registry.get(own_id or "")
        if own is not None and not self.controllers(own.id) and \
                self.rooms.of_session(own.id) is None:
            with own.lock:
                own.pause()                         # kept, paused, for a reload or a blip
            self.registry.detach(own.id, now)
        self.sweep()
        if self.pending():
            self.sweeper.poke()

    def catch_up(self, session_id: str, sid: str) -> None:
        """Another instance's connection ``sid`` follows our run: send it the run and history."""
        session = self.registry.get(session_id)
        if session is not None:
            self.publisher.state(sid, session)

    # -- rooms -------------------------------------------------------------------------
    def tell(self, room: Room, sid: str | None = None) -> None:
        """``sid`` (if given) and the teachers learn the room's state; teachers the head count.

        Students are not told when others come and go: with hundreds of them,
        that would be hundreds of messages per join.
        """
        teachers = self.controllers(room.session.id)
        for target in ({sid} if sid else set()) | teachers:
            if target in room.members or target in teachers:
                self.publisher.room(target, room, target in teachers,
                                    self.watches(target, room.session.id))

    def share(self, sid: str) -> Room:
        """The run ``sid`` steers becomes a room (sharing again gives the same one)."""
        address = self.registry.address(self.own(sid).id)
        room = self.rooms.share(self.steerable(sid), address, self.cluster.reserve)
        room.orphaned_at = None
        self.publisher.enter(sid, self.publisher.class_channel(room))
        self.tell(room, sid)
        return room

    def claim(self, sid: str, code: str, token: object) -> Room:
        """A teacher back after a reload takes the room's run again, with the token."""
        room = self.rooms.get(code)
        if not room.token_matches(token):
            raise ProtocolError("teacher_token", "that is not this class's teacher token")
        self.grant(sid, room.session)
        room.orphaned_at = None
        room.members.pop(sid, None)
        self.publisher.enter(sid, self.publisher.class_channel(room))
        self.watch(sid, room.session)
        self.tell(room, sid)
        return room

    def join(self, sid: str, code: str, name: object) -> tuple[str, str | None]:
        """``sid`` becomes a student of class ``code`` (here or on another instance).

        ``name`` is checked once the class is found (an unknown code is refused first).
        """
        address = self.registry.address(self.own(sid).id)
        self.guesses.check(address)
        if not self.rooms.has(code) and (where := self.cluster.find(code)) is not None:
            self.watch_remote(sid, where)
            self.cluster.ask_for_catch_up(where, sid)
            self.publisher.remote_room(sid, code)
            return code, None
        if not self.rooms.has(code):
            self.guesses.missed(address)
        room = self.rooms.get(code)
        name = student_name(name)
        if sid not in room.members:
            if len(room.members) >= self.config["MAX_ROOM_MEMBERS"]:
                raise ProtocolError("code", "this class is full")
            self._drop_member(sid)                    # from a class it joined before
            room.students_seen += 1
        room.members[sid] = name = name or room.members.get(sid) or \
            f"Student {room.students_seen}"
        self.publisher.enter(sid, self.publisher.class_channel(room))
        self.watch(sid, room.session)
        self.tell(room, sid)
        if room.question is not None:
            self.publisher.question(room.question, sid)
        return room.code, name

    def class_exists(self, code: str) -> bool:
        """True when class ``code`` is held here or, through the directory, elsewhere."""
        return self.rooms.has(code) or self.cluster.find(code) is not None

    def room_as_student(self, sid: str) -> Room:
        room = self.rooms.with_member(sid)
        if room is None and self.remote(sid) is not None:
            raise ProtocolError("room", "this class runs on another server of this site: "
                                        "here you can follow it or leave it")
        if room is None:
            raise ProtocolError("room", "join a class first")
        return room

    def room_as_teacher(self, sid: str) -> Room:
        room = next((r for r in self.rooms.all() if self.controls(sid, r.session.id)), None)
        if room is None:
            raise ProtocolError("room", "only the teacher of a class can do this")
        return room

    def fork(self, sid: str) -> None:
        """A student explores on their own: their session takes a copy of the room's run."""
        room = self.room_as_student(sid)
        own = self.own(sid)
        with room.session.lock:
            model = model_files.export(room.session)
        model_files.load(own, model, self.registry.schema, self.config)
        self.watch(sid, own)
        self.tell(room, sid)

    def follow(self, sid: str) -> None:
        """A student goes back to following the teacher's run."""
        if (where := self.remote(sid)) is not None:
            self.cluster.ask_for_catch_up(where, sid)
            return
        room = self.room_as_student(sid)
        self.watch(sid, room.session)
        self.tell(room, sid)

    def leave(self, sid: str) -> None:
        """A student leaves the class and goes back to their own run; their entry and vote go."""
        room = self.room_as_student(sid) if self.remote(sid) is None else None
        own = self.own(sid)
        self.watch(sid, own)
        self.publisher.no_room(sid)
        self._drop_member(sid)
        if room is not None:
            self._withdraw(room, own.id)

    def _withdraw(self, room: Room, student: str) -> None:
        """``student`` (their own session's id) left ``room`` for good: the teacher hears it."""
        removed = room.withdraw(student)
        if removed is not None:
            self.publisher.board_change(room, [], [removed], self.controllers(room.session.id))

    def _drop_member(self, sid: str) -> None:
        """``sid`` is no longer a student of its class; the teacher hears the new count."""
        room = self.rooms.with_member(sid)
        if room is not None:
            room.members.pop(sid, None)
            self.publisher.leave(sid, self.publisher.class_channel(room))
            self.tell(room)

    # -- expiry --------------------------------------------------------------------------
    def pending(self) -> bool:
        """True while a detached session or an orphaned room waits to expire."""
        return self.registry.any_detached() or self.rooms.any_orphaned()

    def sweep(self) -> None:
        """Free sessions whose page did not come back; close rooms whose teacher did not."""
        now = time.monotonic()
        for session in self.registry.expired(self.config["RECONNECT_GRACE_SECONDS"], now):
            self._retire(session)
        for room in self.rooms.expired(now):
            self._close(room)

    def _retire(self, session: Session) -> None:
        """A session left the registry: its runner ends, its training copy is freed, and its
        student's board entries and votes go."""
        with session.lock:
            session.pause()
        self.forget_session(session.id)
        self.training.forget(session.id)
        for room in self.rooms.all():
            self._withdraw(room, session.id)

    def _close(self, room: Room) -> None:
        """The room's run pauses (its watchers see it), then its students go back home."""
        session = room.session
        self.registry.remove(session.id)
        with session.lock:
            session.pause()
            frame = self.publisher.next_frame(session, None)
        self.publisher.send_frame(session, frame)
        self._retire(session)
        self.cluster.remove(room.code)
        for sid in list(room.members):
            self.publisher.no_room(sid)
            try:
                self.watch(sid, self.own(sid))
            except ProtocolError:       # that page closed meanwhile: nothing to move
                pass

"""What a class does together beyond watching one run: class data and the class view.

``Classwork`` keeps each room's class data set (``collection``: the teacher
opens, locks, prunes and trains on it; students add points) and its class
view (the teachers who watch a grid of every student's own run). Both send
on one clock: a background task that runs while a room has changes to send
or a class view open, and sleeps until the next thing is due. Collected
points reach the class at most every ``COLLECT_SEND_SECONDS`` (a whole
class tapping becomes a few messages, none waits longer), and each open
class view gets one ``glimpses`` message every ``CLASS_VIEW_SECONDS``: one
small entry per student, so the cost grows with the class, not with its
frame rates. Lock order: a room's lock, then a session's.
"""
import time

import numpy as np

from ..nn.images.datasets import split_images
from ..nn.images.run import ImageRun
from ..socket import class_messages
from ..socket.image_messages import class_names
from ..socket.values import ProtocolError
from . import points
from .collection import Collection
from .rooms import Room
from .sweeper import Clock


class Classwork:
    """Class data and class views of every room, and the clock that sends their news."""

    def __init__(self, config: dict, classroom, publisher, tasks):
        """``tasks`` starts background tasks and sleeps (the ``SocketIO`` object)."""
        self.config, self.classroom, self.publisher = config, classroom, publisher
        self.clock = Clock(lambda: self.tick(time.monotonic()), self._busy,
                           tasks.start_background_task, tasks.sleep)

    # -- class data ------------------------------------------------------------------
    def collect(self, sid: str, state: str, clear: bool) -> Room:
        """The teacher opens, locks or puts away the class data set (``clear``: a fresh one)."""
        room = self.classroom.room_as_teacher(sid)
        with room.session.lock:
            fresh = self._fresh(room.session)
        with room.lock:
            if room.collection is None or clear:
                room.collection = fresh
            else:
                fresh = None
            room.collection.state = state
            self._send(room, [], [], full=fresh is not None)
        return room

    def _fresh(self, session) -> Collection:
        """A new, empty class data set of the run's problem and classes (its lock held):
        points on the plane, or drawn images of the run's size."""
        run, per_student = session.run, self.config["COLLECT_PER_STUDENT"]
        per_room = self.config["COLLECT_PER_ROOM"]
        if isinstance(run, ImageRun):
            return Collection(session.settings["problem"], run.classes, per_student,
                              min(per_room, self.config["MAX_IMAGES"]),
                              side=run.network.map_sizes[0], class_names=class_names(run))
        return Collection(session.settings["problem"], run.classes, per_student,
                          min(per_room, self.config["MAX_POINTS"]))

    def collecting(self, sid: str) -> tuple[Room, Collection]:
        """The student's room and its class data set, if there is one."""
        room = self.classroom.room_as_student(sid)
        if room.collection is None:
            raise ProtocolError("collect", "the teacher is not collecting right now")
        return room, room.collection

    def contribute(self, sid: str, room: Room, data: Collection, added: list) -> tuple:
        """A student's checked points (or images) join the set; return (ids, theirs in all,
        the set's size)."""
        with room.lock:
            if room.collection is not data:
                raise ProtocolError("collect", "the teacher started a new data set; try again")
            number = room.numbers[sid]
            ids = data.add(number, room.members[sid], added)
            result = ids, data.count(number), len(data.points)
        self.clock.poke()
        return result

    def remove(self, sid: str, ids: list[int] | None, student: int | None) -> tuple[int, int]:
        """The teacher removes points, or one student's all; everyone sees them go at once."""
        room = self.classroom.room_as_teacher(sid)
        with room.lock:
            data = self._data(room)
            gone = data.remove(ids, student)
            self._send_changes(room)
            return len(gone), len(data.points)

    def use(self, sid: str) -> Room:
        """The teacher's run starts over on the class data set (split by the run's ratio)."""
        room = self.classroom.room_as_teacher(sid)
        with room.lock:
            data = self._data(room)
            held = data.images() if data.side else \
                [(x1, x2, label, None) for _, x1, x2, label, _ in data.rows()]
        if not len(held[0] if data.side else held):
            raise ProtocolError("collection", f"the class data set has no {data.what} yet")
        session = room.session
        with session.lock:
            if session.settings["problem"] != data.problem:
                raise ProtocolError("problem", f"the class data set holds {data.problem} "
                                               f"{data.what}; choose the problem "
                                               f"{data.problem} to train on it")
            ratio, seed = session.settings["train_ratio"], session.settings["seed"]
            if data.side:
                split = split_images(*held, ratio, np.random.default_rng([seed, 2]))
                session.replace_images(split, data.classes, field="collection")
            else:
                session.replace_points(points.from_rows(held, ratio, seed), data.classes,
                                       field="collection")
            self.publisher.run(session)
        return room

    @staticmethod
    def _data(room: Room) -> Collection:
        if room.collection is None:
            raise ProtocolError("collection", "collect points or images first")
        return room.collection

    def _teachers(self, room: Room) -> set[str]:
        return self.classroom.controllers(room.session.id)

    def _send(self, room: Room, rows: list, removed: list, full: bool) -> None:
        self.publisher.collection(room, rows, removed, full, self._teachers(room))

    def _send_changes(self, room: Room) -> None:
        """What changed since the last send, to the whole class (room lock held)."""
        changes = room.collection.take_changes()
        self._send(room, room.collection.rows(changes.added), changes.removed, full=False)
        room.due["collection"] = time.monotonic() + self.config["COLLECT_SEND_SECONDS"]

    def send_all(self, room: Room, sid: str) -> None:
        """The whole class data set to one connection (a student joining, a teacher back)."""
        with room.lock:
            if room.collection is not None:
                self.publisher.collection(room, room.collection.rows(), [], True,
                                          self._teachers(room), sid)

    # -- class view -----------------------------------------------------------------
    def class_view(self, sid: str, open_: bool) -> int:
        """The teacher opens (or closes) the grid of students' runs; return the class size."""
        room = self.classroom.room_as_teacher(sid)
        with room.lock:
            if open_:
                room.viewers.add(sid)
                room.due.setdefault("glimpses", time.monotonic())
            else:
                room.viewers.discard(sid)
        self.clock.poke()
        return len(room.members)

    def _glimpses(self, room: Room) -> dict:
        """One entry per student: their own run if they explore it, else that they follow."""
        entries = []
        for sid, name in list(room.members.items()):
            try:
                own = self.classroom.own(sid)
            except ProtocolError:          # the page closed meanwhile
                continue
            number = room.numbers.get(sid)
            if not self.classroom.watches(sid, own.id):
                entries.append(class_messages.following(number, name))
                continue
            with own.lock:
                entries.append(class_messages.glimpse(number, name, own))
        return class_messages.glimpses(entries)

    # -- the clock ------------------------------------------------------------------
    def _busy(self) -> bool:
        return any(room.viewers or (room.collection is not None and room.collection.pending)
                   for room in self.classroom.rooms.all())

    def tick(self, now: float) -> float | None:
        """Send what is due in every room; return the seconds to the next, None if nothing waits."""
        dues = []
        for room in self.classroom.rooms.all():
            with room.lock:
                dues += self._tick_room(room, now)
        return max(0.0, min(dues) - now) if dues else None

    def _tick_room(self, room: Room, now: float) -> list[float]:
        dues = []
        if room.collection is not None and room.collection.pending:
            if now >= room.due.get("collection", 0.0):
                self._send_changes(room)
            else:
                dues.append(room.due["collection"])
        if not room.viewers:
            room.due.pop("glimpses", None)
            return dues
        due, interval = room.due.get("glimpses", now), self.config["CLASS_VIEW_SECONDS"]
        if now >= due:
            self.publisher.glimpses(set(room.viewers), self._glimpses(room))
            due = due + interval if due + interval > now else now + interval   # on schedule
            room.due["glimpses"] = due
        return dues + [due]

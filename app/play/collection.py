"""Class data: the points a room's students add for their teacher to train on.

A ``Collection`` belongs to a room. The teacher opens it (``"open"``), locks
it (``"locked"``: kept, no more points) or puts it away (``"off"``: the
students' pads close, the points stay); students add points while it is
open, each at most ``per_student``, all together at most ``per_room``; the
teacher removes single points or a student's whole contribution. The
problem and classes are the teacher's run's when the collection starts, so
every label fits the run that will train on it. Points keep an id (never
reused) and the number of the student who added them.

An image run's class collects drawn images instead (``side`` is the image
side): each is kept as ``side²`` bytes, intensity · ``LEVELS`` (one byte a
pixel, as a ``run`` message carries test images), with its label; the
limits are the same, refusals name ``images`` instead of ``points``.

Changes wait in ``pending`` until the classroom sends them, so a burst of
taps from a whole class becomes a few messages. Nothing here emits; every
refusal is a ``ProtocolError`` naming the field.
"""
from dataclasses import dataclass, field

import numpy as np

from ..nn.images.drawn import LEVELS, PIXEL_MAX
from ..socket.values import ProtocolError

STATES = ("open", "locked", "off")


@dataclass
class Changes:
    """What the class has not been sent yet: points added (ids) and ids removed."""

    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


@dataclass
class Collection:
    """One room's class data set: id -> (x1, x2, label, student number), or for images
    id -> (pixel bytes, label, student number)."""

    problem: str
    classes: int
    per_student: int
    per_room: int
    side: int | None = None                  # image side: a set of drawn images
    class_names: list[str] | None = None     # what each class is called (images)
    state: str = "open"
    points: dict[int, tuple] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)   # student number -> name when adding
    next_id: int = 1
    pending: Changes = field(default_factory=Changes)

    @property
    def what(self) -> str:
        """What the set holds, as fields and messages name it: ``points`` or ``images``."""
        return "points" if self.side is None else "images"

    def count(self, student: int) -> int:
        return sum(1 for point in self.points.values() if point[-1] == student)

    def add(self, student: int, name: str, points: list[tuple]) -> list[int]:
        """Student ``student``'s points (or ``(pixels 0 … 16, label)`` images) join the set;
        return their ids."""
        if self.state != "open":
            raise ProtocolError("collect", "the teacher has locked the class data set"
                                if self.state == "locked" else
                                f"the teacher is not collecting {self.what} right now")
        mine, what = self.count(student), self.what
        if mine + len(points) > self.per_student:
            raise ProtocolError(what, f"at most {self.per_student} {what} per student; "
                                      f"you have added {mine}")
        if len(self.points) + len(points) > self.per_room:
            raise ProtocolError(what, f"the class data set is full ({self.per_room} {what})")
        ids = list(range(self.next_id, self.next_id + len(points)))
        self.next_id += len(points)
        for point_id, point in zip(ids, points):
            self.points[point_id] = (*self._kept(point), student)
        self.pending.added += ids
        self.names[student] = name
        return ids

    def remove(self, ids: list[int] | None = None, student: int | None = None) -> list[int]:
        """Remove the points ``ids``, or every point of ``student``; return the ids removed."""
        if student is not None:
            ids = [i for i, point in self.points.items() if point[-1] == student]
        gone = [i for i in dict.fromkeys(ids or ()) if self.points.pop(i, None) is not None]
        self.pending.removed += gone
        return gone

    @staticmethod
    def _kept(point: tuple) -> tuple:
        """A point as it is; an image as its bytes (intensity · LEVELS) and label."""
        if len(point) == 3:
            return point
        pixels, label = point
        levels = np.round(np.asarray(pixels, dtype=np.float64) * (LEVELS / PIXEL_MAX))
        return levels.astype(np.uint8).tobytes(), label

    def images(self) -> tuple[np.ndarray, np.ndarray]:
        """Every image held, in the order they came: ``(n, side, side)`` intensities 0 … 1
        and ``(n,)`` labels."""
        rows = self.rows()
        flat = np.frombuffer(b"".join(row[1] for row in rows), dtype=np.uint8)
        images = flat.reshape(len(rows), self.side, self.side).astype(np.float64) / LEVELS
        return images, np.array([row[2] for row in rows], dtype=np.int64)

    def rows(self, ids=None) -> list[list]:
        """``[id, x1, x2, label, student]`` of the points ``ids`` (default: all) still held
        (``[id, pixel bytes, label, student]`` of images)."""
        chosen = self.points if ids is None else [i for i in ids if i in self.points]
        return [[i, *self.points[i]] for i in chosen]

    def take_changes(self) -> Changes:
        """The changes not yet sent, forgotten here (the caller sends them)."""
        changes, self.pending = self.pending, Changes()
        return changes

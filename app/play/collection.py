"""Class data: the points a room's students add for their teacher to train on.

A ``Collection`` belongs to a room. The teacher opens it (``"open"``), locks
it (``"locked"``: kept, no more points) or puts it away (``"off"``: the
students' pads close, the points stay); students add points while it is
open, each at most ``per_student``, all together at most ``per_room``; the
teacher removes single points or a student's whole contribution. The
problem and classes are the teacher's run's when the collection starts, so
every label fits the run that will train on it. Points keep an id (never
reused) and the number of the student who added them.

Changes wait in ``pending`` until the classroom sends them, so a burst of
taps from a whole class becomes a few messages. Nothing here emits; every
refusal is a ``ProtocolError`` naming the field.
"""
from dataclasses import dataclass, field

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
    """One room's class data set: id -> (x1, x2, label, student number)."""

    problem: str
    classes: int
    per_student: int
    per_room: int
    state: str = "open"
    points: dict[int, tuple[float, float, float, int]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)   # student number -> name when adding
    next_id: int = 1
    pending: Changes = field(default_factory=Changes)

    def count(self, student: int) -> int:
        return sum(1 for point in self.points.values() if point[3] == student)

    def add(self, student: int, name: str, points: list[tuple[float, float, float]]) -> list[int]:
        """Student ``student``'s points join the set; return their ids."""
        if self.state != "open":
            raise ProtocolError("collect", "the teacher has locked the class data set"
                                if self.state == "locked" else
                                "the teacher is not collecting points right now")
        mine = self.count(student)
        if mine + len(points) > self.per_student:
            raise ProtocolError("points", f"at most {self.per_student} points per student; "
                                          f"you have added {mine}")
        if len(self.points) + len(points) > self.per_room:
            raise ProtocolError("points", f"the class data set is full ({self.per_room} points)")
        ids = list(range(self.next_id, self.next_id + len(points)))
        self.next_id += len(points)
        for point_id, (x1, x2, label) in zip(ids, points):
            self.points[point_id] = (x1, x2, label, student)
        self.pending.added += ids
        self.names[student] = name
        return ids

    def remove(self, ids: list[int] | None = None, student: int | None = None) -> list[int]:
        """Remove the points ``ids``, or every point of ``student``; return the ids removed."""
        if student is not None:
            ids = [i for i, point in self.points.items() if point[3] == student]
        gone = [i for i in dict.fromkeys(ids or ()) if self.points.pop(i, None) is not None]
        self.pending.removed += gone
        return gone

    def rows(self, ids=None) -> list[list[float]]:
        """``[id, x1, x2, label, student]`` of the points ``ids`` (default: all) still held."""
        chosen = self.points if ids is None else [i for i in ids if i in self.points]
        return [[i, *self.points[i]] for i in chosen]

    def take_changes(self) -> Changes:
        """The changes not yet sent, forgotten here (the caller sends them)."""
        changes, self.pending = self.pending, Changes()
        return changes

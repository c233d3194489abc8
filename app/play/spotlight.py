"""The spotlight: the teacher puts one student's own run on the projector, the class follows it.

A mixin of ``Classroom`` (it uses the connection tables and ``tell``): the
room remembers whose run is shown (``Room.spotlight``, a student number);
everyone following the class watches that run until the teacher goes back
(or its student leaves). Students exploring their own runs stay where they
are; whoever follows later (``join``, ``follow``, a teacher's ``claim``)
gets the run shown.
"""
from ..socket.values import ProtocolError
from .rooms import Room
from .session import Session


class Spotlight:
    """``shown``, ``spotlight`` and the move behind them, for ``Classroom``."""

    def shown(self, room: Room) -> Session:
        """The run the class follows: the teacher's, or the student's in the spotlight."""
        if room.spotlight is None:
            return room.session
        return self.own(room.student(room.spotlight))

    def following(self, room: Room, sid: str) -> bool:
        """True when ``sid`` watches the run the class follows and it is not their own."""
        return self.watches(sid, self.shown(room).id) and not (
            room.spotlight is not None and room.numbers.get(sid) == room.spotlight)

    def spotlight(self, sid: str, number: int | None) -> Room:
        """The teacher puts a student's own run on the projector (None: back to theirs).

        Everyone following the class (the teacher included) moves to it; students
        exploring their own runs stay where they are.
        """
        room = self.room_as_teacher(sid)
        target = room.session
        if number is not None:
            student = room.student(number)
            target = self.own(student)
            if not self.watches(student, target.id):
                raise ProtocolError("student", f"{room.members[student]} follows the class; "
                                               "only a run explored on one's own can be shown")
        self._show(room, target, number)
        return room

    def _show(self, room: Room, target: Session, number: int | None) -> None:
        """Move everyone following the class to ``target``; tell the class."""
        previous = self.shown(room)
        owner = None if previous is room.session else room.student(room.spotlight)
        followers = [s for s in list(room.members) + sorted(self.controllers(room.session.id))
                     if s != owner and self.watches(s, previous.id)]
        room.spotlight = number
        for follower in followers:
            self.watch(follower, target)
        for student in list(room.members):
            self.publisher.room(student, room, False, self.following(room, student))
        self.tell(room)

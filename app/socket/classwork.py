"""Handlers of a class working together: class data, the class view, the spotlight.

The teacher opens a class data set (``collect``), students add points to it
(``contribute``), the teacher removes some (``remove_points``) and trains on
it (``use_collection``); the teacher watches every student's own run in a
grid (``class_view``) and puts one on the projector (``spotlight``).
Rights: ``Classroom.room_as_teacher`` / ``room_as_student`` refuse anyone
else naming ``room``.
"""
from flask import request

from . import inbound


class ClassworkEvents:
    """``on_<event>`` methods of ``PlaygroundNamespace``."""

    def on_collect(self, payload=None):
        """The teacher opens, locks or puts away the class data set."""
        state, clear = inbound.collect(payload)
        room = self.classwork.collect(request.sid, state, clear)
        return {"ok": True, "state": state, "points": len(room.collection.points)}

    def on_contribute(self, payload=None):
        """A student adds points (or drawn images) of a class to the class data set."""
        room, data = self.classwork.collecting(request.sid)
        added = inbound.contribution(payload, data.problem, data.classes, data.per_student,
                                     data.side)
        ids, mine, total = self.classwork.contribute(request.sid, room, data, added)
        return {"ok": True, "ids": ids, "mine": mine, "total": total}

    def on_remove_points(self, payload=None):
        """The teacher removes points (or images), or every one of one student."""
        ids, student = inbound.removal(payload, self.config["MAX_POINTS"])
        removed, left = self.classwork.remove(request.sid, ids, student)
        return {"ok": True, "removed": removed, "points": left}

    def on_use_collection(self, payload=None):
        """The teacher's run starts over on the class data set."""
        inbound.empty("use_collection", payload)
        room = self.classwork.use(request.sid)
        with room.session.lock:
            data = room.session.run.data
            return {"ok": True, "train": len(data.x_train), "test": len(data.x_test),
                    "restarted": True}

    def on_class_view(self, payload=None):
        """The teacher opens or closes the grid of every student's own run."""
        open_ = inbound.class_view(payload)
        students = self.classwork.class_view(request.sid, open_)
        return {"ok": True, "open": open_, "students": students}

    def on_spotlight(self, payload=None):
        """The teacher shows one student's run to the class (null: back to the teacher's)."""
        student = inbound.spotlight(payload)
        self.classroom.spotlight(request.sid, student)
        return {"ok": True, "student": student}

"""Classroom handlers: share, claim, join, fork, follow, leave, the board and questions.

The teacher's own session becomes the room's run; students watch it and may
fork a private copy. Rights are per connection: a connection steers a
session only when the ``Classroom`` lists it among the session's
controllers, which only connect (its own session) and share / claim (the
room's run, with its token) do.
"""
import time

from flask import request

from ..web.join import join_url, reachable
from . import inbound, messages
from .values import ProtocolError, empty


class ClassroomEvents:
    """``on_<event>`` methods of ``PlaygroundNamespace``."""

    def on_share(self, payload=None):
        """The teacher turns the run they steer into a room."""
        empty("share", payload)
        room = self.classroom.share(request.sid)
        url = join_url(self.config, room.code)
        return {"ok": True, "code": room.code, "teacher_token": room.token,
                "join_path": f"/join/{room.code}", "join_url": url, "lan": reachable(url)}

    def on_claim(self, payload=None):
        """A teacher back after a reload takes the room's run again, with the token."""
        code, token = inbound.claim(payload)
        room = self.classroom.claim(request.sid, code, token)
        if room.board:                       # what the teacher had before the reload
            self.publisher.board(room, {request.sid})
        if room.question is not None:
            self.publisher.question(room.question, request.sid)
        return {"ok": True, "code": room.code}

    def on_join(self, payload=None):
        """A student joins a class by its code and follows its run."""
        code, name = inbound.join(payload)
        code, name = self.classroom.join(request.sid, code, name)
        return {"ok": True, "code": code, "name": name}

    def on_fork(self, payload=None):
        """A student explores on their own: a private copy of the room's run."""
        empty("fork", payload)
        self.classroom.fork(request.sid)
        return {"ok": True}

    def on_follow(self, payload=None):
        """A student goes back to following the teacher's run."""
        empty("follow", payload)
        self.classroom.follow(request.sid)
        return {"ok": True}

    def on_leave(self, payload=None):
        """A student leaves the class and goes back to their own run."""
        empty("leave", payload)
        self.classroom.leave(request.sid)
        return {"ok": True}

    def on_submit_run(self, payload=None):
        """A student puts their own run on the class's experiment board."""
        label = inbound.submission(payload)
        sid = request.sid
        room, own = self.classroom.room_as_student(sid), self.classroom.own(sid)
        if not self.classroom.watches(sid, own.id):
            raise ProtocolError("room", "explore on your own first, then submit your run")
        with own.lock:
            entry = messages.board_entry(room.members[sid], label, own)
        entry = room.post(own.id, entry, self.config["MAX_BOARD_ENTRIES"],
                          self.config["SUBMIT_INTERVAL_SECONDS"], time.monotonic())
        self.publisher.board_change(room, [entry], [], self.classroom.controllers(room.session.id))
        return {"ok": True, "entries": len(room.board)}

    def on_ask(self, payload=None):
        """The teacher asks the class a multiple-choice question."""
        asked, options = inbound.question(payload)
        room = self.classroom.room_as_teacher(request.sid)
        question = room.ask(asked, options)
        self.publisher.question(question, self.publisher.class_channel(room),
                                skip_sid=request.sid)
        return {"ok": True, "id": question.id}

    def on_answer(self, payload=None):
        """A student answers the open question (again to change their mind)."""
        question_id, choice = inbound.answer(payload)
        room = self.classroom.room_as_student(request.sid)
        room.answer(self.classroom.own(request.sid).id, question_id, choice)   # one per student
        return {"ok": True}

    def on_reveal(self, payload=None):
        """The teacher shows everyone how the class answered."""
        empty("reveal", payload)
        room = self.classroom.room_as_teacher(request.sid)
        if room.question is None:
            raise ProtocolError("question", "ask a question first")
        self.publisher.poll(room)
        return {"ok": True, "counts": room.question.counts()}

"""Classroom handlers: share, claim, join, fork, follow, leave, board, questions.

The teacher's own session becomes the room's run; students watch it and may
fork a private copy. Rights are per connection: a sid steers a session only
when it is among that session's controllers, which only ``connect`` (own
session) and ``share`` / ``claim`` (the room's run, with its token) add to.
"""
import hmac

from flask import request
from flask_socketio import join_room, leave_room

from ..play import model_files
from . import inbound
from .values import empty
from .messages import curve_summary
from .values import ProtocolError, text as _text
from ..play.rooms import Question, normalise_code

MAX_NAME = 24
MAX_LABEL = 40
BOARD_CURVE_POINTS = 200
NO_ROOM = {"code": None, "role": None, "following": False, "members": 0, "name": None}


def question_message(question: Question) -> dict:
    return {"id": question.id, "question": question.question, "options": question.options}


def register(hub) -> None:
    """Attach the classroom handlers to ``hub`` (an ``events.Hub``)."""
    rooms, config, emit = hub.rooms, hub.config, hub.socketio.emit

    def channel(room) -> str:
        return f"class:{room.code}"

    def tell_room_state(room, sid: str | None = None) -> None:
        """The caller (or ``sid``) learns its role and following state; teachers the head count.

        Students are not told when others come and go: with hundreds of them,
        that would be hundreds of messages per join.
        """
        for target in {sid or request.sid, *room.session.controllers}:
            if target in room.members or target in room.session.controllers:
                emit("room", room.message_for(target, hub.watching.get(target) == room.session.id),
                     to=target)

    def sweep() -> None:
        """Close rooms whose teacher did not come back in time; their runs pause."""
        for room in rooms.expired():
            hub.registry.remove(room.session.id)
            hub.retire(room.session)
            hub.cluster.remove(room.code)
            for sid in list(room.members):
                emit("room", NO_ROOM, to=sid)
                hub.watch(sid, hub.own(sid))

    def room_as_student():
        room = next(iter(rooms.rooms_with_member(request.sid)), None)
        if room is None and request.sid in hub.remote:
            raise ProtocolError("room", "this class runs on another server of this site: "
                                        "here you can follow it or leave it")
        if room is None:
            raise ProtocolError("room", "join a class first")
        return room

    def join_remote(code: str):
        """Follow a class held by another instance (``cluster``); None if there is none."""
        where = hub.cluster.find(code)
        if where is None:
            return None
        hub.watch_remote(request.sid, where)
        emit("room", {"code": code, "role": "student", "following": True, "members": 0,
                      "name": None}, to=request.sid)
        return {"ok": True, "code": code, "name": None}

    def room_as_teacher():
        room = next((r for r in rooms.all() if request.sid in r.session.controllers), None)
        if room is None:
            raise ProtocolError("room", "only the teacher of a class can do this")
        return room

    @hub.on("share")
    def on_share(payload):
        """The teacher turns the run they steer into a room."""
        empty("share", payload)
        sweep()
        room = rooms.share(hub.caller(), hub.cluster.reserve)
        room.orphaned_at = None
        join_room(channel(room))
        tell_room_state(room)
        return {"ok": True, "code": room.code, "teacher_token": room.token,
                "join_path": f"/join/{room.code}"}

    @hub.on("claim")
    def on_claim(payload):
        """A teacher back after a reload takes the room's run again, with the token."""
        payload = inbound.fields("claim", payload, {"code", "teacher_token"})
        sweep()
        room = rooms.get(normalise_code(payload["code"]))
        token = payload["teacher_token"]
        if not isinstance(token, str) or not hmac.compare_digest(token.encode(), room.token.encode()):
            raise ProtocolError("teacher_token", "that is not this class's teacher token")
        room.session.controllers.add(request.sid)
        room.orphaned_at = None
        room.members.pop(request.sid, None)
        join_room(channel(room))
        hub.watch(request.sid, room.session)
        tell_room_state(room)
        if room.board:                       # what the teacher had before the reload
            emit("board", room.board_message(), to=request.sid)
        if room.question is not None:
            emit("question", question_message(room.question), to=request.sid)
        return {"ok": True, "code": room.code}

    @hub.on("join")
    def on_join(payload):
        """A student joins a class by its code and follows its run."""
        payload = inbound.fields("join", payload, {"code"}, {"name"})
        sweep()
        code = normalise_code(payload["code"])
        if not rooms.has(code) and (remote := join_remote(code)) is not None:
            return remote
        room = rooms.get(code)
        if request.sid not in room.members and len(room.members) >= config["MAX_ROOM_MEMBERS"]:
            raise ProtocolError("code", "this class is full")
        if request.sid not in room.members:
            room.students_seen += 1
        name = _text("name", payload.get("name") or f"Student {room.students_seen}", MAX_NAME, 1)
        room.members[request.sid] = name
        join_room(channel(room))
        hub.watch(request.sid, room.session)
        tell_room_state(room)
        if room.question is not None:
            emit("question", question_message(room.question), to=request.sid)
        return {"ok": True, "code": room.code, "name": name}

    @hub.on("fork")
    def on_fork(payload):
        """A student explores on their own: a private copy of the room's run."""
        empty("fork", payload)
        room = room_as_student()
        own = hub.own()
        with room.session.lock:
            model = model_files.export(room.session)
        hub.load_model(own, model)
        hub.watch(request.sid, own)
        tell_room_state(room)
        return {"ok": True}

    @hub.on("follow")
    def on_follow(payload):
        """A student goes back to following the teacher's run."""
        empty("follow", payload)
        if request.sid in hub.remote:
            hub.watch_remote(request.sid, hub.remote[request.sid])
            return {"ok": True}
        room = room_as_student()
        hub.watch(request.sid, room.session)
        tell_room_state(room)
        return {"ok": True}

    @hub.on("leave")
    def on_leave(payload):
        """A student leaves the class and goes back to their own run."""
        empty("leave", payload)
        if request.sid in hub.remote:
            hub.watch(request.sid, hub.own())
            emit("room", NO_ROOM, to=request.sid)
            return {"ok": True}
        room = room_as_student()
        room.members.pop(request.sid, None)
        leave_room(channel(room))
        hub.watch(request.sid, hub.own())
        emit("room", NO_ROOM, to=request.sid)
        tell_room_state(room)
        return {"ok": True}

    @hub.on("submit_run")
    def on_submit_run(payload):
        """A student puts their own run on the class's experiment board."""
        payload = inbound.fields("submit_run", payload or {}, set(), {"label"})
        room = room_as_student()
        own = hub.own()
        if hub.watching.get(request.sid) != own.id:
            raise ProtocolError("room", "explore on your own first, then submit your run")
        if request.sid not in room.board and len(room.board) >= config["MAX_BOARD_ENTRIES"]:
            raise ProtocolError("room", "the board is full")
        label = _text("label", payload.get("label", ""), MAX_LABEL)
        with own.lock:
            run = own.run
            metric, metric_train, metric_test = run.metrics()
            frame = own.frame(since=run.epoch)
            room.board[request.sid] = {
                "name": room.members[request.sid], "label": label,
                "settings": dict(own.settings), "epoch": run.epoch,
                "loss_train": frame["loss_train"], "loss_test": frame["loss_test"],
                "metric": metric, "metric_train": frame["metric_train"],
                "metric_test": frame["metric_test"],
                "curve": curve_summary(run.history, BOARD_CURVE_POINTS)}
        for sid in room.session.controllers:
            emit("board", room.board_message(), to=sid)
        return {"ok": True, "entries": len(room.board)}

    @hub.on("ask")
    def on_ask(payload):
        """The teacher asks the class a multiple-choice question."""
        payload = inbound.fields("ask", payload, {"question", "options"})
        room = room_as_teacher()
        question = _text("question", payload["question"], 200, 1)
        options = payload["options"]
        if not isinstance(options, list) or not 2 <= len(options) <= 6:
            raise ProtocolError("options", "options must be a list of 2 to 6 answers")
        options = [_text(f"options[{i}]", o, 60, 1) for i, o in enumerate(options)]
        number = room.question.id + 1 if room.question else 1
        room.question = Question(number, question, options)
        emit("question", question_message(room.question), to=channel(room),
             skip_sid=request.sid)
        return {"ok": True, "id": number}

    @hub.on("answer")
    def on_answer(payload):
        """A student answers the open question (again to change their mind)."""
        payload = inbound.fields("answer", payload, {"id", "choice"})
        room = room_as_student()
        question = room.question
        if question is None or inbound.index("id", payload["id"]) != question.id:
            raise ProtocolError("id", "that question is not open")
        choice = inbound.index("choice", payload["choice"])
        if choice >= len(question.options):
            raise ProtocolError("choice", f"choice must be below {len(question.options)}")
        question.answers[request.sid] = choice
        return {"ok": True}

    @hub.on("reveal")
    def on_reveal(payload):
        """The teacher shows everyone how the class answered."""
        empty("reveal", payload)
        room = room_as_teacher()
        question = room.question
        if question is None:
            raise ProtocolError("question", "ask a question first")
        counts = question.counts()
        emit("poll", {"id": question.id, "question": question.question,
                      "options": question.options, "counts": counts, "total": sum(counts)},
             to=channel(room))
        return {"ok": True, "counts": counts}

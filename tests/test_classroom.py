"""Classrooms over the socket: rooms, rights, following, forking, board, questions."""
import json
import time

import pytest

from app import create_app
from app.config import TestConfig
from tests.conftest import Inbox, wait_for


@pytest.fixture
def classroom(connect):
    """A teacher who shared a run, and a function that adds students who joined it."""
    teacher = Inbox(connect())
    shared = teacher.sio.emit("share", callback=True)

    def student(name=None):
        inbox = Inbox(connect())
        payload = {"code": shared["code"].lower()[:3] + " " + shared["code"][3:]}
        if name:
            payload["name"] = name
        ack = inbox.sio.emit("join", payload, callback=True)
        assert ack["ok"], ack
        return inbox

    return teacher, shared, student


def test_share_gives_a_short_unambiguous_code_and_a_long_token(classroom):
    teacher, shared, _ = classroom
    assert len(shared["code"]) == 6 and not set(shared["code"]) & set("01OIL")
    assert len(shared["teacher_token"]) >= 40
    assert shared["join_path"] == f"/join/{shared['code']}"
    assert teacher.sio.emit("share", callback=True)["code"] == shared["code"]
    assert teacher.of("room")[-1]["role"] == "teacher"


def test_a_late_joiner_gets_the_whole_history_at_once(classroom):
    teacher, _, student = classroom
    for _ in range(5):
        teacher.sio.emit("step", callback=True)
    late = student("Ada")
    frame = late.of("frame")[-1]
    assert frame["epoch"] == 5 and frame["history"]["start"] == 0
    assert frame["history"]["train"] == [v for f in teacher.of("frame")
                                         if f["run"] == frame["run"] for v in f["history"]["train"]]
    assert late.of("room")[-1] == {"code": late.of("room")[-1]["code"], "role": "student",
                                   "following": True, "members": 1, "name": "Ada"}


def test_students_follow_and_cannot_steer_the_teachers_run(classroom):
    teacher, _, student = classroom
    pupil = student()
    teacher.sio.emit("step", callback=True)
    assert pupil.of("frame")[-1]["epoch"] == 1
    for event, payload in (("pause", None), ("play", None), ("step", None), ("reset", None),
                           ("configure", {"learning_rate": 1}), ("export_model", None),
                           ("set_parameter", {"layer": 0, "from": 0, "to": 0, "value": 1}),
                           ("share", None)):
        ack = pupil.sio.emit(event, payload, callback=True) if payload else \
            pupil.sio.emit(event, callback=True)
        assert ack["ok"] is False and ack["error"]["field"] == "room", (event, ack)
    teacher.sio.emit("step", callback=True)
    assert teacher.of("frame")[-1]["epoch"] == 2 == pupil.of("frame")[-1]["epoch"]
    settings = teacher.sio.emit("configure", {"learning_rate": 0.1}, callback=True)["settings"]
    assert pupil.of("settings")[-1]["settings"] == settings


def test_fork_trains_privately_and_follow_returns(classroom):
    teacher, _, student = classroom
    pupil = student()
    for _ in range(3):
        teacher.sio.emit("step", callback=True)
    assert pupil.sio.emit("fork", callback=True) == {"ok": True}
    forked = pupil.of("frame")[-1]
    assert forked["epoch"] == 3 and forked["weights"] == teacher.of("frame")[-1]["weights"]
    assert pupil.of("room")[-1]["following"] is False
    assert pupil.sio.emit("step", callback=True) == {"ok": True, "epoch": 4}
    assert teacher.of("frame")[-1]["epoch"] == 3
    assert pupil.sio.emit("follow", callback=True) == {"ok": True}
    assert pupil.of("frame")[-1]["epoch"] == 3 and pupil.of("room")[-1]["following"]
    teacher.sio.emit("step", callback=True)
    assert pupil.of("frame")[-1]["epoch"] == 4


def test_teacher_rights_survive_a_reload_and_need_the_token(connect, classroom):
    teacher, shared, student = classroom
    pupil = student()
    teacher.sio.disconnect()
    stranger = Inbox(connect())
    bad = stranger.sio.emit("claim", {"code": shared["code"], "teacher_token": "guess"},
                            callback=True)
    assert bad["ok"] is False and bad["error"]["field"] == "teacher_token"
    back = Inbox(connect())
    ack = back.sio.emit("claim", {"code": shared["code"],
                                  "teacher_token": shared["teacher_token"]}, callback=True)
    assert ack == {"ok": True, "code": shared["code"]}
    assert back.sio.emit("step", callback=True)["epoch"] == 1
    assert pupil.of("frame")[-1]["epoch"] == 1
    everything_the_student_saw = json.dumps(pupil.pull().messages)
    assert shared["teacher_token"] not in everything_the_student_saw


def test_the_board_ranks_submitted_runs_for_the_teacher(classroom):
    teacher, _, student = classroom
    first, second = student("Ada"), student("Bo")
    for pupil, rate in ((first, 0.3), (second, 0.00001)):
        pupil.sio.emit("fork", callback=True)
        pupil.sio.emit("configure", {"learning_rate": rate}, callback=True)
        for _ in range(10):
            pupil.sio.emit("step", callback=True)
        assert pupil.sio.emit("submit_run", {"label": f"rate {rate}"}, callback=True)["ok"]
    changes = teacher.of("board_change")
    entries = [entry for change in changes for entry in change["set"]]
    assert [e["name"] for e in entries] == ["Ada", "Bo"]
    ada, bo = entries
    assert changes[-1]["ranking"] == [ada["id"], bo["id"]], "lowest test loss first"
    assert ada["epoch"] == 10 and ada["curve"]["epochs"][-1] == 10
    assert len(ada["curve"]["train"]) == 11 and ada["label"] == "rate 0.3"


def test_submitting_needs_your_own_run(classroom):
    _, _, student = classroom
    ack = student().sio.emit("submit_run", callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "room"


def test_predict_then_run(classroom):
    teacher, _, student = classroom
    first, second = student(), student()
    ask = teacher.sio.emit("ask", {"question": "Will a learning rate of 3 converge?",
                                   "options": ["Yes", "No", "Slowly"]}, callback=True)
    question = first.of("question")[-1]
    assert question == {"id": ask["id"], "question": "Will a learning rate of 3 converge?",
                        "options": ["Yes", "No", "Slowly"]}
    assert first.sio.emit("answer", {"id": ask["id"], "choice": 0}, callback=True)["ok"]
    assert first.sio.emit("answer", {"id": ask["id"], "choice": 1}, callback=True)["ok"]
    assert second.sio.emit("answer", {"id": ask["id"], "choice": 1}, callback=True)["ok"]
    bad = second.sio.emit("answer", {"id": ask["id"], "choice": 3}, callback=True)
    assert bad["error"]["field"] == "choice"
    assert first.sio.emit("reveal", callback=True)["error"]["field"] == "room"
    assert teacher.sio.emit("reveal", callback=True)["counts"] == [0, 2, 0]
    assert second.of("poll")[-1]["counts"] == [0, 2, 0] and second.of("poll")[-1]["total"] == 2


@pytest.mark.parametrize("payload, field", [
    ({"code": "ZZZZZZ"}, "code"), ({"code": "AB1"}, "code"), ({"code": 7}, "code"),
    ({"code": "ABCDEF", "name": "x" * 30}, "code"), ({}, "code"),
])
def test_bad_joins_name_the_field(sio, payload, field):
    ack = sio.emit("join", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == field


def test_a_too_long_name_is_refused(classroom, connect):
    _, shared, _ = classroom
    ack = Inbox(connect()).sio.emit("join", {"code": shared["code"], "name": "x" * 30},
                                    callback=True)
    assert ack["error"]["field"] == "name"


def test_join_page_and_qr_code_are_served_for_known_codes_only(client, classroom):
    _, shared, _ = classroom
    with client.get(f"/join/{shared['code']}") as page:
        assert page.status_code == 200 and b"<html" in page.data
    with client.get(f"/join/{shared['code']}/qr.svg") as qr:
        assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
        assert b"<svg" in qr.data
    with client.get("/join/ZZZZZZ/qr.svg") as missing:
        assert missing.status_code == 404


def test_a_room_whose_teacher_never_returns_closes_and_students_go_home():
    app = create_app({"ROOM_GRACE_SECONDS": 0}, base=TestConfig)
    socketio = app.extensions["socketio"]
    teacher = Inbox(socketio.test_client(app))
    code = teacher.sio.emit("share", callback=True)["code"]
    pupil = Inbox(socketio.test_client(app))
    pupil.sio.emit("join", {"code": code}, callback=True)
    teacher.sio.disconnect()
    newcomer = Inbox(socketio.test_client(app))
    ack = newcomer.sio.emit("join", {"code": code}, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "code"
    assert pupil.of("room")[-1]["code"] is None
    assert pupil.sio.emit("step", callback=True)["ok"], "back on their own run"
    for sio in (pupil.sio, newcomer.sio):
        sio.disconnect()


def test_watchers_are_counted_and_slow_frames_past_the_fanout_budget(app, classroom):
    from app.training.runner import FrameClock
    teacher, shared, student = classroom
    classroom = app.extensions["playground"].classroom
    room_session = classroom.rooms.get(shared["code"]).session
    pupils = [student() for _ in range(3)]
    assert classroom.watchers(room_session.id) == 4
    pupils[0].sio.emit("fork", callback=True)
    pupils[1].sio.disconnect()
    assert classroom.watchers(room_session.id) == 2
    clock = FrameClock(app.config["MAX_FRAME_RATE"], 90, now=0.0)
    assert clock.interval(1) == 1 / app.config["MAX_FRAME_RATE"]
    assert clock.interval(300) == 300 / 90


def test_a_reclaiming_teacher_gets_the_board_and_the_open_question(connect, classroom):
    teacher, shared, student = classroom
    pupil = student("Ada")
    pupil.sio.emit("fork", callback=True)
    pupil.sio.emit("submit_run", callback=True)
    ask = teacher.sio.emit("ask", {"question": "Converge?", "options": ["Yes", "No"]},
                           callback=True)
    teacher.sio.disconnect()
    back = Inbox(connect())
    back.sio.emit("claim", {"code": shared["code"], "teacher_token": shared["teacher_token"]},
                  callback=True)
    assert back.of("board")[-1]["entries"][0]["name"] == "Ada"
    assert back.of("question")[-1]["id"] == ask["id"]
    assert back.sio.emit("reveal", callback=True)["ok"]


def test_students_are_not_told_when_other_students_join(classroom):
    teacher, _, student = classroom
    first = student()
    rooms_before = len(first.of("room"))
    student()
    assert len(first.of("room")) == rooms_before
    assert teacher.of("room")[-1]["members"] == 2


def test_the_log_says_who_did_what_and_never_holds_a_token(caplog, connect, classroom):
    import logging
    caplog.set_level(logging.INFO, logger="app")
    teacher, shared, student = classroom
    pupil = student()
    pupil.sio.emit("pause", callback=True)
    Inbox(connect()).sio.emit("claim", {"code": shared["code"],
                                        "teacher_token": shared["teacher_token"]}, callback=True)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "join ok" in text and "pause refused (room)" in text and "claim ok" in text
    assert shared["teacher_token"] not in text


def test_the_teacher_hears_the_member_count_when_students_come_and_go(classroom):
    teacher, _, student = classroom
    first, second = student(), student()
    assert teacher.of("room")[-1]["members"] == 2
    second.sio.disconnect()
    assert teacher.of("room")[-1]["members"] == 1, "a student's closed page is counted out"
    assert first.sio.emit("leave", callback=True)["ok"]
    assert teacher.of("room")[-1]["members"] == 0


def test_a_room_whose_teacher_left_pauses_and_closes_on_its_own_clock():
    grace = 1
    app = create_app({"ROOM_GRACE_SECONDS": grace, "SWEEP_SECONDS": 0.2}, base=TestConfig)
    socketio = app.extensions["socketio"]
    teacher = Inbox(socketio.test_client(app))
    code = teacher.sio.emit("share", callback=True)["code"]
    run = teacher.of("run")[-1]["run"]
    teacher.sio.emit("configure", {"speed": 100}, callback=True)
    assert teacher.sio.emit("play", callback=True)["ok"]
    pupil = Inbox(socketio.test_client(app))
    assert pupil.sio.emit("join", {"code": code}, callback=True)["ok"]
    left = time.monotonic()
    teacher.sio.disconnect()
    # No event from anyone from here on: the room must close by itself.
    wait_for(lambda: pupil.of("room") and pupil.of("room")[-1]["code"] is None,
             timeout=grace + 3)
    assert time.monotonic() - left >= grace, "not before the grace period"
    messages = pupil.pull().messages
    closed = next(i for i, (name, args) in enumerate(messages)
                  if name == "room" and args["code"] is None)
    last = [args for name, args in messages[:closed] if name == "frame" and args["run"] == run][-1]
    assert last["running"] is False, "the room's run is paused when the room closes"
    ack = Inbox(socketio.test_client(app)).sio.emit("join", {"code": code}, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "code"
    pupil.sio.disconnect()

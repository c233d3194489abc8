"""Classroom griefing (issue 14, item 7): rooms per address, rooms nobody joined do not
linger, board entries and poll answers are one per student and go when the student goes, the
teacher hears board changes (not the whole board each time), resubmitting is paced."""
import json

import pytest

from app import create_app
from app.config import TestConfig
from tests.conftest import Inbox, wait_for

CONFIG = {"MAX_ROOMS_PER_ADDRESS": 2, "RECONNECT_GRACE_SECONDS": 0, "SWEEP_SECONDS": 0.05,
          "SUBMIT_INTERVAL_SECONDS": 0, "MAX_EVENTS_PER_SECOND": 1e9, "EVENT_BURST": 1e9}


@pytest.fixture
def app():
    return create_app(CONFIG, base=TestConfig)


@pytest.fixture
def page(app):
    """``page(address)``: a Socket.IO test client from that address, in an Inbox."""
    opened = []

    def open_page(address: str = "127.0.0.1") -> Inbox:
        browser = app.test_client()
        browser.environ_base["REMOTE_ADDR"] = address
        opened.append(app.extensions["socketio"].test_client(app, flask_test_client=browser))
        return Inbox(opened[-1])

    yield open_page
    for client in opened:
        if client.is_connected():
            client.disconnect()


def student_of(page, code: str, address: str = "127.0.0.1", name=None) -> Inbox:
    pupil = page(address)
    assert pupil.sio.emit("join", {"code": code, **({"name": name} if name else {})},
                          callback=True)["ok"]
    return pupil


def submit(pupil: Inbox, label: str = "") -> dict:
    pupil.sio.emit("fork", callback=True)
    pupil.sio.emit("step", callback=True)
    return pupil.sio.emit("submit_run", {"label": label}, callback=True)


def test_one_address_holds_at_most_its_share_of_rooms(page):
    shares = [page("10.0.0.5").sio.emit("share", callback=True) for _ in range(3)]
    assert [s["ok"] for s in shares] == [True, True, False]
    assert shares[2]["error"]["field"] == "room" and "address" in shares[2]["error"]["message"]
    assert page("10.0.0.6").sio.emit("share", callback=True)["ok"], "other teachers are not held up"


def test_a_room_nobody_joined_closes_soon_after_its_teacher_left(app, page):
    rooms = app.extensions["playground"].classroom.rooms
    teachers = [page("10.0.0.7") for _ in range(2)]
    for teacher in teachers:
        assert teacher.sio.emit("share", callback=True)["ok"]
        teacher.sio.disconnect()
    wait_for(lambda: len(rooms) == 0, timeout=5)
    assert page("10.0.0.7").sio.emit("share", callback=True)["ok"], "the address may share again"


def test_a_room_with_students_waits_for_its_teacher(app, page):
    rooms = app.extensions["playground"].classroom.rooms
    teacher = page()
    code = teacher.sio.emit("share", callback=True)["code"]
    student_of(page, code)
    teacher.sio.disconnect()
    app.extensions["playground"].classroom.sweep()
    assert rooms.has(code), "ROOM_GRACE_SECONDS (900 s) for a class, for a teacher's reload"


def test_board_entries_are_one_per_student_and_go_when_the_student_goes(app, page):
    teacher = page()
    code = teacher.sio.emit("share", callback=True)["code"]
    bots = [student_of(page, code, f"10.0.1.{k}") for k in range(10)]
    for bot in bots:
        assert submit(bot)["entries"] >= 1
        assert submit(bot)["ok"], "a resubmission replaces the entry"
    changes = teacher.of("board_change")
    assert len({e["id"] for c in changes for e in c["set"]}) == 10
    for bot in bots:
        bot.sio.disconnect()                         # gone for good (grace 0 here)
    wait_for(lambda: len(app.extensions["playground"].classroom.rooms.get(code).board) == 0)
    removed = {i for c in teacher.of("board_change") for i in c["removed"]}
    assert len(removed) == 10 and teacher.of("board_change")[-1]["ranking"] == []


def test_the_teacher_gets_each_change_not_the_whole_board(page):
    teacher = page()
    code = teacher.sio.emit("share", callback=True)["code"]
    pupils = [student_of(page, code, name=f"S{k}") for k in range(5)]
    for pupil in pupils:
        assert submit(pupil)["ok"]
    assert teacher.of("board") == [], "no whole board while the teacher is there"
    changes = teacher.of("board_change")
    assert [[e["name"] for e in c["set"]] for c in changes] == [[f"S{k}"] for k in range(5)]
    assert len(changes[-1]["ranking"]) == 5
    sizes = [len(json.dumps(c)) for c in changes]
    assert max(sizes) < 2 * min(sizes), "a change carries one entry, however full the board"


def test_leaving_takes_a_students_entry_and_vote_with_them(app, page):
    teacher = page()
    code = teacher.sio.emit("share", callback=True)["code"]
    pupil = student_of(page, code)
    submit(pupil)
    asked = teacher.sio.emit("ask", {"question": "Q?", "options": ["a", "b"]}, callback=True)
    pupil.sio.emit("follow", callback=True)
    assert pupil.sio.emit("answer", {"id": asked["id"], "choice": 1}, callback=True)["ok"]
    assert pupil.sio.emit("leave", callback=True)["ok"]
    assert teacher.sio.emit("reveal", callback=True)["counts"] == [0, 0]
    assert teacher.of("board_change")[-1]["removed"], "the entry went with the student"


def test_votes_are_one_per_student_and_reconnecting_bots_do_not_pile_up(app, page):
    teacher = page()
    code = teacher.sio.emit("share", callback=True)["code"]
    asked = teacher.sio.emit("ask", {"question": "Q?", "options": ["a", "b"]}, callback=True)
    pupil = student_of(page, code)
    for choice in (0, 1, 1):
        assert pupil.sio.emit("answer", {"id": asked["id"], "choice": choice}, callback=True)["ok"]
    for k in range(10):                              # a script: join, vote, close, again
        bot = student_of(page, code, "10.0.2.1")
        bot.sio.emit("answer", {"id": asked["id"], "choice": 0}, callback=True)
        bot.sio.disconnect()
    room = app.extensions["playground"].classroom.rooms.get(code)
    wait_for(lambda: room.question.counts() == [0, 1])
    assert teacher.sio.emit("reveal", callback=True)["counts"] == [0, 1]


def test_resubmitting_is_paced(page):
    app = create_app({**CONFIG, "SUBMIT_INTERVAL_SECONDS": 60}, base=TestConfig)
    teacher = Inbox(app.extensions["socketio"].test_client(app))
    code = teacher.sio.emit("share", callback=True)["code"]
    pupil = Inbox(app.extensions["socketio"].test_client(app))
    pupil.sio.emit("join", {"code": code}, callback=True)
    assert submit(pupil)["ok"]
    again = pupil.sio.emit("submit_run", callback=True)
    assert again["ok"] is False and again["error"]["field"] == "rate"
    for client in (pupil, teacher):
        client.sio.disconnect()

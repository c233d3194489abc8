"""The class view (a glimpse of every student's own run, on a clock) and the spotlight."""
import time

import pytest

from app import create_app
from app.config import TestConfig
from tests.conftest import Inbox, wait_for

INTERVAL = 0.2


@pytest.fixture
def room():
    """A teacher's class on an app whose class view ticks every ``INTERVAL`` seconds."""
    app = create_app({"CLASS_VIEW_SECONDS": INTERVAL}, base=TestConfig)
    socketio = app.extensions["socketio"]
    opened = []

    def connect():
        inbox = Inbox(socketio.test_client(app))
        opened.append(inbox.sio)
        return inbox

    teacher = connect()
    code = teacher.sio.emit("share", callback=True)["code"]

    def student(name):
        inbox = connect()
        assert inbox.sio.emit("join", {"code": code, "name": name}, callback=True)["ok"]
        return inbox

    student.classwork = app.extensions["playground"].classwork
    yield teacher, student
    for sio in opened:
        if sio.is_connected():
            sio.disconnect()


def _entries(teacher) -> dict:
    return {e["name"]: e for e in teacher.of("glimpses")[-1]["students"]}


def test_the_class_view_glimpses_every_students_own_run_on_its_clock(room):
    teacher, student = room
    ada, bo = student("Ada"), student("Bo")
    ada.sio.emit("fork", callback=True)
    ada.sio.emit("configure", {"learning_rate": 0.3}, callback=True)
    for _ in range(7):
        ada.sio.emit("step", callback=True)
    ack = teacher.sio.emit("class_view", {"open": True}, callback=True)
    assert ack == {"ok": True, "open": True, "students": 2}
    wait_for(lambda: teacher.of("glimpses"))
    entries = _entries(teacher)
    assert entries["Bo"] == {"student": entries["Bo"]["student"], "name": "Bo", "following": True}
    mine, frame = entries["Ada"], ada.last_frame()
    assert mine["following"] is False and mine["epoch"] == 7 and mine["running"] is False
    assert mine["weights"] == frame["weights"] and mine["biases"] == frame["biases"]
    assert mine["loss_test"] == frame["loss_test"] and mine["sizes"] == [2, 4, 2, 1]
    assert mine["features"] == ["x1", "x2"] and mine["output_activation"] == "tanh"
    assert mine["curve"]["epochs"][-1] == 7 and len(mine["curve"]["loss"]) == 8
    assert mine["curve"]["loss"][-1] == float(f"{frame['loss_test']:.4g}")
    started, count = time.monotonic(), len(teacher.of("glimpses"))
    wait_for(lambda: len(teacher.of("glimpses")) >= count + 10, timeout=10)
    # n messages after the start span at least n − 1 intervals of the schedule (the first
    # may come at once), so this never overstates the rate; 15 % for a late tick's catch-up.
    rate = (len(teacher.of("glimpses")) - count - 1) / (time.monotonic() - started)
    assert rate <= 1 / INTERVAL * 1.15, "never more often than its clock"
    assert teacher.sio.emit("class_view", {"open": False}, callback=True)["open"] is False
    wait_for(lambda: not student.classwork.clock.running)    # its clock stopped: nothing is due
    closed = len(teacher.of("glimpses"))
    assert teacher.sio.emit("class_view", {"open": False}, callback=True)["ok"]
    assert len(teacher.of("glimpses")) == closed


def test_each_glimpse_is_small(room):
    teacher, student = room
    import json
    pupils = [student(f"S{i}") for i in range(5)]
    for pupil in pupils:
        pupil.sio.emit("fork", callback=True)
    teacher.sio.emit("class_view", {"open": True}, callback=True)
    wait_for(lambda: teacher.of("glimpses"))
    sizes = [len(json.dumps(e)) for e in teacher.of("glimpses")[-1]["students"]]
    assert len(sizes) == 5 and max(sizes) < 1200, sizes


def test_the_spotlight_puts_a_students_run_before_the_class_until_the_teacher_goes_back(room):
    teacher, student = room
    ada, bo, cy = student("Ada"), student("Bo"), student("Cy")
    ada.sio.emit("fork", callback=True)
    cy.sio.emit("fork", callback=True)
    for _ in range(4):
        ada.sio.emit("step", callback=True)
    teacher.sio.emit("class_view", {"open": True}, callback=True)
    wait_for(lambda: teacher.of("glimpses"))
    number = _entries(teacher)["Ada"]["student"]
    assert teacher.sio.emit("spotlight", {"student": number}, callback=True) == \
        {"ok": True, "student": number}
    for inbox in (teacher, bo):
        assert inbox.last_frame()["epoch"] == 4 and inbox.of("room")[-1]["showing"] == \
            {"student": number, "name": "Ada"}
    assert cy.last_frame()["epoch"] == 0, "a student exploring stays on their own run"
    ada.sio.emit("step", callback=True)
    assert bo.last_frame()["epoch"] == 5 == teacher.last_frame()["epoch"], "the class follows it"
    assert ada.of("room")[-1]["following"] is False, "Ada still steers her own run"
    refused = teacher.sio.emit("step", callback=True)
    assert refused["error"]["field"] == "room", "the teacher watches, Ada steers"
    assert teacher.sio.emit("spotlight", {"student": None}, callback=True)["ok"]
    for inbox in (teacher, bo):
        assert inbox.last_frame()["epoch"] == 0 and inbox.of("room")[-1]["showing"] is None
    assert teacher.sio.emit("step", callback=True)["epoch"] == 1
    assert bo.last_frame()["epoch"] == 1


def test_the_spotlight_ends_when_its_student_leaves(room):
    teacher, student = room
    ada, bo = student("Ada"), student("Bo")
    ada.sio.emit("fork", callback=True)
    ada.sio.emit("step", callback=True)
    teacher.sio.emit("class_view", {"open": True}, callback=True)
    wait_for(lambda: teacher.of("glimpses"))
    teacher.sio.emit("spotlight", {"student": _entries(teacher)["Ada"]["student"]},
                     callback=True)
    assert bo.last_frame()["epoch"] == 1
    ada.sio.disconnect()
    assert bo.of("room")[-1]["showing"] is None and bo.last_frame()["epoch"] == 0
    assert teacher.sio.emit("step", callback=True)["ok"]


def test_only_a_student_exploring_their_own_run_can_be_shown(room):
    teacher, student = room
    student("Ada")
    teacher.sio.emit("class_view", {"open": True}, callback=True)
    wait_for(lambda: teacher.of("glimpses"))
    number = _entries(teacher)["Ada"]["student"]
    for payload in ({"student": number}, {"student": number + 50}, {"student": "Ada"}):
        ack = teacher.sio.emit("spotlight", payload, callback=True)
        assert ack["ok"] is False and ack["error"]["field"] == "student", payload


def test_a_student_exploring_an_image_run_is_glimpsed_without_a_plane(room):
    teacher, student = room
    ada, bo = student("Ada"), student("Bo")
    for pupil in (ada, bo):
        assert pupil.sio.emit("fork", callback=True)["ok"]
    assert ada.sio.emit("configure", {"problem": "images"}, callback=True)["ok"]
    assert ada.sio.emit("step", callback=True)["ok"]
    teacher.sio.emit("class_view", {"open": True}, callback=True)
    wait_for(lambda: teacher.of("glimpses") and len(_entries(teacher)) == 2)
    entries = _entries(teacher)
    image, plane = entries["Ada"], entries["Bo"]
    assert image["problem"] == "images" and image["epoch"] == 1 and "weights" not in image
    assert image["metric"] == "accuracy" and 0 <= image["metric_test"] <= 1
    assert len(image["curve"]["loss"]) == 2
    assert plane["problem"] == "classification" and plane["weights"]
    count = len(teacher.of("glimpses"))
    wait_for(lambda: len(teacher.of("glimpses")) > count + 1)     # the clock goes on

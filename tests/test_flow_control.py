"""Frames are "latest wins" (issue 14, item 2): a connection that has not taken what it was
sent gets no new frame, and once it reads again its next frame carries every epoch it missed.

The handler tests have no real sockets, so the test stands in for the Engine.IO send queues
(``Gate.backlog``); the server's memory with 50 clients that never read is measured by
``python -m bench.attack`` (a size is a benchmark's business).
"""
import pytest

from tests.conftest import Inbox


@pytest.fixture
def queues(app, monkeypatch):
    """Messages waiting per connection, set by the test: {sid: count}."""
    waiting: dict[str, int] = {}
    manager = app.extensions["socketio"].server.manager
    monkeypatch.setattr(app.extensions["playground"].gate, "backlog",
                        lambda eio_sid: waiting.get(manager.sid_from_eio_sid(eio_sid, "/"), 0))
    return waiting


def epochs_of(frames: list[dict]) -> list[int]:
    return [e for f in frames for e in range(f["history"]["start"], f["epoch"] + 1)]


def test_a_connection_that_does_not_read_gets_no_new_frames_and_then_catches_up(
        app, connect, queues):
    teacher, slow = connect(), connect()
    code = teacher.emit("share", callback=True)["code"]
    assert slow.emit("join", {"code": code}, callback=True)["ok"]
    slow_sid = app.extensions["playground"].classroom.rooms.get(code).members.copy().popitem()[0]
    teacher_in, slow_in = Inbox(teacher), Inbox(slow)
    teacher_in.pull(), slow_in.pull()
    before = slow_in.of("frame")
    queues[slow_sid] = 3                               # its socket has not taken three messages
    for _ in range(5):
        assert teacher.emit("step", callback=True)["ok"]
    assert len(slow_in.of("frame")) == len(before), "no frame while it has not read"
    assert [f["epoch"] for f in teacher_in.of("frame")][-5:] == [1, 2, 3, 4, 5]
    queues[slow_sid] = 1                               # only what was just sent is left
    assert teacher.emit("step", callback=True)["ok"]
    frames = slow_in.of("frame")
    assert len(frames) == len(before) + 1
    assert frames[-1]["epoch"] == 6 and frames[-1]["history"]["start"] == 1
    since_join = frames[len(before) - 1:]             # the join's whole-history frame on
    assert epochs_of(since_join) == list(range(7)), "every epoch once, none lost"
    assert teacher.emit("step", callback=True)["ok"]
    assert slow_in.of("frame")[-1]["history"]["start"] == 7, "then back on the shared frames"


def class_with_a_student(app, connect) -> tuple:
    """A teacher sharing their run and a student following it: (teacher, its sid, its Inbox)."""
    teacher, slow = connect(), connect()
    code = teacher.emit("share", callback=True)["code"]
    slow.emit("join", {"code": code}, callback=True)
    slow_sid = next(iter(app.extensions["playground"].classroom.rooms.get(code).members))
    slow_in = Inbox(slow)
    slow_in.pull()
    return teacher, slow_sid, slow_in


def test_a_slow_watcher_of_a_new_run_gets_the_new_run_from_epoch_0(app, connect, queues):
    teacher, slow_sid, slow_in = class_with_a_student(app, connect)
    teacher.emit("step", callback=True)
    queues[slow_sid] = 2
    teacher.emit("step", callback=True)
    teacher.emit("reset", callback=True)               # a new run while it lags
    teacher.emit("step", callback=True)
    queues[slow_sid] = 0
    teacher.emit("step", callback=True)
    last = slow_in.of("frame")[-1]
    assert last["run"] == slow_in.of("run")[-1]["run"]
    assert last["epoch"] == 2 and last["history"]["start"] == 0


def test_a_lagging_watcher_of_a_paused_run_still_gets_its_last_state(app, connect, queues):
    teacher, slow_sid, slow_in = class_with_a_student(app, connect)
    queues[slow_sid] = 2
    for _ in range(3):
        teacher.emit("step", callback=True)        # no frame comes after these
    queues[slow_sid] = 0
    app.extensions["playground"].publisher.catch_up()   # the gate's watchdog does this each second
    last = slow_in.of("frame")[-1]
    assert last["epoch"] == 3 and last["history"]["start"] == 1

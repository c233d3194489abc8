"""Two app instances and a real Redis: a student on instance B follows a run trained on A.

Needs Debian's ``redis-server`` (``scripts/test`` and ``.ci/run`` install it).
"""
import contextlib
import shutil
import socket
import subprocess
import urllib.request

import pytest
import socketio

from tests.conftest import wait_for
from tests.live_server import free_port, serve



@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A throwaway redis-server on a loopback port, no persistence."""
    assert shutil.which("redis-server"), "install Debian's redis-server (scripts/test does)"
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no", "--dir", str(folder)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        def answers():
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        wait_for(answers, timeout=10)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture(scope="module")
def instances(redis_url, tmp_path_factory):
    """Instances A and B sharing ``redis_url``: their base URLs."""
    env = {"PLAYGROUND_MESSAGE_QUEUE": redis_url, "PLAYGROUND_TRAIN_PROCESSES": "1"}
    logs = tmp_path_factory.mktemp("instances")
    with serve(logs / "a.log", env) as a, serve(logs / "b.log", env) as b:
        yield a, b


class Screen:
    """A Socket.IO client that keeps what it received, by event."""

    def __init__(self, url: str):
        self.client = socketio.Client(reconnection=False)
        self.received: dict[str, list] = {}
        self.client.on("*", lambda event, data=None: self.received.setdefault(event, []).append(data))
        self.client.connect(url, transports=["websocket"], wait_timeout=20)

    def call(self, event: str, data=None) -> dict:
        return self.client.call(event, data, timeout=20)

    def of(self, event: str) -> list:
        return list(self.received.get(event, []))

    def frames_of(self, run: int) -> list:
        return [f for f in self.of("frame") if f["run"] == run]


def test_a_student_on_b_follows_a_run_trained_on_a_late_joiners_included(instances):
    a, b = instances
    teacher = Screen(a)
    screens = [teacher]
    try:
        assert teacher.call("configure", {"speed": 200, "hidden_layers": [5, 3]})["ok"]
        share = teacher.call("share")
        assert share["ok"], share
        run = teacher.of("run")[-1]["run"]
        assert teacher.call("play")["ok"]

        student = Screen(b)
        screens.append(student)
        joined = student.call("join", {"code": share["code"]})
        assert joined["ok"] and joined["code"] == share["code"], joined
        followed = wait_for(lambda: [r for r in student.of("run") if r["run"] == run])
        assert followed[-1]["settings"] == teacher.of("run")[-1]["settings"]
        assert followed[-1]["sizes"] == [2, 5, 3, 1], "the teacher's network, not the student's"
        first = wait_for(lambda: student.frames_of(run))[0]
        wait_for(lambda: student.frames_of(run)[-1]["epoch"] >= first["epoch"] + 50, timeout=20)
        live = student.frames_of(run)
        assert len(live) >= 5, "frames keep streaming from A through Redis"

        # A late joiner: it comes after the run has gone on well past what it could see.
        wait_for(lambda: teacher.frames_of(run)[-1]["epoch"] >= live[-1]["epoch"] + 100, timeout=20)
        late = Screen(b)
        screens.append(late)
        assert late.call("join", {"code": share["code"]})["ok"]
        # Live frames may arrive before the catch-up (it is asked for through
        # Redis); the catch-up is the frame whose history starts at epoch 0.
        catch_up = wait_for(lambda: [f for f in late.frames_of(run) if f["history"]["start"] == 0])[0]
        assert catch_up["epoch"] > 50
        assert len(catch_up["history"]["train"]) == catch_up["epoch"] + 1, "the whole history"
        teacher_frames = {f["epoch"]: f["loss_train"] for f in teacher.frames_of(run)}
        shared = [f for f in live if f["epoch"] in teacher_frames]
        assert shared and all(teacher_frames[f["epoch"]] == f["loss_train"] for f in shared)

        refused = student.call("pause")
        assert refused["ok"] is False and refused["error"]["field"] == "room"
        assert student.call("answer", {"id": 1, "choice": 0})["error"]["field"] == "room"
        epoch = teacher.frames_of(run)[-1]["epoch"]
        wait_for(lambda: teacher.frames_of(run)[-1]["epoch"] > epoch + 20)
        assert teacher.frames_of(run)[-1]["running"], "the student could not pause A's run"

        assert student.call("leave")["ok"]
        own = wait_for(lambda: [r for r in student.of("run") if r["sizes"] != [2, 5, 3, 1]])
        assert own, "after leaving, the student is back on their own run"
    finally:
        for screen in screens:
            screen.client.disconnect()


def test_an_unknown_code_is_refused_on_every_instance(instances):
    for url in instances:
        screen = Screen(url)
        try:
            ack = screen.call("join", {"code": "ZZZZZZ"})
            assert ack["ok"] is False and ack["error"]["field"] == "code"
        finally:
            screen.client.disconnect()


def test_every_instance_serves_the_join_address_of_a_class_held_by_another(instances):
    a, b = instances
    teacher = Screen(a)
    try:
        code = teacher.call("share")["code"]
        for base in (a, b):
            with urllib.request.urlopen(f"{base}/join/{code}", timeout=10) as page:
                assert page.status == 200 and b"<html" in page.read()
            with urllib.request.urlopen(f"{base}/join/{code}/qr.svg", timeout=10) as qr:
                assert qr.status == 200 and b"<svg" in qr.read()
    finally:
        teacher.client.disconnect()

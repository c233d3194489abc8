"""Training in worker processes: same results as training here, edits win, crashes heal."""
import math
import os
import signal

import numpy as np
import pytest

from app import create_app
from app.config import TestConfig, load
from app.nn.train import Run, RunConfig
from app.play.session import Session
from app.socket.settings import default_settings, settings_schema
from app.training.backend import SliceRequest
from app.training.processes import ProcessBackend
from app.training.stops import StopRules
from tests.conftest import Inbox, wait_for

# The same code on the same CPU gives the same bits, but the copy lives in another
# process: compare within a stated relative tolerance, never byte for byte.
RELATIVE = 1e-12
SETTINGS = default_settings(settings_schema(load(TestConfig)))


@pytest.fixture
def backend():
    backend = ProcessBackend({"TRAIN_PROCESSES": 1, "MAX_FRAME_RATE": 5})  # slices of <= 0.2 s
    yield backend
    backend.close()


@pytest.fixture
def pooled():
    """An app training in one worker process, a connected client, its inbox."""
    app = create_app({"TRAIN_PROCESSES": 1}, base=TestConfig)
    sio = app.extensions["socketio"].test_client(app)
    yield app, sio, Inbox(sio)
    if sio.is_connected():
        sio.disconnect()
    app.extensions["playground"].training.close()


def session_of(run: Run, key: str = "k") -> Session:
    return Session(key, dict(SETTINGS), run)


def slice_of(backend, session, epochs=None, rules=StopRules()):
    """One slice of ``session``'s run in a worker, absorbed: (the job, the result)."""
    with session.lock:
        job = backend.submit(session, SliceRequest(epochs, rules, session.state_version, 0.0))
    return job, backend.collect(session, job)


def assert_same_training(one: Run, other: Run) -> None:
    assert one.epoch == other.epoch
    np.testing.assert_allclose(one.history.train, other.history.train, rtol=RELATIVE)
    np.testing.assert_allclose(one.history.test, other.history.test, rtol=RELATIVE)
    np.testing.assert_allclose(one.network.params, other.network.params, rtol=RELATIVE)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_slices_in_a_worker_equal_training_here(backend, optimizer):
    config = RunConfig(dataset="spiral", hidden_layers=(8, 8), optimizer=optimizer)
    session, local = session_of(Run(config)), Run(config)
    copies = 0
    while session.run.epoch < 60:
        job, result = slice_of(backend, session, epochs=7)
        copies += job.message["run"] is not None
        assert result.error is None and result.epochs <= 7
    local.train(session.run.epoch)
    assert copies == 1, "the run is shipped once, then only slice requests go"
    assert_same_training(session.run, local)


def test_an_edit_during_a_slice_wins_and_the_run_is_shipped_again(backend):
    session = session_of(Run(RunConfig()))
    with session.lock:
        job = backend.submit(session, SliceRequest(5, StopRules(), session.state_version, 0.0))
    with session.lock:
        session.set_parameter(0, 0, 0, 0.25)          # a user edit while the slice runs
    assert backend.collect(session, job).epochs == 0
    assert session.run.epoch == 0 and session.run.network.weights[0][0, 0] == 0.25
    again, result = slice_of(backend, session, epochs=5)
    assert again.message["run"] is not None, "the edited run goes to the worker again"
    assert 1 <= result.epochs <= 5 and session.run.network.weights[0][0, 0] != 0.25


def test_stop_rules_are_exact_in_a_worker(backend):
    session = session_of(Run(RunConfig()))
    for _ in range(100):     # slices last what the worker's CPU share allows
        slice_of(backend, session, rules=StopRules(stop_after=4))
        if session.run.epoch >= 4:
            break
    assert session.run.epoch == 4, "stops at the epoch limit, not a slice later"
    run = session.run
    for _ in range(500):     # until the test loss stops improving for two epochs
        slice_of(backend, session, rules=StopRules(patience=2))
        if run.epoch - run.best_test_epoch >= 2:
            break
    assert run.epoch - run.best_test_epoch == 2, "stops at the patience, not a slice later"


def test_a_killed_worker_is_started_again_and_gets_the_run_again(backend):
    session = session_of(Run(RunConfig()))
    slice_of(backend, session, epochs=3)
    link = backend.links[0]
    pid = link._process.pid
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: link._process.poll() is not None)
    job, result = slice_of(backend, session, epochs=3)
    assert job.message["run"] is None and result.epochs == 0 and result.error is None
    job, result = slice_of(backend, session, epochs=3)
    assert job.message["run"] is not None and 1 <= result.epochs <= 3
    assert link._process.pid != pid


def test_forget_frees_the_copy_and_the_place():
    backend = ProcessBackend({"TRAIN_PROCESSES": 2, "MAX_FRAME_RATE": 60})
    try:
        sessions = {key: session_of(Run(RunConfig()), key) for key in ("a", "b", "c")}
        for key in ("a", "b"):
            slice_of(backend, sessions[key], epochs=1)
        assert [w.sessions for w in backend.links] == [1, 1], "sessions spread over workers"
        backend.forget("a")
        wait_for(lambda: "a" not in backend.links[0].shipped)
        assert [w.sessions for w in backend.links] == [0, 1]
        slice_of(backend, sessions["c"], epochs=1)
        assert backend._placement["c"] is backend.links[0], "the freed place is taken first"
    finally:
        backend.close()
    assert [link._process for link in backend.links] == [None, None], "close stops every process"


def test_a_slice_brings_the_metrics_computed_in_the_worker(backend):
    session = session_of(Run(RunConfig()))
    _, result = slice_of(backend, session, epochs=5)
    name, train, test = result.metrics
    expected = session.run.metrics()
    assert name == expected[0]
    assert math.isclose(train, expected[1], rel_tol=RELATIVE)
    assert math.isclose(test, expected[2], rel_tol=RELATIVE)


def test_a_session_plays_through_the_workers_every_epoch_once(pooled):
    app, sio, inbox = pooled
    sio.emit("configure", {"speed": 10000, "stop_after": 300}, callback=True)
    assert sio.emit("play", callback=True)["ok"]
    frame = wait_for(lambda: (f := inbox.last_frame())["stopped"] and f, timeout=30)
    assert frame["epoch"] == 300 and frame["stopped"]["reason"] == "epoch_limit"
    frames = inbox.of("frame")
    epochs = [e for f in frames for e in range(f["history"]["start"], f["epoch"] + 1)]
    assert epochs == list(range(301)), "every epoch exactly once"
    links = app.extensions["playground"].training.backend.links
    assert [link._process is not None for link in links] == [True], "it trained in the worker"
    (session,) = app.extensions["playground"].registry._sessions.values()
    local = Run(session.run.config)
    local.train(300)
    assert_same_training(session.run, local)


def test_divergence_in_a_worker_pauses_the_run(pooled):
    app, sio, inbox = pooled
    (session,) = app.extensions["playground"].registry._sessions.values()
    with session.lock:
        session.run.network.params[0] = math.nan
        session.state_version += 1
    sio.emit("configure", {"speed": 10000}, callback=True)
    sio.emit("play", callback=True)
    frame = wait_for(lambda: (f := inbox.last_frame())["stopped"] and f, timeout=30)
    assert frame["stopped"]["reason"] == "diverged" and frame["epoch"] == 1


def test_a_failing_training_loop_pauses_the_run_and_play_works_again(pooled, monkeypatch):
    from app.training.runner import Runner
    _, sio, inbox = pooled
    real_submit = Runner._submit
    monkeypatch.setattr(Runner, "_submit", lambda self: 1 / 0)
    assert sio.emit("play", callback=True)["ok"]
    frame = wait_for(lambda: (f := inbox.last_frame())["stopped"] and f)
    assert frame["stopped"]["reason"] == "error" and frame["running"] is False
    monkeypatch.setattr(Runner, "_submit", real_submit)
    assert sio.emit("configure", {"stop_after": 5}, callback=True)["ok"]
    assert sio.emit("play", callback=True)["ok"], "the session is not stuck"
    frame = wait_for(lambda: (f := inbox.last_frame())["stopped"] and
                     f["stopped"]["reason"] == "epoch_limit" and f, timeout=30)
    assert frame["epoch"] == 5


def test_a_failed_batch_answers_its_jobs_and_the_next_one_trains(backend, monkeypatch):
    session = session_of(Run(RunConfig()))
    link = backend.links[0]
    exchange = link._exchange
    monkeypatch.setattr(link, "_exchange", lambda message: 1 / 0)
    _, result = slice_of(backend, session, epochs=2)
    assert result.error == "batch failed", "answered, not left to time out"
    monkeypatch.setattr(link, "_exchange", exchange)
    _, result = slice_of(backend, session, epochs=2)
    assert 1 <= result.epochs <= 2


def test_sessions_of_one_shape_train_together_in_a_worker_each_as_alone():
    app = create_app({"TRAIN_PROCESSES": 1}, base=TestConfig)
    socketio, inboxes = app.extensions["socketio"], []
    try:
        for seed, limit in ((1, 150), (2, 220), (3, 90)):
            inbox = Inbox(socketio.test_client(app))
            inbox.sio.emit("configure", {"speed": 10000, "stop_after": limit, "seed": seed,
                                         "learning_rate": 0.01 * seed}, callback=True)
            inboxes.append((inbox, limit))
        for inbox, _ in inboxes:
            assert inbox.sio.emit("play", callback=True)["ok"]
        for inbox, limit in inboxes:
            frame = wait_for(lambda: (f := inbox.last_frame())["stopped"] and f, timeout=60)
            assert frame["epoch"] == limit and frame["stopped"]["reason"] == "epoch_limit"
            epochs = [e for f in inbox.of("frame") if f["run"] == frame["run"]
                      for e in range(f["history"]["start"], f["epoch"] + 1)]
            assert epochs == list(range(limit + 1)), "every epoch exactly once"
        for session in app.extensions["playground"].registry._sessions.values():
            alone = Run(session.run.config)
            alone.train(session.run.epoch)
            np.testing.assert_allclose(session.run.network.params, alone.network.params,
                                       rtol=1e-9, atol=1e-12)   # stacked arithmetic's rounding
            np.testing.assert_allclose(session.run.history.test, alone.history.test, rtol=1e-6)
    finally:
        for inbox, _ in inboxes:
            inbox.sio.disconnect()
        app.extensions["playground"].training.close()


def test_pause_stops_training_where_the_watchers_see_it(pooled):
    app, sio, inbox = pooled
    (session,) = app.extensions["playground"].registry._sessions.values()
    sio.emit("configure", {"speed": 10000}, callback=True)
    sio.emit("play", callback=True)
    wait_for(lambda: inbox.last_frame()["epoch"] >= 30, timeout=30)
    assert sio.emit("pause", callback=True)["ok"]          # a slice is always in flight
    paused = inbox.last_frame()
    assert paused["running"] is False
    training = app.extensions["playground"].training
    wait_for(lambda: session.id not in training._active)   # the runner took its last slice
    assert session.run.epoch == paused["epoch"], "the slice in flight was dropped"
    assert inbox.last_frame()["epoch"] == paused["epoch"]


def test_a_copy_out_of_step_is_replaced_not_fatal(backend):
    session = session_of(Run(RunConfig()))
    slice_of(backend, session, epochs=3)
    session.run.train(2)          # as if a late slice had been lost: the copy is behind now
    _, result = slice_of(backend, session, epochs=2)
    assert result.error and "epoch" in result.error and session.run.epoch == 5
    job, result = slice_of(backend, session, epochs=2)
    assert job.message["run"] is not None, "a fresh copy goes with the next job"
    assert result.error is None and 1 <= result.epochs <= 2


def test_a_heavy_epoch_is_trained_in_slices_and_the_run_only_sees_whole_epochs():
    """Item 8 of issue 14: a slice of 1 ms ends inside a 1,000-batch epoch (it trained one whole)."""
    from app.nn.features import FEATURES
    config = RunConfig(num_points=1000, train_ratio=100.0, batch_size=1, dataset="spiral",
                       hidden_layers=(8,) * 6, features=tuple(FEATURES), learning_rate=0.01)
    backend = ProcessBackend({"TRAIN_PROCESSES": 1, "MAX_FRAME_RATE": 1000})   # slices of 1 ms
    try:
        session = session_of(Run(config))
        slice_of(backend, session, epochs=1)         # ships the run, starts the process
        _, result = slice_of(backend, session, epochs=1)
        assert result.epochs == 0 and session.run.epoch == 0, "the slice ended inside the epoch"
        reached = session.run.position
        assert reached > 0, "the web process holds the epoch under way"
        session.state_version += 1                   # as a pause or an edit: shipped again
        job, _ = slice_of(backend, session, epochs=1)
        assert job.message["run"] is not None
        assert session.run.epoch == 1 or session.run.position > reached, "it went on from there"
        for _ in range(5000):
            if session.run.epoch == 2:
                break
            slice_of(backend, session, epochs=2 - session.run.epoch)
        local = Run(config)
        local.train(2)
        assert_same_training(session.run, local)
    finally:
        backend.close()


def test_a_stalled_worker_is_replaced_and_its_runs_go_on_from_where_they_were():
    """Item 9 of issue 14: a worker stopped (SIGSTOP) past the timeout; its run goes on elsewhere."""
    app = create_app({"TRAIN_PROCESSES": 1, "WORKER_TIMEOUT_SECONDS": 1.0}, base=TestConfig)
    sio = app.extensions["socketio"].test_client(app)
    inbox, link = Inbox(sio), app.extensions["playground"].training.backend.links[0]
    pid = None
    try:
        sio.emit("configure", {"speed": 10000}, callback=True)
        assert sio.emit("play", callback=True)["ok"]
        wait_for(lambda: inbox.last_frame()["epoch"] >= 20, timeout=30)
        pid = link._process.pid
        os.kill(pid, signal.SIGSTOP)
        stalled = inbox.last_frame()["epoch"]
        # Still stopped: the run goes on only if another process trains it.
        wait_for(lambda: inbox.last_frame()["epoch"] >= stalled + 200, timeout=20)
        assert link._process.pid != pid, "a new worker trains the run"
        assert sio.emit("pause", callback=True)["ok"]
        frames = inbox.of("frame")
        assert all(not f["stopped"] or f["stopped"]["reason"] != "error" for f in frames)
        epochs = [e for f in frames for e in range(f["history"]["start"], f["epoch"] + 1)]
        assert epochs == list(range(epochs[-1] + 1)), "every epoch exactly once"
        (session,) = app.extensions["playground"].registry._sessions.values()
        local = Run(session.run.config)
        local.train(session.run.epoch)
        assert_same_training(session.run, local)
    finally:
        if pid is not None and link._process is not None and link._process.pid == pid:
            os.kill(pid, signal.SIGCONT)   # before the fix: let the stopped worker end with the test
        sio.disconnect()
        app.extensions["playground"].training.close()


def test_an_image_slice_brings_its_metrics_and_test_report_from_the_worker(backend):
    from app.nn.images.run import ImageRun
    from app.nn.images.run_config import ImageRunConfig
    session = session_of(ImageRun(ImageRunConfig(dataset="shapes", num_points=80)))
    _, result = slice_of(backend, session, epochs=3)
    assert result.epochs == 3 and session.run.epoch == 3
    expected = session.run.test_report()
    assert result.report["confusion"] == expected["confusion"]
    assert result.report["class_accuracy"] == expected["class_accuracy"]
    assert [(m["index"], m["predicted"]) for m in result.report["most_confused"]] == \
        [(m["index"], m["predicted"]) for m in expected["most_confused"]]
    assert math.isclose(result.metrics[2], session.run.metrics()[2], rel_tol=RELATIVE)


def test_an_image_session_learns_the_digits_through_the_workers(pooled):
    app, sio, inbox = pooled
    ack = sio.emit("configure", {"problem": "images", "dataset": "digits", "seed": 1,
                                 "speed": 10000}, callback=True)
    assert ack["ok"], ack
    assert sio.emit("play", callback=True)["ok"]
    frame = wait_for(lambda: next((f for f in inbox.of("frame")
                                   if (f["metric_test"] or 0) >= 0.95), None), timeout=60)
    sio.emit("pause", callback=True)
    assert frame["epoch"] <= 15
    frames = [f for f in inbox.of("frame") if f["run"] == frame["run"]]
    epochs = [e for f in frames for e in range(f["history"]["start"], f["epoch"] + 1)]
    assert epochs == list(range(frames[-1]["epoch"] + 1)), "every epoch exactly once"
    reports = [f["report"] for f in frames if "report" in f]
    assert reports and all(sum(map(sum, r["confusion"])) == 539 for r in reports)

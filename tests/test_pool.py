"""Training in worker processes: same results as training here, edits win, crashes heal."""
import math
import os
import signal

import pytest

from app import create_app
from app.config import TestConfig
from app.nn.train import Run, RunConfig
from app.training.pool import TrainingPool
from tests.conftest import Inbox, wait_for

SLICE = 0.2   # longest slice; a slice is shorter when the worker gets little CPU (a busy machine)


@pytest.fixture
def pool():
    pool = TrainingPool(1)
    yield pool
    pool.close()


@pytest.fixture
def pooled():
    """An app training in one worker process, a connected client, its inbox."""
    app = create_app({"TRAIN_PROCESSES": 1}, base=TestConfig)
    sio = app.extensions["socketio"].test_client(app)
    yield app, sio, Inbox(sio)
    if sio.is_connected():
        sio.disconnect()
    app.extensions["playground_hub"].pool.close()


def slice_of(pool, run, revision=1, key="k", epochs=None, stop_epoch=None, patience=None):
    """One slice of ``run`` in the pool; the result (progress not yet absorbed)."""
    job = pool.job(key, revision, run, SLICE, epochs, stop_epoch, patience)
    return job, pool.run(key, job)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_slices_in_a_worker_equal_training_here(pool, optimizer):
    config = RunConfig(dataset="spiral", hidden_layers=(8, 8), optimizer=optimizer)
    remote, local = Run(config), Run(config)
    copies = 0
    while remote.epoch < 60:
        job, result = slice_of(pool, remote, epochs=7)
        copies += job.message["run"] is not None
        assert remote.absorb(result["progress"]) <= 7
    local.train(remote.epoch)
    assert copies == 1, "the run is shipped once, then only slice requests go"
    assert remote.history.train == local.history.train
    assert remote.history.test == local.history.test
    assert (remote.network.params == local.network.params).all()


def test_an_edit_during_a_slice_wins_and_the_run_is_shipped_again(pool):
    app = create_app({"TRAIN_PROCESSES": 0}, base=TestConfig)
    session = app.extensions["playground_sessions"].create()
    job = pool.job(session.id, session.revision, session.run, SLICE, 5, None, None)
    session.set_parameter(0, 0, 0, 0.25)            # a user edit while the slice runs
    result = pool.run(session.id, job)
    assert session.absorb(job.message["revision"], result["progress"]) == 0
    assert session.run.epoch == 0 and session.run.network.weights[0][0, 0] == 0.25
    again = pool.job(session.id, session.revision, session.run, SLICE, 5, None, None)
    assert again.message["run"] is not None, "the edited run goes to the worker again"
    assert 1 <= session.absorb(session.revision, pool.run(session.id, again)["progress"]) <= 5


def test_stop_limits_are_exact(pool):
    run = Run(RunConfig())
    for _ in range(100):     # slices last what the worker's CPU share allows
        _, result = slice_of(pool, run, stop_epoch=4)
        assert run.absorb(result["progress"]) >= 0
        if run.epoch >= 4:
            break
    assert run.epoch == 4, "stops at the epoch limit, not a slice later"
    for _ in range(500):     # until the test loss stops improving for one epoch
        _, result = slice_of(pool, run, patience=2)
        assert run.absorb(result["progress"]) >= 1
        if run.epoch - run.best_test_epoch >= 2:
            break
    assert run.epoch - run.best_test_epoch == 2, "stops at the patience, not a slice later"


def test_a_killed_worker_is_started_again_and_gets_the_run_again(pool):
    run = Run(RunConfig())
    _, result = slice_of(pool, run, epochs=3)
    run.absorb(result["progress"])
    (pid,) = pool.pids()
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: pool.workers[0]._process.poll() is not None)
    job, result = slice_of(pool, run, epochs=3)
    assert job.message["run"] is None and result == {"key": "k", "missing": True}
    job, result = slice_of(pool, run, epochs=3)
    assert job.message["run"] is not None and 1 <= run.absorb(result["progress"]) <= 3
    assert pool.pids() != [pid]


def test_forget_frees_the_copy_and_the_place():
    pool = TrainingPool(2)
    try:
        run = Run(RunConfig())
        for key in ("a", "b"):
            slice_of(pool, run, key=key, epochs=1)
        assert [w.sessions for w in pool.workers] == [1, 1], "sessions spread over workers"
        pool.forget("a")
        wait_for(lambda: "a" not in pool.workers[0].shipped)
        assert [w.sessions for w in pool.workers] == [0, 1]
        job, result = slice_of(pool, run, key="c", epochs=1)
        assert pool._placement["c"] is pool.workers[0], "the freed place is taken first"
    finally:
        pool.close()
    assert pool.pids() == [], "close stops every process"


def test_a_session_plays_through_the_pool_every_epoch_once(pooled):
    app, sio, inbox = pooled
    sio.emit("configure", {"speed": 10000, "stop_after": 300}, callback=True)
    assert sio.emit("play", callback=True)["ok"]
    frame = wait_for(lambda: (f := inbox.last_frame())["stopped"] and f, timeout=30)
    assert frame["epoch"] == 300 and frame["stopped"]["reason"] == "epoch_limit"
    frames = inbox.of("frame")
    epochs = [e for f in frames for e in range(f["history"]["start"], f["epoch"] + 1)]
    assert epochs == list(range(301)), "every epoch exactly once"
    assert len(app.extensions["playground_hub"].pool.pids()) == 1
    (session,) = app.extensions["playground_sessions"]._sessions.values()
    local = Run(session.run.config)
    local.train(300)
    assert session.run.history.train == local.history.train


def test_divergence_in_a_worker_pauses_the_run(pooled):
    app, sio, inbox = pooled
    (session,) = app.extensions["playground_sessions"]._sessions.values()
    session.run.network.params[0] = math.nan
    session.revision += 1
    sio.emit("configure", {"speed": 10000}, callback=True)
    sio.emit("play", callback=True)
    frame = wait_for(lambda: (f := inbox.last_frame())["stopped"] and f, timeout=30)
    assert frame["stopped"]["reason"] == "diverged" and frame["epoch"] == 1


def test_frames_take_the_workers_metrics_until_the_run_changes(pool):
    app = create_app({"TRAIN_PROCESSES": 0}, base=TestConfig)
    session = app.extensions["playground_sessions"].create()
    job = pool.job(session.id, session.revision, session.run, SLICE, 5, None, None)
    session.absorb(session.revision, pool.run(session.id, job)["progress"])
    assert session._metrics is not None, "the slice brought its metrics"
    assert session.metrics() == session.run.metrics()
    session.set_parameter(0, 0, 0, 3.0)
    assert session._metrics[0] != session.revision, "an edit makes the cached metrics stale"
    assert session.metrics() == session.run.metrics()


def test_a_failing_training_loop_pauses_the_run_and_play_works_again(pooled, monkeypatch):
    from app.training.pool_runner import PoolRunner
    _, sio, inbox = pooled
    real_next_job = PoolRunner._next_job
    monkeypatch.setattr(PoolRunner, "_next_job", lambda self: 1 / 0)
    assert sio.emit("play", callback=True)["ok"]
    frame = wait_for(lambda: (f := inbox.last_frame())["stopped"] and f)
    assert frame["stopped"]["reason"] == "error" and frame["running"] is False
    monkeypatch.setattr(PoolRunner, "_next_job", real_next_job)
    assert sio.emit("configure", {"stop_after": 5}, callback=True)["ok"]
    assert sio.emit("play", callback=True)["ok"], "the session is not stuck"
    frame = wait_for(lambda: (f := inbox.last_frame())["stopped"] and
                     f["stopped"]["reason"] == "epoch_limit" and f, timeout=30)
    assert frame["epoch"] == 5


def test_a_failed_batch_answers_its_jobs_and_the_next_one_trains(pool, monkeypatch):
    run = Run(RunConfig())
    worker = pool.workers[0]
    exchange = worker._exchange
    monkeypatch.setattr(worker, "_exchange", lambda message: 1 / 0)
    _, result = slice_of(pool, run, epochs=2)
    assert result == {"key": "k", "error": "batch failed"}, "answered, not left to time out"
    monkeypatch.setattr(worker, "_exchange", exchange)
    _, result = slice_of(pool, run, epochs=2)
    assert 1 <= run.absorb(result["progress"]) <= 2

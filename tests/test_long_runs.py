"""A long run (issue 14, item 5): the loss history is bounded, so a late join, an export and
an edit (which ships the run to a worker) cost the same however many epochs the run trained.

Small history limits here (200 recent epochs, 100 older readings) make 20,000 epochs "long";
``python -m bench.attack`` measures a run of 10 million epochs with the defaults.
"""
import pickle

import pytest

from app import create_app
from app.config import TestConfig
from app.training import replica
from tests.conftest import Inbox, wait_for

LIMITS = {"HISTORY_RECENT_EPOCHS": 200, "HISTORY_THINNED_POINTS": 100,
          "MAX_EVENTS_PER_SECOND": 1e9, "EVENT_BURST": 1e9}
EPOCHS = 20_000
MOST = 2 * 200 + 100          # readings a history may hold with these limits


@pytest.fixture(scope="module")
def long_run():
    """A room whose run trained EPOCHS epochs (a tiny network on 10 points: fast)."""
    app = create_app(LIMITS, base=TestConfig)
    teacher = app.extensions["socketio"].test_client(app)
    assert teacher.emit("configure", {"num_points": 20, "batch_size": 30, "speed": 10000,
                                      "hidden_layers": [2]}, callback=True)["ok"]
    assert teacher.emit("play", callback=True)["ok"]
    session_id = Inbox(teacher).of("hello")[0]["session"]
    session = app.extensions["playground"].registry.get(session_id)
    wait_for(lambda: session.run.epoch >= EPOCHS, timeout=120)
    teacher.emit("pause", callback=True)
    code = teacher.emit("share", callback=True)["code"]
    yield app, teacher, code, session
    teacher.disconnect()


def test_a_late_joiner_gets_a_bounded_history_with_its_extremes(long_run):
    app, _, code, session = long_run
    student = app.extensions["socketio"].test_client(app)
    assert student.emit("join", {"code": code}, callback=True)["ok"]
    frame = Inbox(student).last_frame()
    history = frame["history"]
    assert frame["epoch"] == session.run.epoch >= EPOCHS
    assert len(history["train"]) == len(history["epochs"]) <= MOST
    assert history["start"] == 0 and history["epochs"][0] == 0
    assert history["epochs"][-1] == frame["epoch"], "up to now"
    assert min(v for v in history["train"]) == pytest.approx(min(session.run.history.train),
                                                             rel=1e-5)
    student.disconnect()


def test_an_export_is_bounded_and_imports_again(long_run):
    app, teacher, _, session = long_run
    model = teacher.emit("export_model", callback=True)["model"]
    assert model["version"] == 2
    assert len(model["history"]["train"]) == len(model["history"]["epochs"]) <= MOST
    other = app.extensions["socketio"].test_client(app)
    ack = other.emit("import_model", {"model": model}, callback=True)
    assert ack["ok"] and ack["epoch"] == session.run.epoch
    assert other.emit("step", callback=True)["epoch"] == session.run.epoch + 1
    other.disconnect()


def test_shipping_the_run_to_a_worker_costs_the_same_as_at_the_start(long_run):
    _, _, _, session = long_run
    fresh = create_app(LIMITS, base=TestConfig).extensions["playground"].registry.create()
    long_bytes, fresh_bytes = (len(replica.pack(s.run)) for s in (session, fresh))
    assert long_bytes < fresh_bytes + 1_000, (long_bytes, fresh_bytes)
    assert len(pickle.dumps(session.run.history)) < 20_000

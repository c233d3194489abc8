"""A session whose run is at epoch 10 million (issue 14, item 5), measured in this process.

Training 10 million epochs takes hours, so the run's loss history is filled
with 10 million readings directly (``LossHistory.extend``, what training
does a slice at a time); then the costs that used to grow with the run are
timed against the same session at epoch 10,000: the memory the session
holds (tracemalloc from before it connected; it sees NumPy's arrays), the run as shipped to a worker on
an edit (``replica.pack``), a late student's join (ack and first frame) and
an export. Part of ``python -m bench.attack``.
"""
import time
import tracemalloc

import numpy as np

from app import create_app
from app.config import TestConfig
from app.training import replica
from tests.conftest import Inbox

TARGET_SESSION_MB, TARGET_JOIN_S = 20.0, 1.0
REFERENCE_EPOCHS = 10_000


def _grow(session, epochs: int, rng) -> None:
    """Readings up to ``epochs`` epochs, as if the run had trained that long."""
    with session.lock:
        run = session.run
        while run.history.end < epochs + 1:
            count = min(500_000, epochs + 1 - run.history.end)
            losses = 0.1 + rng.random(count)
            run.history.extend(losses, losses * 1.1)
        run.epoch = run.history.end - 1


def _costs(app, teacher, code: str, session) -> dict:
    with session.lock:
        started = time.perf_counter()
        size = len(replica.pack(session.run))
        packed = time.perf_counter() - started
    student = app.extensions["socketio"].test_client(app)
    started = time.perf_counter()
    assert student.emit("join", {"code": code}, callback=True)["ok"]
    joined = time.perf_counter() - started
    frame = Inbox(student).last_frame()
    started = time.perf_counter()
    model = teacher.emit("export_model", callback=True)["model"]
    exported = time.perf_counter() - started
    student.disconnect()
    return {"epoch": frame["epoch"], "size_mb": size / 2**20, "pack_s": packed, "join_s": joined,
            "export_s": exported, "readings": len(model["history"]["train"])}


def measure_history(epochs: int) -> dict:
    """The costs at ``REFERENCE_EPOCHS`` and at ``epochs``."""
    app = create_app({"MAX_EVENTS_PER_SECOND": 1e9, "EVENT_BURST": 1e9}, base=TestConfig)
    tracemalloc.start()
    teacher = app.extensions["socketio"].test_client(app)
    teacher.emit("configure", {"hidden_layers": [2], "num_points": 20}, callback=True)
    session = app.extensions["playground"].registry.get(Inbox(teacher).of("hello")[0]["session"])
    code = teacher.emit("share", callback=True)["code"]
    rng = np.random.default_rng(0)
    _grow(session, REFERENCE_EPOCHS, rng)
    at_reference = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    reference = _costs(app, teacher, code, session)
    tracemalloc.start()
    started = time.perf_counter()
    _grow(session, epochs, rng)
    filled = time.perf_counter() - started
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    result = {"reference": reference, "long": _costs(app, teacher, code, session),
              "fill_s": filled, "session_mb": (at_reference + kept) / 2**20,
              "reference_mb": at_reference / 2**20}
    teacher.disconnect()
    return result


def history_rows(result: dict) -> list[tuple[str, str, str, bool]]:
    ref, long = result["reference"], result["long"]
    epochs = f"epoch {long['epoch']:,}"
    return [
        (f"memory of the session (and its room) at {epochs} (at {ref['epoch']:,})",
         f"{result['session_mb']:.2f} MB ({result['reference_mb']:.2f})",
         f"< {TARGET_SESSION_MB:.0f} MB", result["session_mb"] < TARGET_SESSION_MB),
        (f"run shipped to a worker on an edit at {epochs} (at {ref['epoch']:,})",
         f"{long['size_mb'] * 1024:.0f} KB in {long['pack_s'] * 1000:.1f} ms "
         f"({ref['size_mb'] * 1024:.0f} KB in {ref['pack_s'] * 1000:.1f} ms)", "", True),
        (f"late join at {epochs} (at {ref['epoch']:,})",
         f"{long['join_s'] * 1000:.0f} ms ({ref['join_s'] * 1000:.0f})",
         f"< {TARGET_JOIN_S * 1000:.0f} ms", long["join_s"] < TARGET_JOIN_S),
        (f"export at {epochs} (at {ref['epoch']:,})",
         f"{long['export_s'] * 1000:.0f} ms ({ref['export_s'] * 1000:.0f}), "
         f"{long['readings']} readings", "", True),
        ("time to fill the history (LossHistory.extend)", f"{result['fill_s']:.1f} s", "", True),
    ]

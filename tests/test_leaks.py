"""1,000 connect/configure/play/disconnect cycles leave no session, table entry or thread behind.

(The memory these cycles leave is measured by ``python -m bench.leaks``: a
size in megabytes is a benchmark's business, not a unit test's.)
"""
import threading
import time

from app import create_app
from app.config import TestConfig

CYCLES = 1000


def _settle(baseline: int, timeout: float = 10.0) -> int:
    """Thread count once finished runners and sweepers have exited (polled against a deadline)."""
    deadline = time.monotonic() + timeout
    while threading.active_count() > baseline and time.monotonic() < deadline:
        time.sleep(0.01)
    return threading.active_count()


def cycle(app, k: int) -> None:
    """One page's life: connect, configure, play at full speed, close."""
    client = app.extensions["socketio"].test_client(app)
    client.emit("configure", {"learning_rate": 0.1, "seed": k, "speed": 10000}, callback=True)
    client.emit("play", callback=True)
    client.get_received()  # the test client keeps what it received; the server must not
    client.disconnect()


def test_sessions_leave_no_sessions_tables_or_threads_behind():
    # Grace 0: a closed page's session is freed at once (normally it waits for a reload).
    app = create_app({"MAX_EVENTS_PER_SECOND": 1e9, "EVENT_BURST": 1e9,
                      "RECONNECT_GRACE_SECONDS": 0}, base=TestConfig)
    socketio = app.extensions["socketio"]
    playground = app.extensions["playground"]
    threads_before = threading.active_count()
    for k in range(CYCLES):
        cycle(app, k)
    assert _settle(threads_before) <= threads_before, "a runner or sweeper thread outlived its work"
    assert len(playground.registry) == 0 and playground.classroom.tables_empty()
    rooms = socketio.server.manager.rooms.get("/", {})
    assert all(not members for members in rooms.values()), "no socket room keeps a member"

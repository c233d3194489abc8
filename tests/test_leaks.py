"""1,000 connect/configure/play/disconnect cycles leave threads and memory flat."""
import gc
import resource
import threading
import time
from pathlib import Path

from app import create_app
from app.config import TestConfig

CYCLES = 1000
WARM_UP = 100


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _settle(baseline: int, timeout: float = 10.0) -> int:
    """Thread count once finished runners have exited (polled against a deadline)."""
    deadline = time.monotonic() + timeout
    while threading.active_count() > baseline and time.monotonic() < deadline:
        time.sleep(0.01)
    return threading.active_count()


def test_sessions_leave_no_threads_or_memory_behind(capsys):
    # Grace 0: a closed page's session is freed at once (normally it waits for a reload).
    app = create_app({"MAX_EVENTS_PER_SECOND": 1e9, "EVENT_BURST": 1e9,
                      "RECONNECT_GRACE_SECONDS": 0}, base=TestConfig)
    socketio = app.extensions["socketio"]
    registry = app.extensions["playground"].registry
    classroom = app.extensions["playground"].classroom
    threads_before = threading.active_count()

    def cycle(k: int) -> None:
        client = socketio.test_client(app)
        client.emit("configure", {"learning_rate": 0.1, "seed": k, "speed": 10000},
                    callback=True)
        client.emit("play", callback=True)
        client.get_received()  # the test client keeps what it received; the server must not
        client.disconnect()

    for k in range(WARM_UP):
        cycle(k)
    gc.collect()
    memory_warm = _rss_mb()
    threads_warm = _settle(threads_before)
    for k in range(WARM_UP, CYCLES):
        cycle(k)
    threads_after = _settle(threads_before)
    gc.collect()
    memory_after = _rss_mb()
    with capsys.disabled():
        print(f"\n{CYCLES} cycles: threads {threads_before} -> {threads_warm} -> {threads_after}; "
              f"RSS {memory_warm:.1f} MB after {WARM_UP} -> {memory_after:.1f} MB after {CYCLES}")
    assert len(registry) == 0 and classroom.tables_empty()
    assert threads_after <= threads_before
    assert memory_after - memory_warm < 25, "memory grows with every session"
    rooms = socketio.server.manager.rooms.get("/", {})
    assert all(not members for members in rooms.values()), "no socket room keeps a member"

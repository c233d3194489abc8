"""Per-connection event rate, per-address sessions: limits that keep one client from hurting others."""
import logging

from app import create_app
from app.config import TestConfig
from app.socket.ratelimit import RateLimiter


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_the_bucket_allows_a_burst_then_the_sustained_rate():
    clock = FakeClock()
    limiter = RateLimiter(rate=2, burst=4, clock=clock)
    assert [limiter.allow("a") for _ in range(6)] == [True] * 4 + [False] * 2
    assert limiter.allow("b"), "another key has its own bucket"
    clock.now = 1.0
    assert [limiter.allow("a") for _ in range(3)] == [True, True, False]
    limiter.forget("a")
    assert limiter.allow("a")


def test_a_flooding_connection_is_refused_by_name_and_others_are_not():
    app = create_app({"MAX_EVENTS_PER_SECOND": 1, "EVENT_BURST": 5}, base=TestConfig)
    socketio = app.extensions["socketio"]
    flooder, other = socketio.test_client(app), socketio.test_client(app)
    acks = [flooder.emit("pause", callback=True) for _ in range(20)]
    assert sum(a["ok"] for a in acks) <= 6
    refused = [a for a in acks if not a["ok"]]
    assert refused and all(a["error"]["field"] == "rate" for a in refused)
    assert other.emit("step", callback=True) == {"ok": True, "epoch": 1}
    flooder.disconnect()
    other.disconnect()


def test_a_flood_logs_its_first_refusal_and_then_a_count(caplog):
    caplog.set_level(logging.INFO, logger="app")
    app = create_app({"MAX_EVENTS_PER_SECOND": 1, "EVENT_BURST": 5}, base=TestConfig)
    flooder = app.extensions["socketio"].test_client(app)
    acks = [flooder.emit("pause", callback=True) for _ in range(50)]
    refused = sum(not a["ok"] for a in acks)
    flooder.disconnect()
    lines = [r.getMessage() for r in caplog.records]
    assert sum(line.endswith("pause refused (rate)") for line in lines) == 1
    assert any(line.endswith(f"{refused - 1} more events refused (rate)") for line in lines)


def test_one_address_cannot_open_more_than_its_share_of_sessions():
    app = create_app({"MAX_SESSIONS_PER_ADDRESS": 2, "RECONNECT_GRACE_SECONDS": 0}, base=TestConfig)
    socketio = app.extensions["socketio"]
    clients = [socketio.test_client(app) for _ in range(3)]
    assert [c.is_connected() for c in clients] == [True, True, False]
    clients[0].disconnect()
    again = socketio.test_client(app)
    assert again.is_connected(), "a closed page frees its place"
    for client in (clients[1], again):
        client.disconnect()

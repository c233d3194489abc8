"""Guessing class codes (issue 14, item 10): ``/join/CODE/qr.svg`` answered 200 or 404 at 530
requests a second from one address, an oracle for live codes. Unknown codes now count against
the address (``JOIN_MISSES_PER_MINUTE``) on every way in (the join page, its QR code, the code
box, the ``join`` event); past that every lookup from the address is refused for a while, and
a class whose students type the right code never notices."""
import pytest

from app import create_app
from app.config import TestConfig
from app.play.rooms import new_code
from app.socket.ratelimit import RateLimiter

MISSES = 5


@pytest.fixture
def app():
    return create_app({"JOIN_MISSES_PER_MINUTE": MISSES, "MAX_EVENTS_PER_SECOND": 1e9,
                       "EVENT_BURST": 1e9}, base=TestConfig)


def browser(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def wrong_codes(live: str, count: int) -> list[str]:
    codes = []
    while len(codes) < count:
        if (code := new_code()) != live:
            codes.append(code)
    return codes


def live_code(app) -> str:
    return app.extensions["socketio"].test_client(app).emit("share", callback=True)["code"]


@pytest.mark.parametrize("path", ["/join/{}/qr.svg", "/join/{}", "/join?code={}"])
def test_guessing_codes_over_http_is_throttled_per_address(app, path):
    code = live_code(app)
    guesser = browser(app, "10.0.0.9")
    answers = [guesser.get(path.format(guess)).status_code for guess in wrong_codes(code, 20)]
    assert answers[:MISSES] == [404] * MISSES and set(answers[MISSES:]) == {429}
    refused = guesser.get(path.format(code))
    assert refused.status_code == 429, "even a live code: the oracle is closed"
    assert "unknown class codes" in refused.get_data(as_text=True)
    assert refused.headers["Retry-After"]
    assert browser(app, "10.0.0.10").get(path.format(code)).status_code in (200, 302), \
        "other addresses are not held up"


def test_guessing_codes_with_the_join_event_is_throttled_per_address(app):
    code = live_code(app)
    page = browser(app, "10.0.0.11")
    guesser = app.extensions["socketio"].test_client(app, flask_test_client=page)
    acks = [guesser.emit("join", {"code": guess}, callback=True)
            for guess in wrong_codes(code, MISSES + 3)]
    assert all(a["ok"] is False and a["error"]["field"] == "code" for a in acks)
    assert "unknown class codes" not in acks[MISSES - 1]["error"]["message"]
    assert "unknown class codes" in acks[MISSES]["error"]["message"]
    assert guesser.emit("join", {"code": code}, callback=True)["ok"] is False
    assert browser(app, "10.0.0.11").get(f"/join/{code}").status_code == 429, \
        "one allowance per address, however the codes are tried"


def test_a_class_behind_one_address_joins_freely(app):
    code = live_code(app)
    school = browser(app, "10.0.0.12")
    for _ in range(60):
        assert school.get(f"/join/{code}").status_code == 200
        assert school.get(f"/join/{code}/qr.svg").status_code == 200
    for _ in range(MISSES - 1):                      # a few typos on the way
        assert school.get("/join/ZZZZZZ").status_code == 404
    students = [app.extensions["socketio"].test_client(app, flask_test_client=school)
                for _ in range(30)]
    assert all(s.emit("join", {"code": code}, callback=True)["ok"] for s in students)


def test_misses_refill_and_forgotten_addresses_stay_bounded():
    now = [0.0]
    limiter = RateLimiter(1.0, 2.0, clock=lambda: now[0], max_keys=100)
    assert [limiter.allow("a") for _ in range(3)] == [True, True, False]
    assert not limiter.available("a")
    now[0] = 1.0
    assert limiter.available("a") and limiter.allow("a")
    for k in range(1000):
        limiter.allow(f"10.1.{k // 250}.{k % 250}")
    assert len(limiter._buckets) <= 100

"""What a script sends over a raw websocket (issue 14, items 1, 3, 4, 6, 10), against the real
server: reserved event names, binary attachments, malformed packets, Engine.IO connections that
never open a session or come too many from one address, an empty frame.

Each attack is bounded (tens of packets, a few seconds) and stays on loopback; the
attackers use their own loopback addresses (127.0.0.N) so the limits per address show.
"""
import json
import time

import pytest

from tests.conftest import wait_for
from tests.live_server import serve
from tests.raw_engineio import BINARY, Closed, RawSocket, client_frame

LIMITS = {"PLAYGROUND_OPEN_SECONDS": "1", "PLAYGROUND_MAX_CONNECTIONS_PER_ADDRESS": "4",
          "PLAYGROUND_MAX_SESSIONS_PER_ADDRESS": "3", "PLAYGROUND_MAX_BAD_PACKETS": "3",
          "PLAYGROUND_TRAIN_PROCESSES": "1", "PLAYGROUND_MAX_STRIKES": "5"}


@pytest.fixture(scope="module")
def server(artifacts):
    log = artifacts / "gate-server.log"
    with serve(log, LIMITS) as url:
        yield url, log


@pytest.fixture
def sockets():
    """Raw websockets a test opens: ``sockets(url, source)``; all closed afterwards."""
    opened = []

    def open_socket(url: str, source: str) -> RawSocket:
        opened.append(RawSocket(url, source))
        return opened[-1]

    yield open_socket
    for raw in opened:
        raw.close()


@pytest.fixture
def session(sockets):
    """A Socket.IO session over a raw websocket: ``session(url, source)``."""
    def open_session(url: str, source: str) -> RawSocket:
        raw = sockets(url, source)
        raw.open()
        raw.connect()
        return raw

    return open_session


def call(raw: RawSocket, ack_id: int, event: str, payload=None) -> object:
    """Send ``event`` with an ack id; the ack's payload (frames and the rest are skipped)."""
    args = [event] + ([] if payload is None else [payload])
    raw.send(f"42{ack_id}{json.dumps(args)}")
    while True:
        text = raw.packet()
        if text.startswith(f"43{ack_id}["):
            return json.loads(text[2 + len(str(ack_id)):])[0]


def test_connect_sent_as_an_event_makes_no_session(server, session, sockets):
    url, _ = server
    raw = session(url, "127.0.0.11")
    ack = call(raw, 1, "connect", {})
    assert ack["ok"] is False and ack["error"]["field"] == "event"
    for k in range(2, 12):                     # more of them: the connection is closed
        try:
            raw.send(f"42{k}" + json.dumps(["connect", {}]))
        except OSError:
            break
    assert raw.wait_closed(5)
    # MAX_SESSIONS_PER_ADDRESS is 3: the closed page's session waits for a reload, two more open
    pages = [session(url, "127.0.0.11") for _ in range(2)]
    for page in pages:
        page.close()


def test_disconnect_sent_as_an_event_is_refused_and_the_page_keeps_its_run(server, session, sockets):
    url, _ = server
    raw = session(url, "127.0.0.12")
    ack = call(raw, 1, "disconnect")
    assert ack["ok"] is False and ack["error"]["field"] == "event"
    assert call(raw, 2, "step") == {"ok": True, "epoch": 1}
    raw.close()


def test_binary_attachments_are_refused_and_the_connection_closed(server, session, sockets):
    url, _ = server
    raw = session(url, "127.0.0.13")
    raw.send('459999999999-["configure",{"_placeholder":true,"num":0}]')
    try:
        for _ in range(20):
            raw.send_frame(b"\0" * 100_000, BINARY)
    except OSError:
        pass
    assert raw.wait_closed(5), "a connection sending binary packets is closed"


def test_malformed_packets_are_logged_once_and_close_the_connection(server, session, sockets):
    url, log = server
    raw = session(url, "127.0.0.14")
    sent = 0
    try:
        for _ in range(200):
            raw.send("42[")
            sent += 1
    except OSError:
        pass
    assert raw.wait_closed(5)
    text = log.read_text()
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if "127.0.0.14" in line and "bad packet" in line]
    assert 1 <= len(lines) <= 2, lines


def test_an_engineio_connection_without_a_session_is_closed(server, session, sockets):
    url, _ = server
    raw = sockets(url, "127.0.0.15")
    raw.open()
    started = time.monotonic()
    assert raw.wait_closed(6), "it answered pings but never opened a session"
    assert time.monotonic() - started < 4


def test_engineio_connections_per_address_are_limited(server, session, sockets):
    url, _ = server
    held = []
    for _ in range(4):                         # MAX_CONNECTIONS_PER_ADDRESS
        held.append(sockets(url, "127.0.0.16"))
        held[-1].open()
    with pytest.raises(Closed, match="HTTP 4"):
        sockets(url, "127.0.0.16").open()
    other = session(url, "127.0.0.17")         # another address is not affected
    other.close()
    for raw in held:
        raw.close()


def test_a_refused_connection_hears_why(server, session, sockets):
    url, _ = server
    pages = [session(url, "127.0.0.18") for _ in range(3)]
    fourth = sockets(url, "127.0.0.18")
    fourth.open()
    with pytest.raises(Closed, match="too many open pages"):
        fourth.connect()
    for raw in pages + [fourth]:
        raw.close()


def test_an_empty_frame_closes_the_connection_quietly(server, session, sockets):
    url, log = server
    raw = session(url, "127.0.0.19")
    raw.send("")
    seen = b""
    raw.sock.settimeout(5)
    try:
        while True:
            _, payload = raw.receive()
            seen += payload
    except (Closed, ConnectionError, TimeoutError):
        pass
    assert b"HTTP/1.1 500" not in seen and b"Internal Server Error" not in seen
    wait_for(lambda: "127.0.0.19" in log.read_text(), timeout=5)
    assert "Traceback" not in log.read_text()


def test_an_address_that_keeps_misbehaving_is_turned_away_at_the_door(server, session, sockets):
    url, log = server
    for _ in range(5):                              # MAX_STRIKES closings
        raw = sockets(url, "127.0.0.20")
        raw.open()
        for _ in range(3):
            raw.send("42[")
        assert raw.wait_closed(5)
    started = time.monotonic()
    with pytest.raises(OSError):                    # held unread (HEADER_SECONDS), no handshake
        RawSocket(url, "127.0.0.20", timeout=2)
    assert time.monotonic() - started >= 1.5, "held, not closed at once (a script would spin)"
    assert session(url, "127.0.0.21"), "other addresses come in"
    wait_for(lambda: "MAX_STRIKES" in log.read_text(), timeout=5)


def test_a_burst_of_events_from_a_client_that_reads_keeps_its_connection(server, session):
    """A burst's answers queue before the sending task gets its turn; that is not a client
    that does not read (SEND_QUEUE_LIMIT): bench.flood's flooder was closed mid-run for it."""
    url, _ = server
    raw = session(url, "127.0.0.31")                   # an address no other test uses
    burst = 150                                        # over SEND_QUEUE_LIMIT (64) answers
    raw.sock.sendall(b"".join(client_frame(f'42{i}["pause"]'.encode()) for i in range(burst)))
    answered, deadline = set(), time.monotonic() + 10
    while len(answered) < burst and time.monotonic() < deadline:
        text = raw.packet()                            # Closed here: it was cut off
        if text.startswith("43"):
            answered.add(int(text[2:text.index("[")]))
    assert answered == set(range(burst))
    assert "ok" in call(raw, burst, "pause"), "still connected after the burst (Closed if not)"

"""Serving under attack (issue 14, items 1 and 10), against the real server on loopback:
idle websockets and slow headers cannot starve a page, one address cannot take every
connection, the Engine.IO endpoint and gunicorn's own error pages carry the security headers,
and acks stay fast while the worker processes train.

Bounded: at most 600 sockets for a few seconds; the "attackers" use their own loopback
addresses (127.0.1.N), the page 127.0.0.1.
"""
import socket
import statistics
import time
import urllib.request

import pytest
import socketio

from app.web.security import HEADERS
from tests.live_server import serve
from tests.raw_engineio import RawSocket

ENV = {"PLAYGROUND_OPEN_SECONDS": "30", "PLAYGROUND_HEADER_SECONDS": "2",
       "PLAYGROUND_MAX_TCP_PER_ADDRESS": "60", "PLAYGROUND_TRAIN_PROCESSES": "2"}
IDLE_SOCKETS, ADDRESSES = 600, 12


@pytest.fixture(scope="module")
def server(artifacts):
    log = artifacts / "serving-server.log"
    with serve(log, ENV) as url:
        yield url, log


def page_answers(url: str, seconds: float) -> bool:
    try:
        with urllib.request.urlopen(url + "/", timeout=seconds) as response:
            return response.status == 200
    except OSError:
        return False


def a_page_steps(url: str, seconds: float) -> bool:
    """A normal Socket.IO client connects, trains one epoch and leaves within ``seconds``."""
    client = socketio.Client(reconnection=False)
    try:
        client.connect(url, transports=["websocket"], wait_timeout=seconds)
        return client.call("step", timeout=seconds) == {"ok": True, "epoch": 1}
    except (socketio.exceptions.ConnectionError, socketio.exceptions.TimeoutError):
        return False
    finally:
        client.disconnect()


def test_idle_websockets_do_not_starve_a_page(server):
    url, _ = server
    idle = []
    try:
        for k in range(IDLE_SOCKETS):   # Engine.IO open, never a Socket.IO session
            raw = RawSocket(url, f"127.0.1.{1 + k % ADDRESSES}", timeout=10)
            idle.append(raw)
            raw.open()
        started = time.monotonic()
        assert page_answers(url, 5) and a_page_steps(url, 5)
        assert time.monotonic() - started < 5
    finally:
        for raw in idle:
            raw.close()


def _slow_request(url: str, source: str) -> socket.socket:
    host, port = url.rsplit("//", 1)[1].split(":")
    sock = socket.create_connection((host, int(port)), timeout=10, source_address=(source, 0))
    sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    return sock


def test_slow_headers_are_cut_off(server):
    url, _ = server
    slow = [_slow_request(url, f"127.0.2.{1 + k % 5}") for k in range(200)]
    started = time.monotonic()
    try:
        for sock in slow:
            sock.sendall(b"X-a: b\r\n")       # still sending headers, never finishing
        assert page_answers(url, 5) and a_page_steps(url, 5)
        closed = 0
        for sock in slow:
            sock.settimeout(max(0.1, 6 - (time.monotonic() - started)))
            try:
                closed += sock.recv(1) == b""
            except (TimeoutError, ConnectionError):
                pass
        assert closed == len(slow), "HEADER_SECONDS (2 s here) ends a request without its headers"
    finally:
        for sock in slow:
            sock.close()


def test_one_address_cannot_hold_every_connection(server):
    url, _ = server
    host, port = url.rsplit("//", 1)[1].split(":")
    held = [socket.create_connection((host, int(port)), timeout=5,
                                     source_address=("127.0.3.1", 0)) for _ in range(60)]
    try:
        with socket.create_connection((host, int(port)), timeout=5,
                                      source_address=("127.0.3.1", 0)) as extra:
            try:
                extra.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                answer = extra.recv(100)
            except ConnectionResetError:
                answer = b""
        assert answer == b"", "the 61st connection from one address is closed unanswered"
        assert page_answers(url, 5), "other addresses are served"
    finally:
        for sock in held:
            sock.close()


def _raw_response(url: str, request: bytes) -> bytes:
    host, port = url.rsplit("//", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


@pytest.mark.parametrize("request_bytes", [
    b"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"GET /socket.io/?EIO=3&transport=polling HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"NOT A REQUEST\r\n\r\n",
])
def test_socketio_and_gunicorn_answers_carry_the_security_headers(server, request_bytes):
    url, _ = server
    head = _raw_response(url, request_bytes).split(b"\r\n\r\n", 1)[0].decode("latin-1")
    for name, value in HEADERS.items():
        assert f"\r\n{name}: {value}" in head, (request_bytes, name, head)


def test_acks_stay_fast_while_the_worker_trains(server):
    """The web process waits for its worker cooperatively: a blocking read would stop every socket."""
    url, _ = server
    heavy = {"hidden_layers": [8] * 6, "num_points": 1000, "batch_size": 1, "speed": 10000,
             "features": ["x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1", "sin_x2"]}
    trainers = []
    for seed in range(8):
        client = socketio.Client(reconnection=False)
        client.connect(url, transports=["websocket"])
        assert client.call("configure", {**heavy, "seed": seed}, timeout=10)["ok"]
        assert client.call("play", timeout=10)["ok"]
        trainers.append(client)
    probe = socketio.Client(reconnection=False)
    probe.connect(url, transports=["websocket"])
    try:
        waits = []
        for k in range(20):
            sent = time.monotonic()
            assert probe.call("configure", {"learning_rate": 0.01 + k / 1000}, timeout=10)["ok"]
            waits.append(time.monotonic() - sent)
            time.sleep(0.05)
        assert statistics.median(waits) < 0.25, waits
    finally:
        for client in trainers + [probe]:
            client.disconnect()

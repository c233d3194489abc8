"""Shared fixtures: the app, its HTTP client, Socket.IO test clients, and polling."""
import json
import time
from pathlib import Path

import pytest

from app import create_app
from app.config import TestConfig
from tests.live_server import serve

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """A git-ignored folder for screenshots and server logs."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# Every test's teacher shares from 127.0.0.1, and a room with students waits for its
# teacher (ROOM_GRACE_SECONDS): one session of tests is many teachers at one address.
LIVE_SERVER_ENV = {"PLAYGROUND_MAX_ROOMS_PER_ADDRESS": "50"}


@pytest.fixture(scope="session")
def live_server(artifacts):
    """The real app (``python -m app``, gunicorn) on a free loopback port: its base URL."""
    with serve(artifacts / "server.log", LIVE_SERVER_ENV) as url:
        yield url


@pytest.fixture
def app():
    return create_app(base=TestConfig)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def connect(app, client):
    """Open Socket.IO test clients on ``app``; all are disconnected afterwards."""
    opened = []

    def _connect():
        sio = app.extensions["socketio"].test_client(app, flask_test_client=client)
        opened.append(sio)
        return sio

    yield _connect
    for sio in opened:
        if sio.is_connected():
            sio.disconnect()


@pytest.fixture
def sio(connect):
    return connect()


def wait_for(predicate, timeout=10.0, interval=0.02):
    """Poll ``predicate`` until it returns a truthy value or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


def emit_any_json(client, event: str, payload=None, through_gate: bool = False):
    """``client.emit(event, payload, callback=True)`` whose packet may carry NaN or Infinity.

    The app's JSON refuses them (``wire_json``), and the test client shares
    that encoder; a Python client's default encoder writes them, so the
    server must refuse them by name. This packet alone is encoded leniently.
    With ``through_gate`` it enters where packets off the wire do (the gate).
    """
    from socketio import packet
    client.callback_counter += 1
    message = packet.Packet(packet.EVENT, data=[event] + ([] if payload is None else [payload]),
                            id=client.callback_counter)
    message.json = json
    server = client.socketio.server
    receive = server.eio.handlers["message"] if through_gate else server._handle_eio_message
    receive(client.eio_sid, message.encode())
    ack, client.acks = client.acks, None
    return ack["args"][0]


class Inbox:
    """Collects what a Socket.IO test client received, by event name."""

    def __init__(self, sio):
        self.sio = sio
        self.messages: list[tuple[str, dict]] = []

    def pull(self) -> "Inbox":
        for message in self.sio.get_received():
            self.messages.append((message["name"], message["args"][0]))
        return self

    def of(self, name: str) -> list[dict]:
        return [args for event, args in self.pull().messages if event == name]

    def last_frame(self) -> dict:
        return self.of("frame")[-1]


@pytest.fixture
def inbox(sio):
    return Inbox(sio)

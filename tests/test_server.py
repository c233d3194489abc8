"""The real entry point: ``python -m app`` on gunicorn, websockets, pages from the app only."""
import os
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
import socketio

from tests.conftest import wait_for

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    with open(log_path, "w") as log, subprocess.Popen(
            [sys.executable, "-m", "app", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
            stdout=log, stderr=subprocess.STDOUT) as process:
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(lambda: _answers(url + "/api/catalog") or process.poll() is not None, 20)
            assert process.poll() is None, log_path.read_text()
            yield url
        finally:
            process.terminate()
            process.wait(10)


def test_runs_on_gunicorn_not_the_development_server(server):
    with urllib.request.urlopen(server + "/api/catalog") as response:
        assert "gunicorn" in response.headers.get("Server", "").lower()
        assert "Werkzeug" not in response.headers.get("Server", "")


def test_a_websocket_client_trains_and_receives_throttled_frames(server):
    client = socketio.Client()
    epochs, done = [], threading.Event()

    def on_frame(frame):
        epochs.append((frame["history"]["start"], frame["epoch"]))
        if frame["epoch"] >= 300:
            done.set()

    client.on("frame", on_frame)
    client.connect(server, transports=["websocket"])
    try:
        assert client.transport() == "websocket"
        assert client.call("configure", {"speed": 10000})["ok"]
        assert client.call("play") == {"ok": True, "running": True}
        assert done.wait(20), f"only reached {epochs[-1]}"
        client.call("pause")
    finally:
        client.disconnect()
    covered = [e for start, end in epochs for e in range(start, end + 1)]
    assert covered[:covered[-1] + 1] == list(range(covered[-1] + 1))
    assert len(epochs) < covered[-1] / 2, "many epochs per frame at full speed"

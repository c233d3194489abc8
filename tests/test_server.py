"""The real entry point: ``python -m app`` on gunicorn, websockets, pages from the app only."""
import threading
import urllib.request

import pytest
import socketio


def test_runs_on_gunicorn_not_the_development_server(live_server):
    with urllib.request.urlopen(live_server + "/api/catalog") as response:
        assert "gunicorn" in response.headers.get("Server", "").lower()
        assert "Werkzeug" not in response.headers.get("Server", "")


def test_a_websocket_client_trains_and_receives_throttled_frames(live_server):
    client = socketio.Client()
    epochs, done = [], threading.Event()

    def on_frame(frame):
        epochs.append((frame["history"]["start"], frame["epoch"]))
        if frame["epoch"] >= 300:
            done.set()

    client.on("frame", on_frame)
    client.connect(live_server, transports=["websocket"])
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


def test_socketio_refuses_a_page_from_another_origin(live_server):
    client = socketio.Client(reconnection=False)
    try:
        with pytest.raises(socketio.exceptions.ConnectionError):
            client.connect(live_server, transports=["websocket"],
                           headers={"Origin": "http://elsewhere.example"}, wait_timeout=5)
    finally:
        client.disconnect()
    same = socketio.Client(reconnection=False)
    same.connect(live_server, transports=["websocket"])  # its own origin
    assert same.connected
    same.disconnect()

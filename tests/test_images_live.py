"""Issue 15's acceptance against the real server (``python -m app``, worker processes, websockets).

A Socket.IO client configures ``{"problem": "images", "dataset": "digits",
"seed": 1}`` with the default network, plays at full speed and must see
``metric_test`` >= 0.95 within 30 s of wall time; a dense network on the
pixels (``conv_layers: []``) must train too. Every frame is decoded with a
JSON parser that refuses NaN and Infinity (strict JSON). The time and epochs
measured are written to ``test-artifacts/images-live.txt`` (the README's
numbers come from ``bench.frames``).
"""
import json
import threading
import time
import types

import socketio

from tests.conftest import wait_for

ACCURACY, DEADLINE_S = 0.95, 30.0


def _refuse(constant: str):
    raise ValueError(f"not strict JSON: {constant}")


# What socketio.Client decodes packets with: json, but NaN and Infinity are refused.
STRICT_JSON = types.SimpleNamespace(dumps=json.dumps,
                                    loads=lambda s, **kw: json.loads(s, parse_constant=_refuse))


class FrameClient:
    """A client that keeps every frame (strictly decoded) and the latest run."""

    def __init__(self, url: str):
        self.sio = socketio.Client(reconnection=False, json=STRICT_JSON)
        self.frames: list[dict] = []
        self.runs: list[dict] = []
        self.lock = threading.Lock()
        self.sio.on("frame", self._frame)
        self.sio.on("run", lambda run: self.runs.append(run))
        self.sio.connect(url, transports=["websocket"], wait_timeout=20)

    def _frame(self, frame: dict) -> None:
        with self.lock:
            self.frames.append(frame)

    def play_to(self, settings: dict, accuracy: float, deadline: float) -> tuple[float, dict]:
        """Configure, press Play, wait for a frame at ``accuracy``: (wall seconds, that frame)."""
        ack = self.sio.call("configure", {**settings, "speed": 10_000}, timeout=20)
        assert ack["ok"], ack
        run = ack["settings"]
        started = time.monotonic()
        assert self.sio.call("play", timeout=20)["ok"]

        def reached():
            with self.lock:
                return next((f for f in self.frames if f["running"]
                             and (f["metric_test"] or 0) >= accuracy), None)
        frame = wait_for(reached, timeout=deadline)
        seconds = time.monotonic() - started
        self.sio.call("pause", timeout=20)
        assert run["problem"] == "images"
        return seconds, frame


def test_the_default_digit_cnn_and_a_dense_network_reach_95_percent_within_30_s(live_server,
                                                                                artifacts):
    client = FrameClient(live_server)
    try:
        cnn_seconds, cnn = client.play_to({"problem": "images", "dataset": "digits", "seed": 1},
                                          ACCURACY, DEADLINE_S)
        cnn_parameters = client.runs[-1]["parameter_count"]
        client.frames.clear()
        dense_seconds, dense = client.play_to({"conv_layers": []}, ACCURACY, DEADLINE_S)
        dense_parameters = client.runs[-1]["parameter_count"]
    finally:
        client.sio.disconnect()
    assert cnn_seconds < DEADLINE_S and dense_seconds < DEADLINE_S
    assert (cnn_parameters, dense_parameters) == (1370, 650)
    assert "conv_kernels" in cnn and dense["conv_kernels"] == []
    (artifacts / "images-live.txt").write_text(
        f"default digit CNN ({cnn_parameters} parameters): metric_test {cnn['metric_test']} "
        f"at epoch {cnn['epoch']} after {cnn_seconds:.2f} s from Play\n"
        f"softmax on the pixels ({dense_parameters} parameters): metric_test "
        f"{dense['metric_test']} at epoch {dense['epoch']} after {dense_seconds:.2f} s\n")

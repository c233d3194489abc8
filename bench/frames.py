"""Bytes per frame on the wire at full speed: the engine benchmark's three networks, the digit CNN.

Run ``python -m bench.frames`` from the repository root (``--quick``: a
shorter window). It starts the real server, trains each network at full speed
for a while, and sizes every frame received as the server sent it: the
Socket.IO text packet ``42["frame",{...}]`` encoded with the app's JSON
(``app.socket.wire_json``; re-encoding the decoded frame gives the same
bytes). Frames carry the weights plus every epoch's losses since the previous
frame, so their size depends on the training speed too; an image run's
frames carry the kernels too, and now and then the test set's confusion
matrix (the maximum includes those). Targets: <= 4 KB for the 6×8 network
with all seven features, <= 16 KB for the default digit CNN. It also times
the digit CNN from Play to 95 % test accuracy as a Socket.IO client sees it
(the page adds drawing: ``bench.browser``). A report, not a test.
"""
import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

import socketio

from app.nn.features import FEATURES
from app.socket import wire_json
from tests.live_server import serve

POINTS = {"problem": "classification", "batch_size": 10, "num_points": 500, "train_ratio": 50}
DIGITS = {"problem": "images", "dataset": "digits", "seed": 1}      # the default digit CNN
NETWORKS = (
    ("default: circle (4,2)", {**POINTS, "dataset": "circle", "hidden_layers": [4, 2],
                               "features": ["x1", "x2"]}),
    ("6x8: spiral, x1 x2", {**POINTS, "dataset": "spiral", "hidden_layers": [8] * 6,
                            "features": ["x1", "x2"]}),
    ("6x8: spiral, all 7 features", {**POINTS, "dataset": "spiral", "hidden_layers": [8] * 6,
                                     "features": list(FEATURES)}),
    ("default digit CNN", DIGITS),
)
TARGETS = {"6x8: spiral, all 7 features": 4096, "default digit CNN": 16 * 1024}
ACCURACY, PLAY_DEADLINE_S = 0.95, 30.0


def packet_bytes(frame: dict) -> int:
    """Length of the Socket.IO event packet carrying ``frame``, as the server encodes it."""
    return len(("42" + wire_json.dumps(["frame", frame])).encode())


def measure(seconds: float) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory() as folder, serve(Path(folder) / "server.log") as url:
        client = socketio.Client(reconnection=False)
        sizes: list[int] = []
        client.on("frame", lambda frame: sizes.append(packet_bytes(frame)))
        client.connect(url, transports=["websocket"], wait_timeout=20)
        for name, settings in NETWORKS:
            client.call("configure", {**settings, "speed": 10_000}, timeout=20)
            client.call("play", timeout=20)
            time.sleep(0.5)                       # past the start: steady frames only
            sizes.clear()
            time.sleep(seconds)
            client.call("pause", timeout=20)
            steady = list(sizes)
            results.append({"network": name, "frames": len(steady),
                            "median": statistics.median(steady) if steady else 0,
                            "max": max(steady, default=0)})
        results.append(play_to_accuracy(client))
        client.disconnect()
    return results


def play_to_accuracy(client: socketio.Client) -> dict:
    """Wall seconds and epochs from Play until a frame shows ``ACCURACY`` (the digit CNN, anew)."""
    reached = threading.Event()
    found: list[dict] = []

    def frame(message: dict) -> None:
        if message["running"] and (message["metric_test"] or 0) >= ACCURACY and not found:
            found.append(message)
            reached.set()
    client.call("configure", {**DIGITS, "seed": 2}, timeout=20)      # a new run ...
    client.call("configure", {**DIGITS, "speed": 10_000}, timeout=20)  # ... seed 1 again
    client.on("frame", frame)
    started = time.monotonic()
    client.call("play", timeout=20)
    seconds = time.monotonic() - started if reached.wait(PLAY_DEADLINE_S) else None
    client.call("pause", timeout=20)
    return {"play": seconds, "epoch": found[0]["epoch"] if found else None}


def rows(results: list[dict]) -> list[tuple[str, str, str, bool]]:
    table = []
    for result in results:
        if "play" in result:
            seconds = result["play"]
            table.append((f"server: digit CNN from Play to {ACCURACY:.0%} test accuracy "
                          "(a Socket.IO client)",
                          f"{seconds:.2f} s (epoch {result['epoch']})" if seconds is not None
                          else f"not within {PLAY_DEADLINE_S:g} s", "< 10 s",
                          seconds is not None and seconds < 10))
            continue
        target = TARGETS.get(result["network"])
        table.append((f"bytes/frame, {result['network']} (median / max)",
                      f"{result['median']:,.0f} / {result['max']:,} B",
                      f"<= {target:,} B" if target else "",
                      target is None or result["max"] <= target))
    return table


def main() -> int:
    from bench.loopback import print_table

    parser = argparse.ArgumentParser(prog="python -m bench.frames", description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 s per network")
    args = parser.parse_args()
    print_table(rows(measure(1.0 if args.quick else args.seconds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

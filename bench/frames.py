"""Bytes per frame on the wire, for the engine benchmark's three networks at full speed.

Run ``python -m bench.frames`` from the repository root (``--quick``: a
shorter window). It starts the real server, trains each network at full speed
for a while, and sizes every frame received as the server sent it: the
Socket.IO text packet ``42["frame",{...}]`` encoded with the app's JSON
(``app.socket.wire_json``; re-encoding the decoded frame gives the same
bytes). Frames carry the weights plus every epoch's losses since the previous
frame, so their size depends on the training speed too. Target: <= 4 KB for
the 6×8 network with all seven features. A report, not a test.
"""
import argparse
import statistics
import tempfile
import time
from pathlib import Path

import socketio

from app.nn.features import FEATURES
from app.socket import wire_json
from tests.live_server import serve

NETWORKS = (
    ("default: circle (4,2)", {"dataset": "circle", "hidden_layers": [4, 2], "features": ["x1", "x2"]}),
    ("6x8: spiral, x1 x2", {"dataset": "spiral", "hidden_layers": [8] * 6, "features": ["x1", "x2"]}),
    ("6x8: spiral, all 7 features", {"dataset": "spiral", "hidden_layers": [8] * 6,
                                     "features": list(FEATURES)}),
)
TARGET_BYTES = 4096   # for the all-features network


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
            client.call("configure", {**settings, "speed": 10_000, "batch_size": 10,
                                      "num_points": 500, "train_ratio": 50}, timeout=20)
            client.call("play", timeout=20)
            time.sleep(0.5)                       # past the start: steady frames only
            sizes.clear()
            time.sleep(seconds)
            client.call("pause", timeout=20)
            steady = list(sizes)
            results.append({"network": name, "frames": len(steady),
                            "median": statistics.median(steady) if steady else 0,
                            "max": max(steady, default=0)})
        client.disconnect()
    return results


def rows(results: list[dict]) -> list[tuple[str, str, str, bool]]:
    table = []
    for result in results:
        judged = "all 7" in result["network"]
        table.append((f"bytes/frame, {result['network']} (median / max)",
                      f"{result['median']:,.0f} / {result['max']:,} B",
                      f"<= {TARGET_BYTES:,} B" if judged else "",
                      result["max"] <= TARGET_BYTES))
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

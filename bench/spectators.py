"""300 students watching one teacher's run, on loopback: frames, rate, latency, server load.

Run ``python -m bench.spectators`` from the repository root (``--quick`` for a
smoke run with a few clients). It starts the real server (``python -m app``),
a teacher who shares a run and trains at full speed, and N spectators split
over a few processes (asyncio Socket.IO clients), all on 127.0.0.1. Every
loop is bounded by ``--seconds``. It prints one table: per spectator, the
share of the teacher's frames received, frames per second, and the delivery
latency (arrival time minus the frame's ``server_time``), plus the server's
CPU and memory. Targets: every spectator ≥ 95 % of frames at ≥ 10 frames/s,
p95 latency < 250 ms. A report, not a test: it exits 0 either way.
"""
import argparse
import asyncio
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path

import socketio

from bench.loopback import percentile, server_rows, watch_server
from bench.loopback import report as report_table
from tests.live_server import serve_process

TARGET_SHARE, TARGET_RATE, TARGET_P95_MS = 0.95, 10.0, 250.0


def _spectate(url: str, code: str, count: int, seconds: float, start_at: float, out) -> None:
    """One process: ``count`` async clients join ``code`` and record frames until the end."""
    async def one(index: int) -> dict:
        client = socketio.AsyncClient(reconnection=False)
        record = {"frames": [], "latency": []}

        @client.on("frame")
        async def frame(message):
            now = time.time()
            if start_at <= now <= start_at + seconds:
                record["frames"].append(message["epoch"])
                record["latency"].append(now - message["server_time"])

        await client.connect(url, transports=["websocket"], wait_timeout=30)
        await client.call("join", {"code": code, "name": f"spectator {index}"}, timeout=30)
        await asyncio.sleep(max(0.0, start_at + seconds - time.time()) + 0.5)
        await client.disconnect()
        return record

    async def main():
        return await asyncio.gather(*(one(i) for i in range(count)), return_exceptions=True)

    results = asyncio.run(main())
    out.put([r if isinstance(r, dict) else {"error": repr(r)} for r in results])


def measure(spectators: int, seconds: float, processes: int, speed: float,
            env: dict | None = None) -> dict:
    with tempfile.TemporaryDirectory() as folder, \
            serve_process(Path(folder) / "server.log", env) as (url, server):
        teacher = socketio.Client(reconnection=False)
        teacher_frames = []
        teacher.on("frame", lambda m: teacher_frames.append((time.time(), m["epoch"])))
        teacher.connect(url, transports=["websocket"])
        code = teacher.call("share")["code"]
        start_at = time.time() + 5 + spectators / 60  # time for everyone to connect
        queue = multiprocessing.Queue()
        share = [spectators // processes + (i < spectators % processes) for i in range(processes)]
        workers = [multiprocessing.Process(target=_spectate,
                                           args=(url, code, n, seconds, start_at, queue))
                   for n in share if n]
        for worker in workers:
            worker.start()
        teacher.call("configure", {"speed": speed})
        teacher.call("play")
        use = watch_server(server.pid, start_at, seconds)
        records = [r for _ in workers for r in queue.get(timeout=60 + seconds)]
        for worker in workers:
            worker.join(30)
        teacher.call("pause")
        teacher.disconnect()
    sent = sum(1 for t, _ in teacher_frames if start_at <= t <= start_at + seconds)
    return {"records": records, "sent": sent, "seconds": seconds, **use,
            "spectators": spectators, "speed": speed}


def rows(result: dict) -> list[tuple[str, str, str, bool]]:
    good = [r for r in result["records"] if "error" not in r]
    errors = [r["error"] for r in result["records"] if "error" in r]
    shares = [len(r["frames"]) / max(1, result["sent"]) for r in good]
    rates = [len(r["frames"]) / result["seconds"] for r in good]
    p50s = [1000 * percentile(r["latency"], 0.50) for r in good]
    p95s = [1000 * percentile(r["latency"], 0.95) for r in good]
    return [
        ("teacher's speed setting", f"{result['speed']:g} epochs/s", "", True),
        ("spectators connected", f"{len(good)} of {result['spectators']}", "all", not errors),
        ("teacher's frames in window", f"{result['sent']} ({result['sent'] / result['seconds']:.1f}/s)", "", True),
        ("frame share, worst / median", f"{min(shares, default=0):.1%} / {statistics.median(shares or [0]):.1%}",
         f">= {TARGET_SHARE:.0%}", min(shares, default=0) >= TARGET_SHARE),
        ("frames/s, worst / median", f"{min(rates, default=0):.1f} / {statistics.median(rates or [0]):.1f}",
         f">= {TARGET_RATE:.0f}", min(rates, default=0) >= TARGET_RATE),
        ("latency p50 (median of spectators)", f"{statistics.median(p50s or [float('nan')]):.0f} ms", "", True),
        ("latency p95, median / worst", f"{statistics.median(p95s or [float('nan')]):.0f} / {max(p95s, default=float('nan')):.0f} ms",
         f"< {TARGET_P95_MS:.0f} ms", max(p95s, default=1e9) < TARGET_P95_MS),
    ] + server_rows(result)


def report(result: dict) -> None:
    report_table(rows(result), result["records"], "spectators")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.spectators", description=__doc__)
    parser.add_argument("--spectators", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--speed", type=float, default=100,
                        help="the teacher's epochs per second (10000 = full speed)")
    parser.add_argument("--frame-rate", type=int, default=0,
                        help="override the server's MAX_FRAME_RATE (default: its own)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 5 spectators, 3 s")
    args = parser.parse_args()
    if args.quick:
        args.spectators, args.seconds, args.processes = 5, 3.0, 1
    # Every spectator comes from 127.0.0.1 here: lift the per-address limit for this server.
    env = {"PLAYGROUND_MAX_SESSIONS_PER_ADDRESS": str(args.spectators + 10)}
    if args.frame_rate:
        env["PLAYGROUND_MAX_FRAME_RATE"] = str(args.frame_rate)
    report(measure(args.spectators, args.seconds, args.processes, args.speed, env))
    if args.quick:
        print("\n--quick: smoke run only; targets are for the full run.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

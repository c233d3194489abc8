"""30 concurrent sessions training the default network at full speed, on loopback.

Run ``python -m bench.sessions`` from the repository root (``--quick`` for a
smoke run). It starts the real server (training in its worker processes),
then 30 asyncio clients in one process; each trains its own run at full
speed and sends a live ``configure`` twice a second, timing the ack. It
prints each session's epochs per second (worst, median, best, and worst/best),
ack latency, and how busy each CPU core was. Targets (2-core machine): every
session >= 40 epochs/s, worst/best >= 0.67, ack p95 < 150 ms, both cores used.
A report, not a test: it exits 0 either way.
"""
import argparse
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path

from bench.loopback import (epochs_per_second, percentile, server_rows, training_clients,
                            watch_server)
from bench.loopback import report as report_table
from tests.live_server import serve_process

FULL_SPEED = 10_000
TARGET_EPOCHS, TARGET_FAIRNESS, TARGET_P95_MS, TARGET_CORE = 40.0, 0.67, 150.0, 0.5


def measure(sessions: int, seconds: float) -> dict:
    env = {"PLAYGROUND_MAX_SESSIONS_PER_ADDRESS": str(sessions + 10)}
    with tempfile.TemporaryDirectory() as folder, \
            serve_process(Path(folder) / "server.log", env) as (url, server):
        start_at = time.time() + 5
        results = multiprocessing.Queue()
        clients = multiprocessing.Process(
            target=training_clients,
            args=(url, sessions, seconds, start_at, results, {"speed": FULL_SPEED}))
        clients.start()
        use = watch_server(server.pid, start_at, seconds)
        records = results.get(timeout=60 + seconds)
        clients.join(30)
    return {"records": records, "seconds": seconds, **use, "sessions": sessions}


def rows(result: dict) -> list[tuple[str, str, str, bool]]:
    good = [r for r in result["records"] if "error" not in r]
    speeds = sorted(epochs_per_second(r) for r in good) or [0.0]
    acks = [1000 * a for r in good for a in r["acks"]]
    fairness = speeds[0] / speeds[-1] if speeds[-1] else 0.0
    cores = result["cores"]
    return [
        ("sessions training at full speed", f"{len(good)} of {result['sessions']}", "all",
         len(good) == result["sessions"]),
        ("epochs/s per session, worst / median / best",
         f"{speeds[0]:.0f} / {statistics.median(speeds):.0f} / {speeds[-1]:.0f}",
         f">= {TARGET_EPOCHS:.0f}", speeds[0] >= TARGET_EPOCHS),
        ("fairness: worst / best session", f"{fairness:.2f}", f">= {TARGET_FAIRNESS}",
         fairness >= TARGET_FAIRNESS),
        ("ack latency p50 / p95", f"{percentile(acks, 0.5):.0f} / {percentile(acks, 0.95):.0f} ms",
         f"p95 < {TARGET_P95_MS:.0f} ms", percentile(acks, 0.95) < TARGET_P95_MS),
        ("CPU use of each core (whole machine)", " / ".join(f"{c:.0%}" for c in cores),
         f"each >= {TARGET_CORE:.0%}", min(cores) >= TARGET_CORE),
    ] + server_rows(result)


def report(result: dict) -> None:
    report_table(rows(result), result["records"], "sessions")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sessions", description=__doc__)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--quick", action="store_true", help="smoke run: 3 sessions, 3 s")
    args = parser.parse_args()
    if args.quick:
        args.sessions, args.seconds = 3, 3.0
    report(measure(args.sessions, args.seconds))
    if args.quick:
        print("\n--quick: smoke run only; targets are for the full run.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

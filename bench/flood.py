"""Fair share on loopback: 30 training sessions and one client flooding 1,000 events/s.

Run ``python -m bench.flood`` from the repository root (``--quick`` for a smoke
run). It starts the real server, 30 well-behaved clients that each train their
own run and send a live ``configure`` twice a second (timing its ack), and one
flooder that sends events as fast as it is allowed to try (1,000 a second).
Every loop is bounded by ``--seconds``. It prints one table: frames per second
and ack latency of the well-behaved sessions, and how much of the flood the
server refused. Targets: every session ≥ 10 frames/s, ack p95 < 250 ms, the
flooder throttled. A report, not a test: it exits 0 either way.
"""
import argparse
import asyncio
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path

import socketio

from bench.loopback import percentile, server_rows, training_clients, watch_server
from bench.loopback import report as report_table
from tests.live_server import serve_process

TARGET_RATE, TARGET_P95_MS = 10.0, 250.0


def _flood(url: str, per_second: int, seconds: float, start_at: float, out) -> None:
    """One client sending ``per_second`` events a second without waiting for answers."""
    async def main():
        client = socketio.AsyncClient(reconnection=False)
        counts = {"sent": 0, "ok": 0, "refused": 0}

        def answered(ack):
            counts["ok" if ack.get("ok") else "refused"] += 1

        await client.connect(url, transports=["websocket"], wait_timeout=30)
        await asyncio.sleep(max(0.0, start_at - time.time()))
        while time.time() < start_at + seconds:
            tick = time.time()
            for k in range(per_second // 20):
                await client.emit("configure", {"noise": k % 50}, callback=answered)
                counts["sent"] += 1
            await asyncio.sleep(max(0.0, 0.05 - (time.time() - tick)))
        await asyncio.sleep(1.0)  # let the last answers in
        await client.disconnect()
        return counts

    out.put(asyncio.run(main()))


def measure(sessions: int, seconds: float, flood_rate: int) -> dict:
    env = {"PLAYGROUND_MAX_SESSIONS_PER_ADDRESS": str(sessions + 10)}
    with tempfile.TemporaryDirectory() as folder, \
            serve_process(Path(folder) / "server.log", env) as (url, server):
        start_at = time.time() + 5
        results, flood = multiprocessing.Queue(), multiprocessing.Queue()
        workers = [multiprocessing.Process(target=training_clients,
                                           args=(url, sessions, seconds, start_at, results)),
                   multiprocessing.Process(target=_flood,
                                           args=(url, flood_rate, seconds, start_at, flood))]
        for worker in workers:
            worker.start()
        use = watch_server(server.pid, start_at, seconds)
        records, flooder = results.get(timeout=60 + seconds), flood.get(timeout=60 + seconds)
        for worker in workers:
            worker.join(30)
    return {"records": records, "flooder": flooder, "seconds": seconds, **use,
            "sessions": sessions, "flood_rate": flood_rate}


def report(result: dict) -> None:
    good = [r for r in result["records"] if "error" not in r]
    rates = [r["frames"] / result["seconds"] for r in good]
    acks = [1000 * a for r in good for a in r["acks"]]
    p95s = [1000 * percentile(r["acks"], 0.95) for r in good]
    flooder = result["flooder"]
    throttled = flooder["refused"] > 0 and flooder["ok"] <= 40 + 20 * result["seconds"] * 1.5
    rows = [
        ("sessions training", f"{len(good)} of {result['sessions']}", "all", len(good) == result["sessions"]),
        ("frames/s per session, worst / median", f"{min(rates, default=0):.1f} / {statistics.median(rates or [0]):.1f}",
         f">= {TARGET_RATE:.0f}", min(rates, default=0) >= TARGET_RATE),
        ("ack latency p50 / p95 (all acks)", f"{percentile(acks, 0.5):.0f} / {percentile(acks, 0.95):.0f} ms", "", True),
        ("ack p95, worst session", f"{max(p95s, default=float('nan')):.0f} ms", f"< {TARGET_P95_MS:.0f} ms",
         max(p95s, default=1e9) < TARGET_P95_MS),
        ("flooder: sent / accepted / refused", f"{flooder['sent']} / {flooder['ok']} / {flooder['refused']}",
         "throttled", throttled),
    ] + server_rows(result)
    report_table(rows, result["records"], "sessions")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.flood", description=__doc__)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--flood-rate", type=int, default=1000, help="flooder's events per second")
    parser.add_argument("--quick", action="store_true", help="smoke run: 3 sessions, 3 s")
    args = parser.parse_args()
    if args.quick:
        args.sessions, args.seconds = 3, 3.0
    report(measure(args.sessions, args.seconds, args.flood_rate))
    if args.quick:
        print("\n--quick: smoke run only; targets are for the full run.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

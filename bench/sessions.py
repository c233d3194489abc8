"""A class training at full speed: one session alone, 30 alike, 30 of mixed shapes, one server.

Run ``python -m bench.sessions`` from the repository root (``--quick`` for a
smoke run). It starts the real server (training in its worker processes) and,
one after another on that server, runs clients in another process, each its
own Socket.IO connection training its own run at full speed and sending a
live ``configure`` twice a second (its ack is timed):
  alone   one session, the default network: the reference for the ratio
  same    30 sessions with the default settings (seeds differ): a class that
          forked the teacher's run; the workers train them stacked
  mixed   30 sessions of six different shapes (layers, features, batch size)
Targets (issue 13, on this 2-core machine): in ``same`` every session
>= 150 epochs/s, worst/best >= 0.67, ack p95 < 150 ms and the 30 together
>= 3x the epochs/s of ``alone``; ``mixed`` no worse than before the change
(``--reference DIR`` runs the same phases on a server started from another
checkout, e.g. ``git worktree add /tmp/before <commit>``, in the same run).
A report, not a test: it exits 0 either way.
"""
import argparse
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path

from bench.loopback import (epochs_per_second, percentile, report, server_rows,
                            training_clients, watch_server)
from tests.live_server import serve_process

FULL_SPEED = 10_000
TARGET_EPOCHS, TARGET_FAIRNESS, TARGET_P95_MS, TARGET_RATIO = 150.0, 0.67, 150.0, 3.0
SHAPES = [{"hidden_layers": [4, 2]}, {"hidden_layers": [8, 8], "dataset": "spiral"},
          {"hidden_layers": [6], "features": ["x1", "x2", "x1x2"]},
          {"hidden_layers": [8, 8, 8, 8], "batch_size": 5},
          {"hidden_layers": [3], "dataset": "xor", "batch_size": 30},
          {"hidden_layers": [8, 6, 4], "features": ["x1", "x2", "x1_sq", "x2_sq", "sin_x1"]}]


def phases(sessions: int) -> dict[str, list[dict]]:
    """Each phase's per-client settings."""
    alike = {"speed": FULL_SPEED}
    return {"alone": [alike], "same": [alike] * sessions,
            "mixed": [{**alike, **SHAPES[i % len(SHAPES)]} for i in range(sessions)]}


def clients(url: str, server_pid: int, settings: list[dict], seconds: float) -> dict:
    """Run one phase's clients against ``url``; their records and the server's use."""
    start_at = time.time() + 5
    results = multiprocessing.Queue()
    process = multiprocessing.Process(target=training_clients,
                                      args=(url, len(settings), seconds, start_at, results,
                                            settings))
    process.start()
    use = watch_server(server_pid, start_at, seconds)
    records = results.get(timeout=60 + seconds)
    process.join(30)
    return {"records": records, "seconds": seconds, "sessions": len(settings), **use}


def measure(sessions: int, seconds: float, root: Path | None = None) -> dict[str, dict]:
    """Every phase, one after another, on one server (started from ``root``, default here)."""
    env = {"PLAYGROUND_MAX_SESSIONS_PER_ADDRESS": str(3 * sessions + 10)}
    with tempfile.TemporaryDirectory() as folder, \
            serve_process(Path(folder) / "server.log", env, root=root) as (url, server):
        return {name: clients(url, server.pid, settings, seconds)
                for name, settings in phases(sessions).items()}


def summary(result: dict) -> dict:
    good = [r for r in result["records"] if "error" not in r]
    speeds = sorted(epochs_per_second(r) for r in good) or [0.0]
    acks = [1000 * a for r in good for a in r["acks"]]
    return {"good": len(good), "speeds": speeds, "total": sum(speeds),
            "fairness": speeds[0] / speeds[-1] if speeds[-1] else 0.0,
            "p50": percentile(acks, 0.5), "p95": percentile(acks, 0.95)}


def _phase_rows(name: str, s: dict, count: int, judged: bool) -> list:
    speeds = s["speeds"]
    target = (lambda text: text) if judged else (lambda text: "")
    return [
        (f"{name}: sessions training", f"{s['good']} of {count}", "all", s["good"] == count),
        (f"{name}: epochs/s per session, worst / median / best",
         f"{speeds[0]:.0f} / {statistics.median(speeds):.0f} / {speeds[-1]:.0f}",
         target(f">= {TARGET_EPOCHS:.0f}"), speeds[0] >= TARGET_EPOCHS),
        (f"{name}: fairness, worst / best", f"{s['fairness']:.2f}",
         target(f">= {TARGET_FAIRNESS}"), s["fairness"] >= TARGET_FAIRNESS),
        (f"{name}: ack latency p50 / p95", f"{s['p50']:.0f} / {s['p95']:.0f} ms",
         target(f"p95 < {TARGET_P95_MS:.0f} ms"), s["p95"] < TARGET_P95_MS),
        (f"{name}: epochs/s of all together", f"{s['total']:,.0f}", "", True),
    ]


def rows(results: dict[str, dict], label: str = "") -> list[tuple[str, str, str, bool]]:
    """The table: ``alone``, then ``same`` (judged) with its ratio, then ``mixed`` (reported)."""
    alone, same, mixed = (summary(results[name]) for name in ("alone", "same", "mixed"))
    count, ratio = results["same"]["sessions"], same["total"] / max(alone["total"], 1e-9)
    table = [("one session alone: epochs/s", f"{alone['total']:,.0f}", "", True)]
    table += _phase_rows(f"{count} alike", same, count, judged=True)
    table += [(f"{count} alike together / one alone", f"{ratio:.1f}x",
               f">= {TARGET_RATIO:.0f}x", ratio >= TARGET_RATIO)]
    table += [(f"{count} alike: {name}", *rest) for name, *rest in server_rows(results["same"])]
    table += _phase_rows(f"{count} mixed shapes", mixed, count, judged=False)
    table += [(f"{count} mixed: {name}", *rest) for name, *rest in server_rows(results["mixed"])]
    return [(f"{label}{name}", *rest) for name, *rest in table]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sessions", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--reference", type=Path, help="also measure a server run from this "
                                                       "checkout (before a change)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 3 sessions, 3 s")
    args = parser.parse_args()
    if args.quick:
        args.sessions, args.seconds = 3, 3.0
    results = {"": measure(args.sessions, args.seconds)}
    if args.reference:
        results["reference: "] = measure(args.sessions, args.seconds, args.reference)
    table = [row for label, result in results.items() for row in rows(result, label)]
    records = [r for result in results.values() for phase in result.values()
               for r in phase["records"]]
    report(table, records, "sessions")
    if args.quick:
        print("\n--quick: smoke run only; targets are for the full run.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fair share under heavy epochs: a default session beside 50 max-size runs, one server.

Run ``python -m bench.fairshare`` from the repository root (``--quick``: 10
heavy runs, 5 s a phase, under a minute). Two parts:
  worker  one worker's batches, in this process, as ``ProcessBackend`` sends
          them: the default run and N/2 max-size runs (6x8 hidden, all seven
          features, 1,000 points, batch size 1) sharing a worker, each run
          edited twice a second; rounds/s is how often the default run gets
          a slice, so a frame with news (no sockets, no niceness: what the
          change is about, least disturbed by a shared machine)
  server  the real server (training in its worker processes, niced), clients
          in another process, each its own Socket.IO connection and run,
          sending a live ``configure`` twice a second (its ack is timed):
          the default session alone (the reference for the ratios), then
          beside N max-size runs at full speed
Target (issue 14, item 8, on this 2-core machine): with 50 max-size runs the
default session gets >= 10 frames/s with news (a later epoch than the last).
Before the change a slice always trained a whole epoch (~20 ms here), so 25
heavy runs sharing a worker cut every other run to ~3 frames/s.
``--reference DIR`` runs the same phases on a server started from another
checkout (e.g. ``git archive <commit> | tar -x -C DIR``) in the same run.
A report, not a test: it exits 0 either way.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.nn.features import FEATURES

TARGET_FRAMES = 10.0
HEAVY = {"speed": 10_000, "hidden_layers": [8] * 6, "features": list(FEATURES),
         "num_points": 1000, "batch_size": 1}


def worker_rounds(heavy: int, seconds: float) -> dict:
    """One worker's batches (default run + ``heavy`` max-size runs) for ``seconds``, here.

    As the server does it: each job asks ``ROUND_SECONDS * share / runs``
    (at least ``MIN_SLICE_SECONDS``),
    share being the part of the last round that was asked for (the CPU the
    worker got); results are absorbed into the originals; and each run is
    edited twice a second (as the server clients' live ``configure``), which
    ships it again. Uses only ``worker_main.handle`` and ``replica``, so it
    runs against an older checkout too (``--reference``).
    """
    from app.nn.train import Run, RunConfig
    from app.training import replica, worker_main
    from app.training.processes import MIN_SLICE_SECONDS, ROUND_SECONDS
    from app.training.stops import StopRules
    heavy_config = RunConfig(num_points=1000, batch_size=1, hidden_layers=(8,) * 6,
                             features=tuple(FEATURES))
    runs = [Run(RunConfig())] + [Run(RunConfig(**{**heavy_config.__dict__, "seed": seed}))
                                 for seed in range(1, heavy + 1)]
    versions, edited, copies = [1] * len(runs), [0.0] * len(runs), {}
    share, rounds, longest, started = 1.0, 0, 0.0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        asked = max(MIN_SLICE_SECONDS, ROUND_SECONDS * share / len(runs))
        now = time.perf_counter()
        jobs = []
        for i, run in enumerate(runs):
            ship = now - edited[i] >= 0.5                      # an edit: shipped again
            if ship:
                versions[i], edited[i] = versions[i] + 1, now + 0.5 * i / len(runs)
            jobs.append({"key": str(i), "version": versions[i], "seconds": asked,
                         "run": replica.pack(run) if ship else None, "epochs": None,
                         "rules": StopRules()})
        before = time.perf_counter()
        results = worker_main.handle(copies, jobs)
        wall = time.perf_counter() - before
        share, longest, rounds = min(1.0, asked * len(jobs) / wall), max(longest, wall), rounds + 1
        for run, result in zip(runs, results):
            replica.absorb(run, result["progress"])
    wall = time.perf_counter() - started
    return {"rounds": rounds / wall, "epochs": runs[0].epoch / wall, "longest": longest,
            "heavy": heavy, "heavy_epochs": statistics.median(run.epoch for run in runs[1:]) / wall}


def measure_worker(heavy: int, seconds: float, root: Path | None = None) -> dict:
    """``worker_rounds`` here, or in a process importing ``app`` from checkout ``root``."""
    if root is None:
        return worker_rounds(heavy, seconds)
    code = ("import importlib.util, json, sys\n"
            f"sys.path.insert(0, {str(root)!r})\n"
            f"spec = importlib.util.spec_from_file_location('fairshare', {__file__!r})\n"
            "module = importlib.util.module_from_spec(spec)\n"
            "spec.loader.exec_module(module)\n"
            f"print(json.dumps(module.worker_rounds({heavy}, {seconds})))")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def worker_table(result: dict, label: str = "") -> list[tuple[str, str, str, bool]]:
    rounds, count = result["rounds"], result["heavy"]
    return [(f"{label}worker, default run + {count} heavy: rounds/s (default run's slices)",
             f"{rounds:.1f}", f">= {TARGET_FRAMES:.0f}", rounds >= TARGET_FRAMES),
            (f"{label}worker, default run + {count} heavy: longest round",
             f"{1000 * result['longest']:.0f} ms", "", True),
            (f"{label}worker, default run + {count} heavy: default run epochs/s",
             f"{result['epochs']:.0f}", "", True),
            (f"{label}worker, default run + {count} heavy: heavy runs epochs/s (median)",
             f"{result['heavy_epochs']:.1f}", "", True)]


def measure(heavy: int, seconds: float, root: Path | None = None) -> dict[str, dict]:
    """Both phases, one after another, on one server (started from ``root``, default here)."""
    from bench.sessions import clients
    from tests.live_server import serve_process
    env = {"PLAYGROUND_MAX_SESSIONS_PER_ADDRESS": str(2 * heavy + 10),
           "PLAYGROUND_MAX_CONNECTIONS_PER_ADDRESS": str(2 * heavy + 10)}
    with tempfile.TemporaryDirectory() as folder, \
            serve_process(Path(folder) / "server.log", env, root=root) as (url, server):
        return {"alone": clients(url, server.pid, [{}], seconds),
                "heavy": clients(url, server.pid, [{}] + [HEAVY] * heavy, seconds)}


def _session(record: dict, seconds: float) -> dict:
    from bench.loopback import epochs_per_second
    return {"frames": record["frames"] / seconds, "news": record["news"] / seconds,
            "epochs": epochs_per_second(record)}


def rows(results: dict[str, dict], label: str = "") -> list[tuple[str, str, str, bool]]:
    """The default session alone and beside the heavy runs, the heavy runs, the server."""
    from bench.loopback import epochs_per_second, percentile, server_rows
    alone, heavy = results["alone"], results["heavy"]
    count, seconds = heavy["sessions"] - 1, heavy["seconds"]
    reference = _session(alone["records"][0], alone["seconds"])
    default = _session(heavy["records"][0], seconds) if "error" not in heavy["records"][0] \
        else {"frames": 0.0, "news": 0.0, "epochs": 0.0}
    good = [r for r in heavy["records"][1:] if "error" not in r]
    speeds = sorted(epochs_per_second(r) for r in good) or [0.0]
    acks = [1000 * a for r in heavy["records"] if "error" not in r for a in r["acks"]]
    table = [
        ("default session alone: frames/s, with news / all",
         f"{reference['news']:.1f} / {reference['frames']:.1f}", "", True),
        ("default session alone: epochs/s", f"{reference['epochs']:.0f}", "", True),
        (f"beside {count} heavy: default session frames/s with news",
         f"{default['news']:.1f}", f">= {TARGET_FRAMES:.0f}", default["news"] >= TARGET_FRAMES),
        (f"beside {count} heavy: default session frames/s, all", f"{default['frames']:.1f}",
         "", True),
        (f"beside {count} heavy: default session epochs/s (alone: ratio)",
         f"{default['epochs']:.0f} ({default['epochs'] / max(reference['epochs'], 1e-9):.2f}x)",
         "", True),
        (f"{count} heavy runs training", f"{len(good)} of {count}", "all", len(good) == count),
        (f"{count} heavy runs: epochs/s each, worst / median / best",
         f"{speeds[0]:.1f} / {statistics.median(speeds):.1f} / {speeds[-1]:.1f}", "", True),
        (f"beside {count} heavy: ack p50 / p95 (all clients)",
         f"{percentile(acks, 0.5):.0f} / {percentile(acks, 0.95):.0f} ms", "", True),
    ]
    table += [(f"beside {count} heavy: {name}", *rest) for name, *rest in server_rows(heavy)]
    return [(f"{label}{name}", *rest) for name, *rest in table]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fairshare", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--heavy", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--reference", type=Path, help="also measure a server run from this "
                                                       "checkout (before a change)")
    parser.add_argument("--quick", action="store_true", help="10 heavy runs, 5 s a phase")
    args = parser.parse_args()
    if args.quick:
        args.heavy, args.seconds = 10, 5.0
    from bench.loopback import report
    roots = {"": None, **({"reference: ": args.reference} if args.reference else {})}
    workers = {label: measure_worker(args.heavy // 2, args.seconds, root)
               for label, root in roots.items()}
    results = {label: measure(args.heavy, args.seconds, root) for label, root in roots.items()}
    table = [row for label, result in workers.items() for row in worker_table(result, label)]
    table += [row for label, result in results.items() for row in rows(result, label)]
    records = [r for result in results.values() for phase in result.values()
               for r in phase["records"]]
    report(table, records, "sessions")
    if args.quick:
        print("\n--quick: smoke run; the target is for 50 heavy runs.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fair share under heavy epochs: a default session beside 50 max-size runs, one server.

Run ``python -m bench.fairshare`` from the repository root (``--quick``: 10
heavy runs, 5 s a phase, under a minute). It starts the real server (training
in its worker processes) and runs, one after another, clients in another
process, each its own Socket.IO connection with its own run, sending a live
``configure`` twice a second (its ack is timed):
  alone   one session with the default settings: the reference for the ratios
  heavy   the same default session beside N max-size runs at full speed
          (6x8 hidden, all seven features, 1,000 points, batch size 1)
Target (issue 14, item 8, on this 2-core machine): with 50 max-size runs the
default session gets >= 10 frames/s with news (a later epoch than the last).
Before the change a slice always trained a whole epoch (~20 ms here), so 25
heavy runs sharing a worker cut every other run to ~3 frames/s.
``--reference DIR`` runs the same phases on a server started from another
checkout (e.g. ``git archive <commit> | tar -x -C DIR``) in the same run.
A report, not a test: it exits 0 either way.
"""
import argparse
import statistics
import tempfile
from pathlib import Path

from app.nn.features import FEATURES
from bench.loopback import epochs_per_second, percentile, report, server_rows
from bench.sessions import clients
from tests.live_server import serve_process

TARGET_FRAMES = 10.0
HEAVY = {"speed": 10_000, "hidden_layers": [8] * 6, "features": list(FEATURES),
         "num_points": 1000, "batch_size": 1}


def measure(heavy: int, seconds: float, root: Path | None = None) -> dict[str, dict]:
    """Both phases, one after another, on one server (started from ``root``, default here)."""
    env = {"PLAYGROUND_MAX_SESSIONS_PER_ADDRESS": str(2 * heavy + 10),
           "PLAYGROUND_MAX_CONNECTIONS_PER_ADDRESS": str(2 * heavy + 10)}
    with tempfile.TemporaryDirectory() as folder, \
            serve_process(Path(folder) / "server.log", env, root=root) as (url, server):
        return {"alone": clients(url, server.pid, [{}], seconds),
                "heavy": clients(url, server.pid, [{}] + [HEAVY] * heavy, seconds)}


def _session(record: dict, seconds: float) -> dict:
    return {"frames": record["frames"] / seconds, "news": record["news"] / seconds,
            "epochs": epochs_per_second(record)}


def rows(results: dict[str, dict], label: str = "") -> list[tuple[str, str, str, bool]]:
    """The default session alone and beside the heavy runs, the heavy runs, the server."""
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
    results = {"": measure(args.heavy, args.seconds)}
    if args.reference:
        results["reference: "] = measure(args.heavy, args.seconds, args.reference)
    table = [row for label, result in results.items() for row in rows(result, label)]
    records = [r for result in results.values() for phase in result.values()
               for r in phase["records"]]
    report(table, records, "sessions")
    if args.quick:
        print("\n--quick: smoke run; the target is for 50 heavy runs.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

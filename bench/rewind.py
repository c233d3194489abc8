"""Rewind: what a long run's checkpoints hold and how long the slowest rewind takes.

Run ``python -m bench.rewind`` from the repository root (``--quick`` for a smoke run). For
the default network (circle, 500 points, (4, 2) tanh, SGD) and the largest (6×8, all seven
features, Adam), it trains a run for ``--epochs`` epochs in slices of 50 (as a runner
absorbs them) with the default ``REWIND_CHECKPOINTS`` and ``REWIND_SPACING``, then reports
the checkpoints kept, the widest gap between two (the most a rewind replays), the time of the
slowest rewind (to the epoch just before the end of that gap, from a cold start), and the
arrays held against the stated bound. A report, not a test (tests/nn/test_rewind.py holds
the bound for 100,000 epochs).
"""
import argparse
import time

from app.config import Config
from app.nn.rewind import Checkpoints
from app.nn.train import Run, RunConfig

ALL_FEATURES = ("x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1", "sin_x2")
CASES = {"default (4,2) SGD": RunConfig(),
         "6x8, 7 features, Adam": RunConfig(dataset="spiral", features=ALL_FEATURES,
                                            hidden_layers=(8,) * 6, optimizer="adam")}
SLICE = 50


def measure(config: RunConfig, epochs: int) -> dict:
    run = Run(config)
    checkpoints = Checkpoints(run, Config.REWIND_CHECKPOINTS, Config.REWIND_SPACING)
    started = time.perf_counter()
    while run.epoch < epochs:
        run.train(SLICE)
        checkpoints.note(run)
    training = time.perf_counter() - started
    kept = checkpoints.epochs + [run.epoch]
    gap, end = max((b - a, b) for a, b in zip(kept, kept[1:]))
    started = time.perf_counter()
    checkpoints.run_at(end - 1, warm=False)     # the cold replay a first drag costs
    slowest = time.perf_counter() - started
    return {"epochs": run.epoch, "kept": len(checkpoints), "gap": gap, "slowest": slowest,
            "epoch_seconds": training / run.epoch, "held": checkpoints.nbytes,
            "bound": checkpoints.bound_bytes(run.network.params.size, config.optimizer)}


def rows(results: dict[str, dict]) -> list[tuple[str, str, str, bool]]:
    table = []
    for name, r in results.items():
        table += [
            (f"rewind, {name}, {r['epochs']:,} epochs: checkpoints kept, widest gap",
             f"{r['kept']}, {r['gap']} epochs", "", True),
            (f"rewind, {name}: slowest rewind (replays the widest gap)",
             f"{1000 * r['slowest']:.0f} ms ({1000 * r['epoch_seconds']:.2f} ms/epoch)", "", True),
            (f"rewind, {name}: arrays held / stated bound (with the points)",
             f"{r['held'] / 1e6:.2f} / {r['bound'] / 1e6:.2f} MB", "held <= bound",
             r["held"] <= r["bound"]),
        ]
    return table


def main() -> int:
    from bench.loopback import print_table

    parser = argparse.ArgumentParser(prog="python -m bench.rewind", description=__doc__)
    parser.add_argument("--epochs", type=int, default=20_000)
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000 epochs")
    args = parser.parse_args()
    epochs = 1_000 if args.quick else args.epochs
    print_table(rows({name: measure(config, epochs) for name, config in CASES.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measure stacked training: R same-shape runs trained together vs each trained alone.

Run ``python -m bench.stacked`` from the repository root (``--quick`` for a
smoke run). For R = 1, 4, 16, 64 default networks (seeds 1 … R: different
data and weights) it times ``train_together`` on all R and, interleaved in the
same process, ``Run.train`` on each of R other copies one after another, and
reports the total epochs per second of both and their ratio. Each timed call
includes what a worker's slice pays: stacking the runs and writing them back.
Before timing, the stacked runs are checked against runs trained alone (the
largest relative parameter difference must be <= 1e-9), which shows both do
the same work. Timings on a shared machine are noisy: best and median of
several repeats; missed targets are reported, not fatal.
Non-goals: other shapes (bench.engine times those alone), the server.
"""
import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # before NumPy loads: tiny matrices, threads only cost

import argparse  # noqa: E402
import statistics  # noqa: E402
from dataclasses import replace  # noqa: E402

import numpy as np  # noqa: E402

from app.nn.stacked import train_together  # noqa: E402
from app.nn.train import Run, RunConfig  # noqa: E402

from .engine import print_cells, timed  # noqa: E402

SAME_PARAMS_TOLERANCE = 1e-9
# R -> least ratio of stacked to alone epochs/s. The issue measured ~2.8x for
# 4, ~8x for 16 and ~13x for 64 networks on this machine.
TARGETS = {1: None, 4: 2.0, 16: 5.0, 64: 8.0}
TOTAL_EPOCHS = 2_400   # epochs of all R runs together per timed repeat (~0.1-1 s)


def make_runs(count: int, config: RunConfig = RunConfig()) -> list[Run]:
    """``count`` runs of ``config`` with seeds 1 … count, warmed up (kernels allocated)."""
    runs = [Run(replace(config, seed=seed)) for seed in range(1, count + 1)]
    train_together(runs, [1] * count)
    return runs


def check_same_params(count: int, epochs: int) -> float:
    """Train ``count`` runs together and copies alone; return the largest relative difference."""
    together, alone = make_runs(count), make_runs(count)
    train_together(together, [epochs] * count)
    gap = 0.0
    for stacked_run, run in zip(together, alone):
        run.train(epochs)
        expected = run.network.params
        gap = max(gap, float(np.max(np.abs(stacked_run.network.params - expected))
                             / np.max(np.abs(expected))))
    assert gap <= SAME_PARAMS_TOLERANCE, f"stacked and alone differ by {gap:.2e}"
    return gap


def measure(count: int, repeats: int, total_epochs: int = TOTAL_EPOCHS) -> dict:
    """Best and median total epochs/s of ``count`` runs stacked and alone, interleaved."""
    epochs = max(1, total_epochs // count)
    together, alone = make_runs(count), make_runs(count)

    def train_stacked(total: int) -> None:
        assert train_together(together, [epochs] * count) == [epochs] * count

    def train_alone(total: int) -> None:
        for run in alone:
            assert run.train(epochs) == epochs

    stacked, plain = [], []
    for _ in range(repeats):
        stacked.append(timed(train_stacked, epochs * count))
        plain.append(timed(train_alone, epochs * count))
    target = TARGETS.get(count)
    ratio = max(stacked) / max(plain)
    return {"count": count, "epochs": epochs, "best": max(stacked),
            "median": statistics.median(stacked), "alone": max(plain),
            "alone_median": statistics.median(plain), "ratio": ratio, "target": target,
            "met": target is None or ratio >= target}


def suite_rows(results: list[dict]) -> list[tuple[str, str, str, bool]]:
    """Rows for ``python -m bench``'s one table."""
    return [(f"stacked epochs/s, {r['count']} default network{'s' if r['count'] > 1 else ''}",
             f"{r['best']:,.0f} (alone {r['alone']:,.0f}; {r['ratio']:.2f}x)",
             f">= {r['target']:.1f}x alone" if r["target"] else "", r["met"]) for r in results]


def print_table(results: list[dict], judge: bool = True) -> None:
    header = ("networks", "epochs each", "stacked epochs/s best", "median", "alone epochs/s best",
              "median", "ratio", "target", "met")
    cells = [header] + [
        (str(r["count"]), str(r["epochs"]), f"{r['best']:,.0f}", f"{r['median']:,.0f}",
         f"{r['alone']:,.0f}", f"{r['alone_median']:,.0f}", f"{r['ratio']:.2f}x",
         f">= {r['target']:.1f}x" if r["target"] else "-",
         ("yes" if r["met"] else "NO") if judge and r["target"] else "-") for r in results]
    print_cells(cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: a few epochs only")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    repeats, total = (2, 64) if args.quick else (args.repeats, TOTAL_EPOCHS)
    print(f"numpy {np.__version__}, OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}, "
          f"{os.cpu_count()} CPUs; total epochs/s of all networks, best and median of "
          f"{repeats} repeats; stacking and writing back included in every call")
    gap = check_same_params(4, 5 if args.quick else 50)
    print(f"4 networks stacked and alone agree (largest relative parameter difference "
          f"{gap:.1e} <= {SAME_PARAMS_TOLERANCE:.0e})\n")
    results = [measure(count, repeats, total) for count in TARGETS]
    print_table(results, judge=not args.quick)
    if args.quick:
        print("\n--quick: smoke run only; these numbers are not a measurement.")
        return 0
    missed = [str(r["count"]) for r in results if not r["met"]]
    print("\nAll targets met." if not missed else f"\nTARGET MISSED for {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Memory left behind by 1,000 page lives (connect, configure, play at full speed, close).

Run ``python -m bench.leaks`` from the repository root (``--quick``: 150
cycles). The app runs in this process (training in it, as the handler tests
do); after a warm-up it measures the resident memory after the remaining
cycles. A report, not a test (tests/test_leaks.py checks that no session,
table entry or thread is left): it exits 0 either way.
"""
import argparse
import gc
import os
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from app import create_app  # noqa: E402
from app.config import TestConfig  # noqa: E402
from bench.loopback import print_table  # noqa: E402
from tests.test_leaks import cycle  # noqa: E402

TARGET_GROWTH_MB = 25.0


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(cycles: int, warm_up: int) -> dict:
    app = create_app({"MAX_EVENTS_PER_SECOND": 1e9, "EVENT_BURST": 1e9,
                      "RECONNECT_GRACE_SECONDS": 0}, base=TestConfig)
    for k in range(warm_up):
        cycle(app, k)
    gc.collect()
    warm, started = rss_mb(), time.monotonic()
    for k in range(warm_up, cycles):
        cycle(app, k)
    gc.collect()
    return {"cycles": cycles, "warm_up": warm_up, "warm": warm, "after": rss_mb(),
            "seconds": time.monotonic() - started}


def rows(result: dict) -> list[tuple[str, str, str, bool]]:
    growth = result["after"] - result["warm"]
    return [
        ("page lives (connect, configure, play, close)", f"{result['cycles']}", "", True),
        (f"RSS after {result['warm_up']} / after all", f"{result['warm']:.1f} / "
         f"{result['after']:.1f} MB", "", True),
        ("memory growth after the warm-up", f"{growth:.1f} MB", f"< {TARGET_GROWTH_MB:.0f} MB",
         growth < TARGET_GROWTH_MB),
        ("time for the measured cycles", f"{result['seconds']:.1f} s", "", True),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.leaks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke run: 150 cycles")
    args = parser.parse_args()
    print_table(rows(measure(150, 50) if args.quick else measure(1000, 100)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

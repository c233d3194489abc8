"""The whole benchmark suite, one table: ``python -m bench`` (``--quick``: smoke run).

Runs, one after another (never in parallel: they would measure each other):
  engine      epochs/s of three networks, beside a plain reference (bench.engine)
  images      the default digit CNN: epochs/s beside a plain reference, epochs to 95 %,
              bytes of its weights per frame (bench.images)
  stacked     epochs/s of 1, 4, 16, 64 networks trained together vs alone (bench.stacked)
  frames      bytes per frame on the wire for the same networks (bench.frames)
  browser     the page in headless Chromium at full speed (bench.browser)
  sessions    one session alone, then 30 alike and 30 of mixed shapes at full speed (bench.sessions)
  spectators  300 spectators of one class (bench.spectators)
  classview   30 students' runs in the teacher's class view: rates, frames, CPU, bytes (bench.classview)
  rewind      a long run's checkpoints: memory against the bound, the slowest rewind (bench.rewind)
  leaks       memory left by 1,000 page lives (bench.leaks)
``--only engine,frames`` picks parts. Targets are judged on a full run only;
``--quick`` checks that every part works (CI runs it), not how fast. Each part
is also a script of its own with more options. A report: it exits 0 unless a
part fails to run.
"""
import argparse
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from bench import (browser, classview, engine, frames, images, leaks, rewind,  # noqa: E402
                   sessions, spectators, stacked)
from bench.loopback import print_table  # noqa: E402

PARTS = ("engine", "images", "stacked", "frames", "browser", "sessions", "spectators", "classview",
         "rewind", "leaks")


def engine_rows(quick: bool) -> list:
    repeats, epochs = (2, 5) if quick else (7, None)
    results = [engine.measure(case, epochs or round(case.target / 5), repeats)
               for case in engine.CASES]
    return engine.suite_rows(results)


def stacked_rows(quick: bool) -> list:
    repeats, total = (2, 64) if quick else (5, stacked.TOTAL_EPOCHS)
    return stacked.suite_rows([stacked.measure(count, repeats, total) for count in stacked.TARGETS])


def spectator_rows(quick: bool) -> list:
    count, seconds, processes = (5, 3.0, 1) if quick else (300, 15.0, 2)
    env = {"PLAYGROUND_MAX_SESSIONS_PER_ADDRESS": str(count + 10)}
    result = spectators.measure(count, seconds, processes, 10_000, env)
    return [(f"{count} spectators: {name}", value, target, met)
            for name, value, target, met in spectators.rows(result)]


def run_part(part: str, quick: bool) -> list:
    if part == "engine":
        return engine_rows(quick)
    if part == "images":
        return images.rows(quick)
    if part == "stacked":
        return stacked_rows(quick)
    if part == "frames":
        return frames.rows(frames.measure(1.0 if quick else 3.0))
    if part == "browser":
        return [row for viewport in browser.VIEWPORTS
                for row in browser.rows(browser.measure(1.0 if quick else 5.0, 30.0, viewport))]
    if part == "sessions":
        count, seconds = (3, 3.0) if quick else (30, 15.0)
        return sessions.rows(sessions.measure(count, seconds))
    if part == "classview":
        return classview.rows(classview.measure(*((3, 3.0) if quick else (30, 10.0))))
    if part == "rewind":
        return rewind.rows({name: rewind.measure(config, 1_000 if quick else 20_000)
                            for name, config in rewind.CASES.items()})
    if part == "leaks":
        return leaks.rows(leaks.measure(150, 50) if quick else leaks.measure(1000, 100))
    return spectator_rows(quick)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke run: checks it works")
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated parts")
    args = parser.parse_args()
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"--only: unknown parts {unknown}; choose from {', '.join(PARTS)}")
    rows = []
    for part in parts:
        started = time.monotonic()
        rows += run_part(part, args.quick)
        print(f"bench: {part} done in {time.monotonic() - started:.0f} s", flush=True)
    print(f"\n{os.cpu_count()} CPUs, OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}"
          f"{'  (--quick: smoke run, targets not judged)' if args.quick else ''}\n")
    if args.quick:
        rows = [(name, value, "", True) for name, value, _, _ in rows]
    print_table(rows)
    missed = [name for name, _, target, met in rows if target and not met]
    if not args.quick:
        print("\nAll targets met." if not missed else f"\nTargets missed: {len(missed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

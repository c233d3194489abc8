"""A training process: it keeps copies of runs and trains them in slices on request.

Training is Python-bound NumPy; in one process it holds one GIL, so all runs
of a server share one core and starve its socket threads. The web layer
(``app.training.pool``) starts a few of these processes, ships each run's
state here once (again after any edit), then asks for slices: "train run K
for at most S seconds / N epochs". The answer is ``Run.progress``, which the
web process ``absorb``s into its own copy, so both stay identical.

Protocol (pickled messages on a ``multiprocessing.connection`` pipe; only the
parent process talks on it):
  in:  {"jobs": [job, ...], "forget": [key, ...]}
       job = {"key", "revision", "run": pickled Run or None, "seconds",
              "epochs": int or None (no limit), "stop_epoch": int or None,
              "patience": int or None}
  out: one result per job, in order:
       {"key", "revision", "progress"} (``Run.progress`` plus "metrics":
       ``Run.metrics()`` at its end) or {"key", "missing": True}
       (no copy at that revision: ship the run again) or {"key", "error"}.
Run it as ``python -m app.training.worker_main FD [NICENESS]`` (FD: one end of a socket
pair); it exits when the pipe closes.
"""
import os
import pickle
import sys
import time
import traceback
from multiprocessing.connection import Connection

from ..nn.train import Run


def train_slice(run: Run, job: dict) -> dict:
    """Train ``run`` within the job's limits; return its progress since the start, and metrics."""
    since = run.epoch
    deadline = time.perf_counter() + job["seconds"]
    limit, stop_epoch, patience = job["epochs"], job["stop_epoch"], job["patience"]
    done = 0
    while limit is None or done < limit:
        if run.diverged or (stop_epoch is not None and run.epoch >= stop_epoch) \
                or (patience and run.epoch - run.best_test_epoch >= patience):
            break
        done += run.train(1)
        if time.perf_counter() >= deadline:
            break
    # The accuracy or R² for the frame: computed here, off the web process's GIL.
    return {**run.progress(since), "metrics": run.metrics()}


def handle(runs: dict[str, tuple[int, Run]], job: dict) -> dict:
    """Do one job against the copies in ``runs`` (key -> (revision, run))."""
    key, revision = job["key"], job["revision"]
    try:
        if job["run"] is not None:
            runs[key] = (revision, pickle.loads(job["run"]))
        held = runs.get(key)
        if held is None or held[0] != revision:
            return {"key": key, "missing": True}
        return {"key": key, "revision": revision, "progress": train_slice(held[1], job)}
    except Exception:  # one broken run must not take the others down
        runs.pop(key, None)
        return {"key": key, "error": traceback.format_exc(limit=3)}


def serve(connection: Connection) -> None:
    """Answer messages until the parent closes the pipe."""
    runs: dict[str, tuple[int, Run]] = {}
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        for key in message.get("forget", ()):
            runs.pop(key, None)
        connection.send([handle(runs, job) for job in message.get("jobs", ())])


if __name__ == "__main__":
    os.nice(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    serve(Connection(int(sys.argv[1])))

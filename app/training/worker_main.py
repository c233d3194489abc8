"""A worker process: it keeps copies of runs and trains them in slices on request.

Training is Python-bound NumPy; in one process it holds one GIL, so all runs
of a server would share one core and starve its socket threads. The web
process (``processes.ProcessBackend``) starts a few of these, ships each
run here once (again after any edit), then asks for slices: "train run K for
about S seconds, at most N epochs, within these stop rules". The answer is
``replica.progress``, which the web process ``absorb``s into its own copy,
so both stay identical. Jobs of one batch whose runs have one shape train
together (``stacking``).

Messages (pickled, on a ``channel.Channel`` socket pair; only the parent talks on it):
  in:  {"jobs": [job, ...], "forget": [key, ...]}
       job = {"key", "version", "run": ``replica.pack`` bytes or None, "seconds",
              "epochs": int or None (no limit), "rules": ``StopRules``}
  out: one result per job, in order: {"key", "version", "progress", "metrics", "report"}
       (``Run.metrics()`` at its end; an image run's ``test_report()``, else None; both
       None when no epoch ended and no copy came: the last still hold),
       {"key", "missing": True} (no copy at that
       version: ship the run again) or {"key", "error"}.
Run it as ``python -m app.training.worker_main FD [NICENESS]`` (FD: one end of
a socket pair); it exits when the pipe closes.
"""
import os
import socket
import sys
import traceback

from ..nn.images.run import ImageRun
from ..nn.train import Run
from . import replica
from .channel import Channel
from .stacking import Member, groups, train_group


def _copy(runs: dict[str, tuple[int, Run]], job: dict) -> Run | None:
    """The job's run: the copy it ships, else the one held at its version (None: missing)."""
    if job["run"] is not None:
        held = runs.pop(job["key"], (None, None))[1]     # a copy that fails to load is gone
        runs[job["key"]] = (job["version"], replica.unpack(job["run"], held))
    held = runs.get(job["key"])
    return held[1] if held is not None and held[0] == job["version"] else None


def _error(runs: dict, key: str) -> dict:
    runs.pop(key, None)      # a broken run must not take the others down
    return {"key": key, "error": traceback.format_exc(limit=3)}


def handle(runs: dict[str, tuple[int, Run]], jobs: list[dict]) -> list[dict]:
    """Do one batch of jobs against the copies in ``runs`` (key -> (version, run))."""
    results: list[dict | None] = [None] * len(jobs)
    members: dict[int, Member] = {}
    latest = {job["key"]: i for i, job in enumerate(jobs)}
    for i, job in enumerate(jobs):
        if latest[job["key"]] != i:     # a run's older job in the same batch (after a stall)
            results[i] = {"key": job["key"], "missing": True}
            continue
        try:
            run = _copy(runs, job)
        except Exception:
            results[i] = _error(runs, job["key"])
            continue
        if run is None:
            results[i] = {"key": job["key"], "missing": True}
        else:
            # At most the copy's recent history per job: its readings all reach the original.
            most = run.history.recent
            members[i] = Member(run, most if job["epochs"] is None else min(job["epochs"], most),
                                job["rules"])
    starts = {i: member.run.epoch for i, member in members.items()}
    seconds = {member: jobs[i]["seconds"] for i, member in members.items()}
    for key, group in groups(list(members.values())):
        try:
            train_group(key, group, sum(seconds[member] for member in group))
        except Exception:
            for i, member in members.items():
                if member in group:
                    results[i] = _error(runs, jobs[i]["key"])
    for i, member in members.items():
        if results[i] is None:
            # The accuracy or R² for the frame (and an image run's confusion matrix):
            # computed here, off the web process's GIL, from the last loss reading's outputs,
            # when they can have changed (a slice inside an epoch leaves the run as it was).
            run, fresh = member.run, member.run.epoch != starts[i] or jobs[i]["run"] is not None
            results[i] = {"key": jobs[i]["key"], "version": jobs[i]["version"],
                          "progress": replica.progress(run, starts[i]),
                          "metrics": run.metrics() if fresh else None,
                          "report": run.test_report() if fresh and isinstance(run, ImageRun)
                          else None}
            replica.trim(run)
    return results


def serve(connection: Channel) -> None:
    """Answer messages until the parent closes the pipe."""
    runs: dict[str, tuple[int, Run]] = {}
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        for key in message.get("forget", ()):
            runs.pop(key, None)
        connection.send(handle(runs, message.get("jobs", [])))


if __name__ == "__main__":
    os.nice(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    serve(Channel(socket.socket(fileno=int(sys.argv[1]))))

"""The web process's end of one worker process: the process, its pipe, its dispatcher thread.

The dispatcher sends every job waiting for this worker as one batch and
hands back the results, so runs sharing a worker take turns in arrival order
(fair share), a batch can train runs of one shape together (``stacking``),
and runner tasks wait on an event, not on the GIL; the pipe is a ``Channel``, which
under gevent waits without stopping the web process's other greenlets. A process that dies is
started again on the next batch; the runs it held are shipped again (each
runner sees a ``missing`` result, then its run goes along with the next job).
A process that answers nothing for ``timeout`` seconds (stopped, stalled) is
killed and treated the same way, so its runs go on from where the web
process has them instead of waiting for it.
The process itself runs ``worker_main``.
"""
import logging
import os
import pickle
import queue
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from .. import ROOT
from .channel import Channel

log = logging.getLogger(__name__)
ACTIVE_SECONDS = 0.5       # a run that sent no job for this long no longer counts as sharing
# A batch waits this long at most for the jobs of every run training here, so runs of
# one shape train together (a run that sends its job late would train alone).
GATHER_SECONDS = 0.02
# Serving comes first: frames, acks and spectators must not wait behind training,
# which takes whatever CPU is left (as the training gate's rests did in one process).
WORKER_NICENESS = 19
STARTUP_SECONDS = 10       # a process just started may take this long more to answer (imports)


@dataclass
class Job:
    """One slice of one run; ``result`` is set before ``done``."""

    message: dict
    done: threading.Event = field(default_factory=threading.Event)
    result: dict | None = None


class WorkerLink:
    """One worker process and the thread that talks to it."""

    def __init__(self, index: int, timeout: float):
        self.index, self.timeout = index, timeout
        self.sessions = 0                     # sessions assigned here (for placement)
        self.shipped: dict[str, int] = {}     # key -> state version of the copy held there
        self.recent: dict[str, float] = {}    # key -> when it last sent a job (see ``load``)
        self.share = 1.0                      # CPU it got in its last batch (sliced time / wall)
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._process: subprocess.Popen | None = None
        self._connection: Channel | None = None
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    @property
    def load(self) -> int:
        """Runs training here now: those that sent a job within the last ``ACTIVE_SECONDS``.

        (Not the jobs of one batch: that may leave out a run whose job came
        late; ``_gather`` waits for them.)
        """
        now = time.monotonic()
        with self._start_lock:
            for key in [k for k, t in self.recent.items() if now - t > ACTIVE_SECONDS]:
                del self.recent[key]
            return max(1, len(self.recent))

    def submit(self, item: Job | str) -> None:
        """Queue a job, or a key (str) whose copy the process should drop."""
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._dispatch, daemon=True,
                                                name=f"training-worker-{self.index}")
                self._thread.start()
            if isinstance(item, Job):
                self.recent[item.message["key"]] = time.monotonic()
            else:
                self.recent.pop(item, None)
        self._queue.put(item)

    def _dispatch(self) -> None:
        """Send what waits as one batch, hand back the results; until ``close``."""
        while True:
            items = self._gather()
            jobs = [item for item in items if isinstance(item, Job)]
            if any(item is None for item in items):
                self._answer(jobs, [{"key": j.message["key"], "error": "pool closed"} for j in jobs])
                return self._stop()
            forget = [item for item in items if isinstance(item, str)]
            try:
                self._batch(jobs, forget)
            except Exception:  # the thread must outlive any one batch: no runner waits forever
                log.exception("training batch failed on worker %d", self.index)
                pending = [job for job in jobs if not job.done.is_set()]
                self._answer(pending, [{"key": job.message["key"], "error": "batch failed"}
                                       for job in pending])

    def _gather(self) -> list:
        """The next batch: what waits, plus the jobs of the other runs training here.

        After its slice each run absorbs its result and sends its next job
        within milliseconds; waiting up to ``GATHER_SECONDS`` for all of them
        lets the worker train them together instead of one at a time.
        """
        items = [self._queue.get()]
        deadline, expected = time.monotonic() + GATHER_SECONDS, self.load
        while True:
            while not self._queue.empty():
                items.append(self._queue.get())
            jobs = sum(isinstance(item, Job) for item in items)
            left = deadline - time.monotonic()
            if jobs >= expected or left <= 0 or None in items:
                return items
            try:
                items.append(self._queue.get(timeout=left))
            except queue.Empty:
                return items

    def _batch(self, jobs: list[Job], forget: list[str]) -> None:
        for key in forget:
            self.shipped.pop(key, None)
        started, warm = time.monotonic(), self._process is not None
        results = self._exchange({"jobs": [job.message for job in jobs], "forget": forget})
        if jobs and warm:   # a batch that started the process says nothing about its share
            sliced = sum(job.message["seconds"] for job in jobs)
            self.share = min(1.0, sliced / max(time.monotonic() - started, 1e-6))
        for job, result in zip(jobs, results):
            if "progress" in result:
                self.shipped[result["key"]] = result["version"]
            else:
                self.shipped.pop(result["key"], None)
        self._answer(jobs, results)

    @staticmethod
    def _answer(jobs: list[Job], results: list[dict]) -> None:
        for job, result in zip(jobs, results):
            job.result = result
            job.done.set()

    def _exchange(self, message: dict) -> list[dict]:
        """Send one batch and wait for its answers; a dead or silent process gives ``missing`` ones."""
        if not message["jobs"] and self._process is None:
            return []                          # nothing to train, no copies to drop
        try:
            timeout = self.timeout
            if self._process is None or self._process.poll() is not None:
                self._spawn()
                timeout += STARTUP_SECONDS
            self._connection.send(message, timeout)
            return self._connection.recv(timeout)
        except (EOFError, OSError, pickle.PickleError) as error:   # TimeoutError is an OSError
            log.error("training process %d failed (%r); starting it again", self.index, error)
            self._stop(kill=isinstance(error, TimeoutError))
            self.shipped.clear()
            return [{"key": job["key"], "missing": True} for job in message["jobs"]]

    def _spawn(self) -> None:
        self._stop()                 # a process that died: close its end of the pipe first
        ours, theirs = socket.socketpair()
        with theirs:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "app.training.worker_main", str(theirs.fileno()), str(WORKER_NICENESS)],
                pass_fds=(theirs.fileno(),), cwd=ROOT, stdin=subprocess.DEVNULL,
                env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
        self._connection = Channel(ours)
        self.shipped.clear()

    def _stop(self, kill: bool = False) -> None:
        """Close the pipe and end the process (it exits when the pipe closes; a stalled one is killed)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None and kill:
            self._process.kill()               # SIGKILL ends a stopped process too
        if self._process is not None:
            try:
                self._process.wait(timeout=5)   # it exits when the pipe closes
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def close(self) -> None:
        """Stop the dispatcher and the process (waits for the batch in flight)."""
        with self._start_lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout=10)

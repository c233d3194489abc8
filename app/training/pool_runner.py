"""The training loop behind Play when worker processes train (``TrainingPool``, the default).

Each turn waits, GIL-free, for the session's slice from its worker, absorbs
it under the session's lock (unless the run changed meanwhile: the edit
wins), sends the next slice request at once, and only then broadcasts the
frame, so the worker trains while the frame goes out to every watcher (with
a class watching, it first rests ``TRAIN_REST_RATIO`` of the slice, as
training in one process does, so fan-out keeps its CPU). A
slice lasts one frame interval when the run has its worker to itself, less
when it shares it (``TrainingPool.job``).
At a set speed a slice asks for the epochs owed so far, never more than
``CATCH_UP_SECONDS`` worth.
"""
import logging
import time

from .pool import Job, TrainingPool
from .runner import Runner

CATCH_UP_SECONDS = 0.1   # at a set speed, epochs owed beyond this much time are forgiven
RETRY_SECONDS = 0.05     # after a failed slice (a worker restarting), wait this long
log = logging.getLogger(__name__)


class PoolRunner(Runner):
    """``Runner`` whose slices train in ``pool``; same contract, same frames."""

    def __init__(self, *args, pool: TrainingPool):
        super().__init__(*args)
        self.pool = pool
        self.rest_ratio = args[1]["TRAIN_REST_RATIO"]
        self.credit = 0.0                 # epochs owed at the current speed
        self.last = time.monotonic()
        self.warned = False

    def loop(self) -> None:
        session, pool = self.session, self.pool
        job = None
        while True:
            result = pool.wait(session.id, job) if job is not None else None
            with session.lock:
                if result is not None:
                    self._take(job, result)
                frame = self._due_frame() if result is not None or not session.running else None
                stopping = not session.running
                if stopping:
                    session.runner_active = False
                    job = None
                else:
                    job = self._next_job()
                    resting = job is not None and session.watchers > 1
                    if job is not None and not resting:
                        pool.submit(session.id, job)   # trains while the frame goes out
            if frame is not None:
                self.emit_frame(session, frame)
            if stopping:
                return
            if resting:
                # A class watches: rest a share of the slice first, so the sockets
                # (and, on one machine, the screens) keep the CPU they need.
                self.sleep(job.message["seconds"] * self.rest_ratio)
                pool.submit(session.id, job)
            if result is not None and "error" in result:
                self.sleep(RETRY_SECONDS)
            elif job is None:                          # at a set speed, nothing owed yet
                speed = session.settings["speed"]
                wait = min(self.next_frame - time.monotonic(), (1 - self.credit) / speed)
                self.sleep(max(wait, 0.001))

    def _next_job(self) -> Job | None:
        """The next slice request, or None when no epoch is owed (call with the lock held)."""
        session = self.session
        speed, now = session.settings["speed"], time.monotonic()
        self.credit = min(self.credit + (now - self.last) * speed, speed * CATCH_UP_SECONDS + 1)
        self.last = now
        unthrottled = speed >= self.max_speed
        if not unthrottled and self.credit < 1:
            return None
        stop_epoch, patience = session.stop_limits()
        return self.pool.job(session.id, session.revision, session.run,
                             self.frame_interval,
                             None if unthrottled else int(self.credit), stop_epoch, patience)

    def _take(self, job: Job, result: dict) -> None:
        """Absorb a slice's result (call with the lock held)."""
        session = self.session
        if "progress" in result:
            done = session.absorb(job.message["revision"], result["progress"])
            unthrottled = session.settings["speed"] >= self.max_speed
            self.credit = 0.0 if unthrottled else max(self.credit - done, 0.0)
        elif "error" in result and not self.warned:
            log.error("training slice failed for %s: %s", session.id[:8], result["error"])
            self.warned = True

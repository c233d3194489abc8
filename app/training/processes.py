"""Training in worker processes (the default): every core trains, the GIL stays free for sockets.

``ProcessBackend`` starts ``TRAIN_PROCESSES`` workers lazily (``WorkerLink``),
gives each session one worker for good (its copy of the run lives there) and
turns a runner's slice request into a job. The run is shipped with a job
only when its worker holds no copy at the session's state version: after the
first slice and after each edit. A result is absorbed into the web process's
run unless the session changed meanwhile (then the edit wins, and the run is
shipped again next time). A worker that answers no batch within
``WORKER_TIMEOUT_SECONDS`` (stalled, stopped) is killed and started again
(``WorkerLink``): its runs get ``missing`` answers and go on, copied again,
from where this process has them.
"""
import threading

from ..config import Config
from . import replica
from .backend import SliceRequest, SliceResult
from .worker_link import Job, WorkerLink

SPAWN_SECONDS = 5          # time enough to start a worker; a job waits two worker timeouts and this
ROUND_SECONDS = 0.060      # each run sharing a worker gets a slice about this often (~16 frames/s)
MIN_SLICE_SECONDS = 0.001  # shorter slices would cost more in messages than they train


class ProcessBackend:
    """``TRAIN_PROCESSES`` workers shared by every session of this web process."""

    def __init__(self, config: dict):
        processes = config["TRAIN_PROCESSES"]
        if processes < 1:
            raise ValueError(f"TRAIN_PROCESSES must be >= 1 for worker processes, got {processes}")
        self.worker_timeout = config.get("WORKER_TIMEOUT_SECONDS", Config.WORKER_TIMEOUT_SECONDS)
        self.links = [WorkerLink(i, self.worker_timeout) for i in range(processes)]
        self.longest = 1.0 / config["MAX_FRAME_RATE"]
        self._placement: dict[str, WorkerLink] = {}
        self._lock = threading.Lock()

    def _link(self, key: str) -> WorkerLink:
        with self._lock:
            link = self._placement.get(key)
            if link is None:
                link = min(self.links, key=lambda w: w.sessions)
                link.sessions += 1
                self._placement[key] = link
            return link

    def submit(self, session, request: SliceRequest) -> Job:
        """Send a slice of ``session``'s run to its worker (call with the session's lock held).

        The slice lasts a frame interval when the run has its worker to
        itself; runs sharing a worker split ``ROUND_SECONDS`` of the CPU the
        worker got lately, so each still gets a slice (and a frame with
        news) about every ``ROUND_SECONDS``, however busy the machine.
        """
        link = self._link(session.id)
        seconds = min(self.longest, max(MIN_SLICE_SECONDS, ROUND_SECONDS * link.share / link.load))
        copy = replica.pack(session.run) if link.shipped.get(session.id) != request.version \
            else None
        job = Job({"key": session.id, "version": request.version, "run": copy,
                   "seconds": seconds, "epochs": request.epochs, "rules": request.rules})
        link.submit(job)
        return job

    def collect(self, session, job: Job) -> SliceResult:
        """Wait (no lock held) for the job's result, then absorb it under the session's lock."""
        seconds, link = job.message["seconds"], self._link(session.id)
        # The link answers every job (a stalled worker's with ``missing``); this only bounds a bug.
        longest = 2 * self.worker_timeout + SPAWN_SECONDS
        if not job.done.wait(timeout=longest):
            link.shipped.pop(session.id, None)    # its copy may move on: ship a fresh one
            return SliceResult(error=f"no answer within {longest:g} s")
        result = job.result
        if "error" in result:
            return SliceResult(error=result["error"])
        if "progress" not in result:           # "missing": the run goes along with the next job
            return SliceResult()
        with session.lock:
            if session.state_version != job.message["version"]:
                return SliceResult()           # edited meanwhile: the edit wins
            try:
                done = replica.absorb(session.run, result["progress"])
            except ValueError as error:        # a copy out of step (a late slice): replace it
                link.shipped.pop(session.id, None)
                return SliceResult(error=str(error))
        return SliceResult(done, seconds, result["metrics"], report=result.get("report"))

    def forget(self, session_id: str) -> None:
        """The session is gone: free its copy and its place."""
        with self._lock:
            link = self._placement.pop(session_id, None)
            if link is None:
                return
            link.sessions -= 1
        link.submit(session_id)

    def close(self) -> None:
        for link in self.links:
            link.close()

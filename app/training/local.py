"""Training in the web process (``TRAIN_PROCESSES = 0``): slices under a training gate.

Training is CPU-bound Python holding the GIL; thirty runners fighting for it
would starve the socket threads (frames and acks queue behind them). The gate
lets one runner train at a time, for at most ``TRAIN_SLICE_SECONDS`` under its
session's lock (so acks never wait long), and when another runner waits it
rests a share of its slice with the gate held, so socket threads get the GIL
and runs take turns: fair share by design.
"""
import threading
import time
from collections.abc import Callable

from .backend import SliceRequest, SliceResult


class TrainingGate:
    """A lock that knows whether anyone is waiting for it."""

    def __init__(self):
        self._lock = threading.Lock()
        self._count = threading.Lock()
        self._waiting = 0

    def acquire(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the gate; True when it is ours."""
        with self._count:
            self._waiting += 1
        try:
            return self._lock.acquire(timeout=max(timeout, 0.0))
        finally:
            with self._count:
                self._waiting -= 1

    def release(self) -> None:
        self._lock.release()

    @property
    def contended(self) -> bool:
        """True when another runner waits for the gate."""
        return self._waiting > 0


class LocalBackend:
    """Trains each slice here, when the runner collects it."""

    def __init__(self, config: dict, sleep: Callable[[float], None]):
        self.slice_seconds = config["TRAIN_SLICE_SECONDS"]
        self.rest_ratio = config["TRAIN_REST_RATIO"]
        self.sleep = sleep
        self.gate = TrainingGate()

    def submit(self, session, request: SliceRequest) -> SliceRequest:
        return request          # nothing to send: the slice trains in ``collect``

    def collect(self, session, request: SliceRequest) -> SliceResult:
        if not self.gate.acquire(timeout=request.wait):
            return SliceResult()     # other runs hold the gate: a frame-only turn
        try:
            started = time.monotonic()
            with session.lock:
                done = self._train(session, request, started + self.slice_seconds)
            seconds = time.monotonic() - started
            if self.gate.contended:
                self.sleep(seconds * self.rest_ratio)   # with the gate held: runs take turns
            return SliceResult(done, seconds)
        finally:
            self.gate.release()

    @staticmethod
    def _train(session, request: SliceRequest, deadline: float) -> int:
        """Train epoch by epoch until the request, a stop rule or the deadline (lock held)."""
        if not session.running or session.state_version != request.version:
            return 0
        done, run = 0, session.run
        while request.epochs is None or done < request.epochs:
            if request.rules.epochs_allowed(run) == 0:
                break
            done += session.train(1)
            if time.monotonic() >= deadline:
                break
        return done

    def forget(self, session_id: str) -> None:
        pass

    def close(self) -> None:
        pass

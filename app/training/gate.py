"""One training slice at a time in this process, with a rest after it when others wait.

Training is CPU-bound Python holding the GIL; thirty runners fighting for it
starve the socket threads (frames and acks queue behind them). The gate lets
one runner train at a time and, when anyone else is waiting (another runner,
or screens to feed), makes it rest a share of its slice with the gate held,
so the socket threads get the GIL. Runners take turns: fair share by design.
"""
import threading


class TrainingGate:
    """A lock that knows whether anyone is waiting for it."""

    def __init__(self, rest_ratio: float):
        self.rest_ratio = rest_ratio
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

"""Expiry on its own clock: a background task that sweeps while anything waits to expire.

A room whose teacher closed the page must pause and close
``ROOM_GRACE_SECONDS`` later even if nobody sends another event; a closed
page's session must be freed ``RECONNECT_GRACE_SECONDS`` later. The task
sweeps every ``SWEEP_SECONDS`` and ends when nothing is pending (``poke``
starts it again), so an idle server, or a test's app, keeps no thread.
"""
import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Sweeper:
    """Calls ``sweep()`` every ``interval`` seconds while ``pending()`` is true."""

    def __init__(self, sweep: Callable[[], None], pending: Callable[[], bool], interval: float,
                 start_task: Callable, sleep: Callable[[float], None]):
        self.sweep, self.pending, self.interval = sweep, pending, interval
        self.start_task, self.sleep = start_task, sleep
        self.running = False
        self._lock = threading.Lock()

    def poke(self) -> None:
        """Something waits to expire: make sure the clock runs."""
        with self._lock:
            if self.running:
                return
            self.running = True
        self.start_task(self._loop)

    def _loop(self) -> None:
        while True:
            self.sleep(self.interval)
            try:
                self.sweep()
            except Exception:     # the clock must outlive one failed sweep
                log.exception("sweep failed")
            with self._lock:          # a poke after this sees running False and starts anew
                if not self.pending():
                    self.running = False
                    return

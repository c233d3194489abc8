"""Background clocks that run only while they have work: room and session expiry, and the like.

A ``Clock`` calls ``work()`` on a background task: ``work`` returns the seconds
until it is due again, or None when nothing waits; then the task ends, and
``poke`` starts it again when something new waits. ``busy()`` is asked once
more under the lock before it ends, so a poke that raced the end is never
lost. An idle server, or a test's app, keeps no thread; a failing ``work``
is logged and tried again (the clock must outlive one failure).

The ``Sweeper`` is the clock of expiry: a room whose teacher closed the page
must pause and close ``ROOM_GRACE_SECONDS`` later even if nobody sends another
event; a closed page's session must be freed ``RECONNECT_GRACE_SECONDS`` later.
It sweeps every ``SWEEP_SECONDS`` while anything waits to expire. (The class
data and class view run on a ``Clock`` of their own: ``classwork``.)
"""
import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Clock:
    """Runs ``work()`` on a background task while it returns a wait (seconds)."""

    def __init__(self, work: Callable[[], float | None], busy: Callable[[], bool],
                 start_task: Callable, sleep: Callable[[float], None], first: float = 0.0,
                 retry: float = 1.0):
        """``first``: seconds before the first call after a poke; ``retry``: after a failure."""
        self.work, self.busy, self.first, self.retry = work, busy, first, retry
        self.start_task, self.sleep = start_task, sleep
        self.running = False
        self._lock = threading.Lock()

    def poke(self) -> None:
        """Something waits: make sure the clock runs."""
        with self._lock:
            if self.running:
                return
            self.running = True
        self.start_task(self._loop)

    def _loop(self) -> None:
        wait = self.first
        while True:
            self.sleep(wait)
            try:
                wait = self.work()
            except Exception:     # the clock must outlive one failed call
                log.exception("%s failed", getattr(self.work, "__qualname__", "a clock's work"))
                wait = self.retry
            with self._lock:          # a poke after this sees running False and starts anew
                if wait is None and not self.busy():
                    self.running = False
                    return
            wait = wait or 0.0


class Sweeper(Clock):
    """Calls ``sweep()`` every ``interval`` seconds while ``pending()`` is true."""

    def __init__(self, sweep: Callable[[], None], pending: Callable[[], bool], interval: float,
                 start_task: Callable, sleep: Callable[[float], None]):
        super().__init__(self._sweep_once, pending, start_task, sleep, first=interval,
                         retry=interval)
        self.sweep, self.pending, self.interval = sweep, pending, interval

    def _sweep_once(self) -> float | None:
        self.sweep()
        return self.interval if self.pending() else None

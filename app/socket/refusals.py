"""Refused connections in the log, without letting a flood of them write the log.

A limit that refuses a connection says so once per address and window: the
first refusal of an address logs a line, later ones within ``window``
seconds are only counted, and the next line that address gets says how many
there were. A script retrying a thousand times a second costs one line a
minute. Addresses are kept only while their window lasts.
"""
import logging
import threading
import time

log = logging.getLogger(__name__)
WINDOW_SECONDS = 60.0
PRUNE_AT = 4096            # addresses remembered before old windows are dropped


class RefusalLog:
    """``note(address, what)`` logs what was refused, at most once per address and window."""

    def __init__(self, window: float = WINDOW_SECONDS, clock=time.monotonic):
        self.window, self.clock = window, clock
        self._seen: dict[str, tuple[float, int]] = {}   # address -> (last line, refusals since)
        self._lock = threading.Lock()

    def note(self, address: str, what: str) -> None:
        hidden = self.admit(address)
        if hidden is not None:
            more = f" (and {hidden} more refusals since the last line)" if hidden else ""
            log.warning("%s: %s%s", address or "?", what, more)

    def admit(self, address: str) -> int | None:
        """The refusals not logged since ``address``'s last line if one may be logged now, else None."""
        now = self.clock()
        with self._lock:
            last, hidden = self._seen.get(address, (None, 0))
            if last is not None and now - last < self.window:
                self._seen[address] = (last, hidden + 1)
                return None
            if len(self._seen) >= PRUNE_AT:
                self._seen = {a: seen for a, seen in self._seen.items()
                              if now - seen[0] < self.window}
            self._seen[address] = (now, 0)
        return hidden

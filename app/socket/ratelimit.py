"""A token bucket per connection: how many events a client may send per second.

Every client event costs one token; tokens refill at ``rate`` per second up
to ``burst``. A flooding client gets refusals (cheap to make) while everyone
else's events go through. Thread-safe: one lock per process, held briefly.
"""
import threading
import time


class RateLimiter:
    """``allow(key)`` is True while ``key`` stays within ``rate`` events/s (bursts to ``burst``)."""

    def __init__(self, rate: float, burst: float, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last time)
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            return allowed

    def forget(self, key: str) -> None:
        """Drop ``key``'s bucket (its connection closed)."""
        with self._lock:
            self._buckets.pop(key, None)

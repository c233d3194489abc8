"""A token bucket per key: how many events a client may send per second.

Every client event costs one token; tokens refill at ``rate`` per second up
to ``burst``. A flooding client gets refusals (cheap to make) while everyone
else's events go through. Thread-safe: one lock per process, held briefly.
With ``max_keys``, buckets that have refilled (as good as new), then the
oldest, are forgotten once more keys than that are held: many keys cannot
grow it without bound.
"""
import threading
import time


class RateLimiter:
    """``allow(key)`` is True while ``key`` stays within ``rate`` events/s (bursts to ``burst``)."""

    def __init__(self, rate: float, burst: float, clock=time.monotonic,
                 max_keys: int | None = None):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last time)
        self._lock = threading.Lock()

    def _tokens(self, key: str, now: float) -> float:
        tokens, last = self._buckets.get(key, (self.burst, now))
        return min(self.burst, tokens + (now - last) * self.rate)

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            tokens = self._tokens(key, now)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            if self.max_keys is not None and len(self._buckets) > self.max_keys:
                self._forget_refilled(now)
            return allowed

    def available(self, key: str) -> bool:
        """True when ``allow(key)`` would be (nothing is spent)."""
        with self._lock:
            return self._tokens(key, self.clock()) >= 1.0

    def _forget_refilled(self, now: float) -> None:
        """Forget refilled buckets, then the oldest, down to 3/4 of ``max_keys`` (so this runs
        once per quarter of them, not on every call)."""
        for key in [k for k in self._buckets if self._tokens(k, now) >= self.burst]:
            del self._buckets[key]
        for key in list(self._buckets)[:max(0, len(self._buckets) - self.max_keys * 3 // 4)]:
            del self._buckets[key]

    def forget(self, key: str) -> None:
        """Drop ``key``'s bucket (its connection closed)."""
        with self._lock:
            self._buckets.pop(key, None)

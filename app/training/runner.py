"""The training loop behind Play: one loop, whichever backend trains.

One ``Runner`` per playing session (``Training.start``). Each turn it
collects the slice in flight (trained in this process or in a worker: the
backend's business), then under the session's lock applies the stop rules,
pays the epochs owed, takes a frame if one is due and submits the next slice
(before the frame goes out, so a worker trains while frames are sent), then
sends the frame. With a class watching it first rests ``TRAIN_REST_RATIO`` of
the slice, so the fan-out keeps its CPU. The loop ends when the session stops
running (pause, a stop rule, a closed room): it is bounded by that flag.
"""
import logging
import time
from collections.abc import Callable

from .backend import Backend, SliceRequest, SliceResult
from .stops import StopRules

CATCH_UP_SECONDS = 0.1   # at a set speed, epochs owed beyond this much time are forgiven
RETRY_SECONDS = 0.05     # after a failed slice (a worker restarting), wait this long
YIELD_SECONDS = 0.0005   # the shortest rest between turns
log = logging.getLogger(__name__)


class EpochBudget:
    """Epochs owed at the session's speed: the one way of counting them."""

    def __init__(self, max_speed: float, now: float):
        self.max_speed, self.credit, self.last = max_speed, 0.0, now

    def owed(self, speed: float, now: float) -> int | None:
        """Whole epochs owed now; None at full speed (train as many as a slice fits)."""
        self.credit = min(self.credit + (now - self.last) * speed,
                          speed * CATCH_UP_SECONDS + 1)
        self.last = now
        if speed >= self.max_speed:
            self.credit = 0.0
            return None
        return int(self.credit)

    def paid(self, epochs: int) -> None:
        self.credit = max(self.credit - epochs, 0.0)

    def wait(self, speed: float) -> float:
        """Seconds until the next epoch is owed."""
        return max(0.0, (1 - self.credit) / speed)


class FrameClock:
    """When the next frame is due: the one schedule of frames.

    ``MAX_FRAME_RATE`` a second, slower when many screens watch: each frame
    costs one send per watcher, and ``FRAME_FANOUT_BUDGET`` bounds the sends
    per second of one run, so 300 spectators get ~12 frames/s instead of the
    server falling behind on all of them.
    """

    def __init__(self, max_rate: float, fanout_budget: float, now: float):
        self.min_interval, self.fanout_budget, self.next = 1.0 / max_rate, fanout_budget, now

    def interval(self, watchers: int) -> float:
        return max(self.min_interval, watchers / self.fanout_budget)

    def due(self, now: float, watchers: int) -> bool:
        """True when a frame is due; then the next is scheduled.

        On the schedule, not from now: a frame sent a little late does not push
        every later one back (slices rarely end exactly when a frame is due).
        """
        if now < self.next:
            return False
        self.next = max(self.next + self.interval(watchers), now)
        return True

    def wait(self, now: float) -> float:
        return max(0.0, self.next - now)


class Runner:
    """Drives ``session`` until it stops running, over ``backend``.

    ``frames`` builds (``next_frame``, under the lock) and sends (``send_frame``)
    the broadcast frame; ``watchers(session_id)`` counts the screens watching.
    ``on_end`` is called under the session's lock when the loop decides to end.
    """

    def __init__(self, session, backend: Backend, frames, watchers: Callable[[str], int],
                 config: dict, sleep: Callable[[float], None], on_end: Callable[[], None]):
        now = time.monotonic()
        self.session, self.backend, self.frames = session, backend, frames
        self.watchers, self.sleep, self.on_end = watchers, sleep, on_end
        self.budget = EpochBudget(config["MAX_SPEED"], now)
        self.clock = FrameClock(config["MAX_FRAME_RATE"], config["FRAME_FANOUT_BUDGET"], now)
        self.rest_ratio = config["TRAIN_REST_RATIO"]
        self.metrics: tuple | None = None   # (state version, epoch, metrics, report) of the last slice
        self.warned = False

    def loop(self) -> None:
        ticket = None
        while True:
            result = self.backend.collect(self.session, ticket) if ticket is not None else None
            with self.session.lock:
                frame = self._take(result)
                running = self.session.running
                resting = running and result is not None and result.epochs > 0 \
                    and self.watchers(self.session.id) > 1
                ticket = self._submit() if running and not resting else None
                if not running:
                    self.on_end()
            if frame is not None:
                self.frames.send_frame(self.session, frame)
            if not running:
                return
            self._pause(result, resting, ticket)
            if resting:
                with self.session.lock:
                    ticket = self._submit() if self.session.running else None

    def _take(self, result: SliceResult | None) -> dict | None:
        """Apply a slice's outcome; return the frame to send, if one is due (lock held)."""
        session = self.session
        if result is not None:
            self.budget.paid(result.epochs)
            if result.metrics is not None:
                self.metrics = (session.state_version, session.run.epoch, result.metrics,
                                result.report)
            if result.error is not None and not self.warned:
                log.error("training slice failed for %s: %s", session.id[:8], result.error)
                self.warned = True
            session.check_stops()
        stopped_now = result is not None and result.epochs > 0 and not session.running
        if not session.running and not stopped_now:
            return None     # paused or retired: whoever stopped it sent the last frame
        if not self.clock.due(time.monotonic(), self.watchers(session.id)) and not stopped_now:
            return None
        metrics = self.metrics
        fresh = metrics is not None and metrics[:2] == (session.state_version, session.run.epoch)
        return self.frames.next_frame(session, *(metrics[2:] if fresh else (None, None)))

    def _submit(self):
        """The next slice, or None when no epoch is owed yet (lock held)."""
        session, now = self.session, time.monotonic()
        epochs = self.budget.owed(session.settings["speed"], now)
        if epochs == 0:
            return None
        request = SliceRequest(epochs, StopRules.of(session.settings, session.play_epoch),
                               session.state_version, self.clock.wait(now))
        return self.backend.submit(session, request)

    def _pause(self, result: SliceResult | None, resting: bool, ticket: object) -> None:
        """Rest after a watched slice, back off after a failed one, or wait for owed epochs."""
        if resting:
            self.sleep(result.seconds * self.rest_ratio)
        elif result is not None and result.error is not None:
            self.sleep(RETRY_SECONDS)
        elif ticket is None:
            speed, now = self.session.settings["speed"], time.monotonic()
            self.sleep(max(0.001, min(self.clock.wait(now), self.budget.wait(speed))))
        else:
            # A slice is in flight (or next, here): let other tasks run. A positive
            # sleep: under gevent, sleep(0) yields to greenlets but not to the network.
            self.sleep(YIELD_SECONDS)

"""The training loop behind Play: train at the session's speed, stream frames.

One background task per playing session. ``Runner`` trains in this process
(``TRAIN_PROCESSES = 0``): each turn takes the process's training gate (one
run trains at a time; see ``gate``), trains for at most
``TRAIN_SLICE_SECONDS`` under the session's lock (so acks never wait long).
``pool_runner.PoolRunner`` (the default) has worker processes train instead.

Either way, at most ``MAX_FRAME_RATE`` times a second (fewer with many
watchers) it broadcasts a frame carrying every epoch's losses since the last
one. The loop ends as soon as the session stops running (pause, divergence,
disconnect): it is bounded by that flag.
"""
import time
from collections.abc import Callable

from .gate import TrainingGate
from ..play.session import Session


class Runner:
    """Drives ``session`` until it stops running; ``emit_frame(session, frame)`` publishes.

    Start it only after setting ``session.runner_active`` under the lock; the
    loop clears that flag under the same lock when it ends, so a session never
    has two runners.
    """

    def __init__(self, session: Session, config: dict, gate: TrainingGate | None,
                 emit_frame: Callable[[Session, dict], None], sleep: Callable[[float], None]):
        self.session = session
        self.gate = gate
        self.frame_interval = 1.0 / config["MAX_FRAME_RATE"]
        self.fanout_budget = config["FRAME_FANOUT_BUDGET"]
        self.slice_seconds = config["TRAIN_SLICE_SECONDS"]
        self.max_speed = config["MAX_SPEED"]
        self.emit_frame = emit_frame
        self.sleep = sleep
        self.next_frame = time.monotonic()

    def loop(self) -> None:
        session, gate, clock = self.session, self.gate, time.monotonic
        credit, last = 0.0, clock()       # epochs owed at the current speed
        while True:
            if not gate.acquire(timeout=self.next_frame - clock()):
                # Other runs hold the gate: no epochs this turn, but screens get their frame.
                if not self._frame_only():
                    return
                continue
            try:
                started = clock()
                with session.lock:
                    if not session.running:
                        session.runner_active = False
                        return
                    speed = session.settings["speed"]
                    credit = min(credit + (started - last) * speed,
                                 speed * self.slice_seconds + 1)
                    last = started
                    unthrottled = speed >= self.max_speed
                    deadline = started + self.slice_seconds
                    while (unthrottled or credit >= 1) and session.running and clock() < deadline:
                        session.train(1)
                        credit -= 1
                    if unthrottled:
                        credit = 0.0
                    frame = self._due_frame()
                if frame is not None:
                    self.emit_frame(session, frame)
                if gate.contended or session.watchers > 1:
                    # Rest with the gate held: socket threads get the GIL, runs take turns.
                    self.sleep((clock() - started) * gate.rest_ratio)
            finally:
                gate.release()
            if not unthrottled:
                wait = min(self.next_frame - clock(), (1 - credit) / speed if credit < 1 else 0)
                self.sleep(max(wait, 0.001))
            else:
                self.sleep(0)

    def _due_frame(self) -> dict | None:
        """The broadcast frame if one is due (call with the session lock held)."""
        now = time.monotonic()
        if now < self.next_frame and self.session.running:
            return None
        # On the schedule, not from now: a frame sent a little late does not push
        # every later one back (slices rarely end exactly when a frame is due).
        self.next_frame = max(self.next_frame + self.interval(self.session.watchers), now)
        return self.session.broadcast_frame()

    def _frame_only(self) -> bool:
        """Send a due frame without training; False when the run has stopped."""
        with self.session.lock:
            if not self.session.running:
                self.session.runner_active = False
                return False
            frame = self._due_frame()
        if frame is not None:
            self.emit_frame(self.session, frame)
        return True

    def interval(self, watchers: int) -> float:
        """Seconds between frames: ``MAX_FRAME_RATE``, slower when many screens watch.

        Each frame costs one send per watcher; ``FRAME_FANOUT_BUDGET`` bounds the
        sends per second of one run, so 300 spectators get ~12 frames/s instead
        of the server falling behind on all of them.
        """
        return max(self.frame_interval, watchers / self.fanout_budget)

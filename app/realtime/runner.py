"""The training loop behind Play: train at the session's speed, stream frames.

One background task per playing session. Each turn trains for at most
``TRAIN_SLICE_SECONDS`` under the session's lock (so acks never wait long),
then, at most ``MAX_FRAME_RATE`` times a second, broadcasts a frame carrying
every epoch's losses since the last one. The loop ends as soon as the session
stops running (pause, divergence, disconnect): it is bounded by that flag.
"""
import time
from collections.abc import Callable

from .sessions import Session


class Runner:
    """Drives ``session`` until it stops running; ``emit_frame(session, frame)`` publishes.

    Start it only after setting ``session.runner_active`` under the lock; the
    loop clears that flag under the same lock when it ends, so a session never
    has two runners.
    """

    def __init__(self, session: Session, config: dict,
                 emit_frame: Callable[[Session, dict], None], sleep: Callable[[float], None]):
        self.session = session
        self.frame_interval = 1.0 / config["MAX_FRAME_RATE"]
        self.fanout_budget = config["FRAME_FANOUT_BUDGET"]
        self.slice_seconds = config["TRAIN_SLICE_SECONDS"]
        self.max_speed = config["MAX_SPEED"]
        self.emit_frame = emit_frame
        self.sleep = sleep

    def loop(self) -> None:
        session = self.session
        clock = time.monotonic
        credit, last = 0.0, clock()       # epochs owed at the current speed
        next_frame = last
        while True:
            with session.lock:
                if not session.running:
                    session.runner_active = False
                    break
                speed = session.settings["speed"]
                now = clock()
                credit = min(credit + (now - last) * speed, speed * self.slice_seconds + 1)
                last = now
                unthrottled = speed >= self.max_speed
                deadline = now + self.slice_seconds
                while (unthrottled or credit >= 1) and session.running and clock() < deadline:
                    session.train(1)
                    credit -= 1
                if unthrottled:
                    credit = 0.0
                frame = None
                now = clock()
                if now >= next_frame or not session.running:
                    frame = session.broadcast_frame()
                    next_frame = now + self.interval(session.watchers)
            if frame is not None:
                self.emit_frame(session, frame)
            if not unthrottled:
                wait = min(next_frame - clock(), (1 - credit) / speed if credit < 1 else 0)
                self.sleep(max(wait, 0.001))
            else:  # let socket threads in between slices; more of them, more room
                self.sleep(0 if session.watchers <= 1 else self.slice_seconds / 4)

    def interval(self, watchers: int) -> float:
        """Seconds between frames: ``MAX_FRAME_RATE``, slower when many screens watch.

        Each frame costs one send per watcher; ``FRAME_FANOUT_BUDGET`` bounds the
        sends per second of one run, so 300 spectators get ~12 frames/s instead
        of the server falling behind on all of them.
        """
        return max(self.frame_interval, watchers / self.fanout_budget)

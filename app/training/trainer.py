"""The training service: one runner per playing session, over the configured backend.

``TRAIN_PROCESSES`` > 0 trains in worker processes (``ProcessBackend``), 0 in
this process (``LocalBackend``); either way the same ``Runner`` loop drives
each session. A loop that fails pauses its session with ``stopped.reason``
``"error"`` (Play works again) instead of leaving it stuck.
"""
import logging
import threading
from collections.abc import Callable

from .local import LocalBackend
from .processes import ProcessBackend
from .runner import Runner

log = logging.getLogger(__name__)
ERROR_STOP = {"reason": "error",
              "message": "Training stopped on a server error; press Play to go on (the server "
                         "log has the details)."}


class Training:
    """Starts and ends runners; ``frames`` builds and sends frames, ``watchers`` counts screens."""

    def __init__(self, config: dict, frames, watchers: Callable[[str], int],
                 start_task: Callable, sleep: Callable[[float], None]):
        self.config, self.frames, self.watchers = config, frames, watchers
        self.start_task, self.sleep = start_task, sleep
        self.backend = (ProcessBackend(config) if config["TRAIN_PROCESSES"] > 0
                        else LocalBackend(config, sleep))
        self._active: set[str] = set()    # sessions with a runner loop alive
        self._lock = threading.Lock()

    def start(self, session) -> None:
        """Make sure a runner drives ``session`` (call with its lock held, after ``play``)."""
        with self._lock:
            if session.id in self._active:
                return
            self._active.add(session.id)
        runner = Runner(session, self.backend, self.frames, self.watchers, self.config,
                        self.sleep, on_end=lambda: self._ended(session.id))
        self.start_task(self._run, runner)

    def _ended(self, session_id: str) -> None:
        with self._lock:
            self._active.discard(session_id)

    def _run(self, runner: Runner) -> None:
        """``runner.loop()``; if it fails, the session pauses (and can play again), never hangs."""
        try:
            runner.loop()
        except Exception:
            session = runner.session
            log.exception("training loop failed for %s", session.id[:8])
            with session.lock:
                session.running = False
                session.stopped = dict(ERROR_STOP)
                self._ended(session.id)
                frame = self.frames.next_frame(session, None)
            self.frames.send_frame(session, frame)

    def forget(self, session_id: str) -> None:
        """The session is gone (its runner ends with its ``running`` flag)."""
        self.backend.forget(session_id)

    def close(self) -> None:
        self.backend.close()

"""Training sessions: one run of the engine, its settings, and who is watching.

A ``Session`` is the unit that a browser tab steers. Its lock serialises the
socket handlers and the runner thread; nothing here emits, so the socket
layer decides who hears what. Frames are built here because they read the
run under the lock.
"""
import secrets
import threading
from dataclasses import dataclass, field

from ..nn.train import RESTART_FIELDS, Run, RunConfig
from .frames import frame_payload, run_payload
from .protocol import default_settings, settings_schema

FAILURE_MESSAGES = {
    "nonfinite": "Training paused: a weight or the loss stopped being a finite number. The "
                 "learning rate is too high for this network: lower it, then press Reset.",
    "saturated": "Training paused: the loss rose above where it started and every output is "
                 "stuck at −1 or +1, where the gradient is zero, so the network cannot recover. "
                 "The learning rate is too high: lower it, then press Reset.",
}

# Settings that the engine's RunConfig does not know (they steer the runner).
RUNNER_FIELDS = frozenset({"speed"})


def run_config(settings: dict) -> RunConfig:
    """The engine's view of protocol settings."""
    values = {k: v for k, v in settings.items() if k not in RUNNER_FIELDS}
    values["hidden_layers"] = tuple(values["hidden_layers"])
    return RunConfig(**values)


@dataclass
class Session:
    """A run plus the state around it: settings, play state, what was last broadcast."""

    id: str
    settings: dict
    run: Run
    run_number: int = 1
    running: bool = False
    runner_active: bool = False   # a Runner loop is alive for this session
    stopped: dict | None = None
    sent_epoch: int = -1          # last epoch whose losses went out in a broadcast frame
    lock: threading.RLock = field(default_factory=threading.RLock)

    # -- commands (call with the lock held) -----------------------------------
    def configure(self, changes: dict) -> bool:
        """Apply validated settings; return True when the run had to start over."""
        settings = {**self.settings, **changes}
        restart = any(settings[k] != self.settings[k] for k in changes if k in RESTART_FIELDS)
        self.settings = settings
        if restart:
            self._new_run(resets=0)
        else:
            self.run.update(run_config(settings))
        return restart

    def reset(self) -> None:
        """New initial weights, same settings and data."""
        self._new_run(resets=self.run.resets + 1)

    def _new_run(self, resets: int) -> None:
        self.run = Run(run_config(self.settings), resets=resets)
        self.run_number += 1
        self.running = False
        self.stopped = None
        self.sent_epoch = -1

    def train(self, epochs: int) -> int:
        """Train up to ``epochs`` epochs; pause with a reason if the run diverged."""
        done = self.run.train(epochs)
        if self.run.diverged:
            self.running = False
            self.stopped = {"reason": "diverged", "detail": self.run.failure,
                            "message": FAILURE_MESSAGES[self.run.failure]}
        return done

    # -- messages (call with the lock held) ------------------------------------
    def run_message(self) -> dict:
        return run_payload(self.run_number, self.settings, self.run)

    def frame(self, since: int) -> dict:
        """A frame carrying every epoch's losses after ``since``."""
        return frame_payload(self, since)

    def broadcast_frame(self) -> dict:
        """The next frame for everyone watching; remembers what they have."""
        message = self.frame(self.sent_epoch)
        self.sent_epoch = self.run.epoch
        return message


class SessionLimitError(RuntimeError):
    """Raised when ``MAX_SESSIONS`` sessions already exist."""


class SessionRegistry:
    """All sessions of this process, by id; bounded by ``MAX_SESSIONS``."""

    def __init__(self, config: dict):
        self.config = config
        self.schema = settings_schema(config)
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def create(self) -> Session:
        settings = default_settings(self.schema)
        with self._lock:
            if len(self._sessions) >= self.config["MAX_SESSIONS"]:
                raise SessionLimitError(
                    f"the server is full ({self.config['MAX_SESSIONS']} sessions); try later")
            session = Session(secrets.token_urlsafe(12), settings, Run(run_config(settings)))
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str) -> Session | None:
        return self._sessions.get(session_id)

    def remove(self, session_id: str) -> Session | None:
        with self._lock:
            return self._sessions.pop(session_id, None)

    def __len__(self) -> int:
        return len(self._sessions)

"""Training sessions: one run of the engine, its settings, its data, and its play state.

A ``Session`` is the unit that a browser tab steers. Its lock serialises the
socket handlers and the runner thread (call every method with it held);
nothing here emits, so the socket layer decides who hears what. Settings
arrive already validated and resolved (``protocol``); point sets arrive
already built (``data_edits``).
"""
import hmac
import secrets
import threading
from dataclasses import dataclass, field

from ..nn.datasets import Split
from ..nn.train import RESTART_FIELDS, Run, RunConfig
from ..socket.messages import frame_payload, run_payload
from ..socket.settings import default_settings, run_config, settings_schema
from ..socket.values import ProtocolError
from ..training.stops import NO_RULES, StopRules


@dataclass
class Session:
    """A run plus the state around it: settings, custom points, play state, broadcasts."""

    id: str
    settings: dict
    run: Run
    custom: Split | None = None   # the points when settings["dataset"] == "custom"
    run_id: int = 1               # the protocol's ``run``: one more for every new run
    running: bool = False
    stopped: dict | None = None
    play_epoch: int = 0           # epoch at the last play: stop_after counts from here
    sent_epoch: int = -1          # last epoch whose losses went out in a broadcast frame
    lock: threading.RLock = field(default_factory=threading.RLock)
    controllers: set = field(default_factory=set)   # Socket.IO sids that may steer it
    watchers: int = 0                                # connections receiving its frames
    address: str = ""                                # the client address that opened it
    resume_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    detached_at: float | None = None                 # when its last connection closed
    # One more for every change to the run not made by a training slice (an edit, a
    # step, a new run): a worker's copy made at another version is stale.
    state_version: int = 0

    # -- settings --------------------------------------------------------------
    def configure(self, settings: dict) -> bool:
        """Adopt resolved ``settings``; return True when the run had to start over."""
        changed = {k for k in settings if settings[k] != self.settings[k]}
        if settings["dataset"] == "custom" and self.custom is None:
            self.custom = self.run.data          # start drawing from the current points
        elif settings["dataset"] != "custom":
            self.custom = None
        previous, self.settings = self.settings, settings
        self.state_version += 1
        if not changed & RESTART_FIELDS:
            self.run.update(run_config(settings))
            return False
        try:
            self._new_run(weight_draw=0)
        except ValueError as error:              # e.g. custom labels that fit no head
            self.settings = previous
            raise ProtocolError(sorted(changed & RESTART_FIELDS)[0], str(error)) from None
        return True

    def reset(self) -> None:
        """New initial weights, same settings and data."""
        self._new_run(weight_draw=self.run.weight_draw + 1)

    def _new_run(self, weight_draw: int, classes: int | None = None) -> None:
        self.run = Run(run_config(self.settings), weight_draw=weight_draw, data=self.custom,
                       classes=classes)
        self._started()

    def _started(self) -> None:
        self.state_version += 1
        self.run_id += 1
        self.running = False
        self.stopped = None
        self.sent_epoch = -1

    # -- training ----------------------------------------------------------------
    def play(self) -> None:
        if self.stopped is not None and self.stopped["reason"] == "diverged":
            raise ProtocolError("learning_rate", self.stopped["message"])
        self.running, self.stopped, self.play_epoch = True, None, self.run.epoch

    def train(self, epochs: int) -> int:
        """Train up to ``epochs`` epochs in this process; return how many ran."""
        done = self.run.train(epochs)
        self.state_version += 1
        return done

    def check_stops(self) -> None:
        """Pause with the reason when a stop rule holds (only divergence while paused)."""
        rules = StopRules.of(self.settings, self.play_epoch) if self.running else NO_RULES
        verdict = rules.verdict(self.run)
        if verdict is not None:
            self.running, self.stopped = False, verdict

    # -- data and parameters -------------------------------------------------------
    def edit_points(self, data: Split) -> None:
        """Live: swap in edited points (the data set becomes custom); weights stay."""
        try:
            self.run.replace_data(data)
        except ValueError as error:
            raise ProtocolError("points", str(error)) from None
        self.custom = data
        self.settings = {**self.settings, "dataset": "custom"}
        self.run.config = run_config(self.settings)
        self.state_version += 1

    def replace_points(self, data: Split, classes: int) -> None:
        """Start over on uploaded points."""
        changes = {"dataset": "custom"}
        if classes >= 3:
            changes["num_classes"] = classes
        previous = (self.settings, self.custom)
        self.settings, self.custom = {**self.settings, **changes}, data
        try:
            self._new_run(weight_draw=0, classes=classes)
        except ValueError as error:
            self.settings, self.custom = previous
            raise ProtocolError("csv", str(error)) from None

    def set_parameter(self, layer: int, to: int, source: int | None, value: float) -> None:
        """Live: set one weight (``source`` → ``to``) or, with ``source`` None, a bias."""
        try:
            self.run.set_parameter(layer, to, source, value)
        except IndexError as error:   # its message starts with the index's name
            raise ProtocolError(str(error).split()[0], str(error)) from None
        self.state_version += 1

    def adopt(self, settings: dict, run: Run, custom: Split | None) -> None:
        """Continue from an imported model."""
        self.settings, self.run, self.custom = settings, run, custom
        self._started()

    # -- messages ----------------------------------------------------------------
    def run_message(self) -> dict:
        return run_payload(self.run_id, self.settings, self.run)

    def frame(self, since: int, metrics: tuple | None = None) -> dict:
        """A frame carrying every epoch's losses after ``since``."""
        return frame_payload(self, since, metrics)

    def broadcast_frame(self, metrics: tuple | None = None) -> dict:
        """The next frame for everyone watching; remembers what they have."""
        message = self.frame(self.sent_epoch, metrics)
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

    def create(self, address: str = "") -> Session:
        """A new session for a client at ``address``, within the process and address limits."""
        settings = default_settings(self.schema)
        per_address = self.config["MAX_SESSIONS_PER_ADDRESS"]
        with self._lock:
            if len(self._sessions) >= self.config["MAX_SESSIONS"]:
                raise SessionLimitError(
                    f"the server is full ({self.config['MAX_SESSIONS']} sessions); try later")
            if sum(s.address == address for s in self._sessions.values()) >= per_address:
                raise SessionLimitError(f"too many open pages from your address (at most "
                                        f"{per_address}); close some and reload")
            session = Session(secrets.token_urlsafe(12), settings, Run(run_config(settings)),
                              address=address)
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str) -> Session | None:
        return self._sessions.get(session_id)

    def resume(self, session_id: object, token: object) -> Session | None:
        """The detached session ``session_id`` if ``token`` is its resume token."""
        session = self._sessions.get(session_id) if isinstance(session_id, str) else None
        if session is None or session.detached_at is None or not isinstance(token, str) \
                or not hmac.compare_digest(token.encode(), session.resume_token.encode()):
            return None
        session.detached_at = None
        return session

    def expired(self, grace: float, now: float) -> list[Session]:
        """Remove and return sessions detached for longer than ``grace`` seconds."""
        with self._lock:
            gone = [s for s in self._sessions.values()
                    if s.detached_at is not None and now - s.detached_at >= grace]
            for session in gone:
                del self._sessions[session.id]
        return gone

    def remove(self, session_id: str) -> Session | None:
        with self._lock:
            return self._sessions.pop(session_id, None)

    def __len__(self) -> int:
        return len(self._sessions)


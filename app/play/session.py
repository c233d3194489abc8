"""A training session: one run of the engine, its settings and its play state.

A ``Session`` is what a browser tab steers. It holds settings and play state
only: who watches or steers it is the ``Classroom``'s business, its resume
token and address the ``SessionRegistry``'s, training the runner's. Its lock
serialises the socket handlers and the runner (call every method with it
held); nothing here emits. Settings arrive validated and resolved
(``socket.settings``); point sets arrive already built (``points``).
Rewind: the run's ``checkpoints`` (``nn.rewind``) are told when training
advanced and pinned after every other change; ``rewound`` is the past run a
rewind shows, and any change made while rewound continues from there
(``branch``).
"""
import threading
from dataclasses import dataclass, field, fields

from ..config import Config
from ..nn import parameters
from ..nn.datasets import Split
from ..nn.rewind import Checkpoints
from ..nn.train import RESTART_FIELDS, Run, RunConfig
from ..socket.settings import run_config
from ..socket.values import ProtocolError
from ..training.stops import NO_RULES, StopRules

LIVE_FIELDS = tuple(f.name for f in fields(RunConfig) if f.name not in RESTART_FIELDS)
DEFAULT_REWIND = (Config.REWIND_CHECKPOINTS, Config.REWIND_SPACING)


@dataclass
class Session:
    """A run plus its settings, custom points and play state."""

    id: str
    settings: dict
    run: Run
    custom: Split | None = None   # the points when settings["dataset"] == "custom"
    run_id: int = 1               # the protocol's ``run``: one more for every new run
    running: bool = False
    stopped: dict | None = None   # the frame's ``stopped``: why training paused by itself
    play_epoch: int = 0           # epoch at the last play: stop_after counts from here
    sent_epoch: int = -1          # last epoch whose losses went out in a broadcast frame
    # One more for every change a training copy must not outlive (an edit, a step, a
    # new run, a pause): a slice trained from another version is dropped.
    state_version: int = 0
    rewind_limits: tuple[int, int] = DEFAULT_REWIND   # REWIND_CHECKPOINTS, REWIND_SPACING
    rewound: Run | None = None    # the past state a rewind shows, or None: now
    lock: threading.RLock = field(default_factory=threading.RLock)

    def __post_init__(self):
        self.checkpoints = Checkpoints(self.run, *self.rewind_limits)

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
            before = self.run.config
            self.run.update(run_config(settings))
            if self.run.config != before:
                self.checkpoints.pin(self.run)
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
        self.checkpoints = Checkpoints(self.run, *self.rewind_limits)
        self.rewound = None
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

    def pause(self) -> None:
        """Stop training where the watchers see it: a slice still in flight is dropped."""
        self.running = False
        self.state_version += 1

    def train(self, epochs: int) -> int:
        """Train up to ``epochs`` epochs in this process; return how many ran."""
        done = self.run.train(epochs)
        self.state_version += 1
        self.trained()
        return done

    def trained(self) -> None:
        """Training advanced the run (here or in a worker): a checkpoint if one is due."""
        self.checkpoints.note(self.run)

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
        self.checkpoints.pin(self.run)

    def replace_points(self, data: Split, classes: int, field: str = "csv") -> None:
        """Start over on uploaded (or collected) points; a refusal names ``field``."""
        changes = {"dataset": "custom"}
        if classes >= 3:
            changes["num_classes"] = classes
        previous = (self.settings, self.custom)
        self.settings, self.custom = {**self.settings, **changes}, data
        try:
            self._new_run(weight_draw=0, classes=classes)
        except ValueError as error:
            self.settings, self.custom = previous
            raise ProtocolError(field, str(error)) from None

    def set_parameter(self, layer: int, to: int, source: int | None, value: float) -> None:
        """Live: set one weight (``source`` → ``to``) or, with ``source`` None, a bias."""
        try:
            parameters.set_parameter(self.run, layer, to, source, value)
        except IndexError as error:   # its message starts with the index's name
            raise ProtocolError(str(error).split()[0], str(error)) from None
        self.state_version += 1
        self.checkpoints.pin(self.run)

    def adopt(self, settings: dict, run: Run, custom: Split | None) -> None:
        """Continue from an imported model."""
        self.settings, self.run, self.custom = settings, run, custom
        self._started()

    # -- rewind ----------------------------------------------------------------------
    def rewind(self, epoch: int | None) -> None:
        """Show the run as it was after ``epoch`` (None or the last epoch: now); pauses."""
        earliest = self.checkpoints.earliest
        if epoch is not None and not earliest <= epoch <= self.run.epoch:
            raise ProtocolError("epoch", f"epoch must be between {earliest} and "
                                         f"{self.run.epoch}, the epochs this run can go back to")
        self.pause()
        back = epoch is None or epoch == self.run.epoch
        self.rewound = None if back else self.checkpoints.run_at(epoch)

    def branch(self) -> bool:
        """If rewound, go on from there: the run as it was, later epochs dropped; True if so."""
        if self.rewound is None:
            return False
        self.run = self.checkpoints.branch(self.run, self.rewound.epoch)
        config = self.run.config
        self.settings = {**self.settings, "dataset": config.dataset,
                         **{name: getattr(config, name) for name in LIVE_FIELDS}}
        self.custom = self.run.data if config.dataset == "custom" else None
        checkpoints = self.checkpoints
        self._started()
        self.checkpoints = checkpoints      # the branch keeps what it can still go back to
        return True

"""A training session: one run of the engine, its settings and its play state.

A ``Session`` is what a browser tab steers. It holds settings and play state
only: who watches or steers it is the ``Classroom``'s business, its resume
token and address the ``SessionRegistry``'s, training the runner's. Its lock
serialises the socket handlers and the runner (call every method with it
held); nothing here emits. Settings arrive validated and resolved
(``socket.settings``); point and image sets arrive already built (``points``,
``images``). The run is a ``Run`` (points) or an ``ImageRun`` (problem
"images"), chosen by the settings; both train, step and stop the same way.
Rewind: the run's ``checkpoints`` (``nn.rewind``) are told when training
advanced and pinned after every other change; ``rewound`` is the past run a
rewind shows, and any change made while rewound continues from there
(``branch``).
"""
import math
import threading
from dataclasses import dataclass, field

from ..config import Config
from ..nn import parameters
from ..nn.datasets import Split
from ..nn.images.datasets import ImageSplit
from ..nn.images.run import ImageRun
from ..nn.rewind import Checkpoints
from ..nn.train import RESTART_FIELDS, Run
from ..socket.image_settings import IMAGE_RESTART_FIELDS, IMAGES, MAX_NUM_CLASSES
from ..socket.settings import run_config
from ..socket.values import ProtocolError
from ..training.stops import NO_RULES, StopRules
from . import points
from .rewinding import Rewinding

NO_POINTS = ("No training points yet: choose Draw points and click the plane "
             "(or upload a CSV).")

# Data sets the user brings: they start from the current run's data, kept in ``custom``.
OWN_DATASETS = {"classification": "custom", "regression": "custom", IMAGES: "drawn"}


def _is_images(settings: dict) -> bool:
    return settings["problem"] == IMAGES


DEFAULT_REWIND = (Config.REWIND_CHECKPOINTS, Config.REWIND_SPACING)


@dataclass
class Session(Rewinding):
    """A run plus its settings, custom points and play state."""

    id: str
    settings: dict
    run: Run                      # or an ImageRun (a subclass) when the problem is images
    custom: Split | ImageSplit | None = None   # the data when the dataset is the user's own
    run_id: int = 1               # the protocol's ``run``: one more for every new run
    running: bool = False
    stopped: dict | None = None   # the frame's ``stopped``: why training paused by itself
    play_epoch: int = 0           # epoch at the last play: stop_after counts from here
    sent_epoch: int = -1          # last epoch whose losses went out in a broadcast frame
    reported_at: float = -math.inf  # when a broadcast frame last carried an image run's report
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
        previous = (self.settings, self.custom)
        self.custom = self._own_data(settings)
        self.settings = settings
        self.state_version += 1
        restart = changed & (IMAGE_RESTART_FIELDS if _is_images(settings) else RESTART_FIELDS)
        if not restart:
            before = self.run.config
            self.run.update(run_config(settings))
            if self.run.config != before:
                self.checkpoints.pin(self.run)
            return False
        try:
            self._new_run(weight_draw=0)
        except ValueError as error:              # e.g. custom labels that fit no head
            self.settings, self.custom = previous
            raise ProtocolError(sorted(restart)[0], str(error)) from None
        return True

    def _own_data(self, settings: dict) -> Split | ImageSplit | None:
        """The user's data under ``settings``: kept, or where it starts, or None.

        "Your own points" starts on an empty plane; your own images start from the current
        run's images (an empty image set has nothing to show the pad or the test strip).
        """
        if settings["dataset"] != OWN_DATASETS[settings["problem"]]:
            return None
        if not _is_images(settings):
            kept = None if _is_images(self.settings) else self.custom
            return kept if kept is not None else points.empty()
        if not _is_images(self.settings):
            raise ProtocolError("dataset", f"{settings['dataset']} starts from the current "
                                           "run's data: choose one of the other data sets "
                                           "first, then add or upload your own")
        data = self.custom if self.custom is not None else self.run.data
        if settings["image_size"] != data.x_train.shape[1]:
            size = data.x_train.shape[1]
            raise ProtocolError("image_size", f"your own images are {size}×{size} pixels; "
                                              "upload images of another size to change it")
        return data

    def owns_data(self) -> bool:
        """True when the data set is the user's own (``custom`` holds it)."""
        return self.settings["dataset"] == OWN_DATASETS[self.settings["problem"]]

    def reset(self) -> None:
        """New initial weights, same settings and data."""
        self._new_run(weight_draw=self.run.weight_draw + 1)

    def _new_run(self, weight_draw: int, classes: int | None = None) -> None:
        config = run_config(self.settings)
        if _is_images(self.settings):
            self.run = ImageRun(config, weight_draw=weight_draw, data=self.custom, classes=classes)
        else:
            if classes is None and self.custom is not None and not points.size(self.custom):
                # No labels to count classes from: keep the output layer the last run had.
                classes = 1 if config.problem == "regression" else (
                    self.run.classes if self.run.config.problem == config.problem else 2)
            self.run = Run(config, weight_draw=weight_draw, data=self.custom, classes=classes,
                           history_limits=self.run.history_limits)
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
    def require_points(self) -> None:
        """Refuse to train a run with no training point, saying how to add some."""
        if not self.run.has_points:
            raise ProtocolError("points", NO_POINTS)

    def play(self) -> None:
        if self.stopped is not None and self.stopped["reason"] == "diverged":
            raise ProtocolError("learning_rate", self.stopped["message"])
        self.require_points()
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
    def edit_data(self, data: Split | ImageSplit, field: str) -> None:
        """Live: swap in edited points or images (the data set becomes the user's); weights stay.

        A refusal names ``field`` (``points``, ``labels`` ...).
        """
        try:
            self.run.replace_data(data)
        except ValueError as error:
            raise ProtocolError(field, str(error)) from None
        self.custom = data
        self.settings = {**self.settings, "dataset": OWN_DATASETS[self.settings["problem"]]}
        self.run.config = run_config(self.settings)
        self.state_version += 1
        self.sent_epoch = min(self.sent_epoch, self.run.epoch - 1)  # its losses changed: sent again
        if not self.run.has_points:
            self.running = False                 # every training point erased: nothing to learn
        self.checkpoints.pin(self.run)

    def replace_points(self, data: Split, classes: int, field: str = "csv") -> None:
        """Start over on uploaded (or collected) points; a refusal names ``field``."""
        changes = {"dataset": "custom"}
        if classes >= 3:
            changes["num_classes"] = classes
        self._replace(data, changes, classes, field)

    def replace_images(self, data: ImageSplit, classes: int, field: str = "images") -> None:
        """Start over on uploaded images (their size becomes ``image_size``).

        ``num_classes`` follows as far as its range goes, so a restart (a new
        seed) keeps ``classes``: an image run has max(num_classes, highest
        label + 1) classes.
        """
        changes = {"dataset": "drawn", "image_size": data.x_train.shape[1],
                   "num_classes": min(classes, MAX_NUM_CLASSES)}
        self._replace(data, changes, classes, field)

    def _replace(self, data, changes: dict, classes: int, field: str) -> None:
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

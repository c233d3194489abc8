"""A training run: data, network and the loss history, advanced epoch by epoch.

``Run`` is what the web layer drives: it never loops on its own, so the caller
bounds every loop (``train(epochs)``). Everything random comes from
``np.random.Generator``s derived from the seed, so the same settings give the
same data, initial weights and loss curve.

History: ``history`` (a bounded ``LossHistory``) holds the data loss (no
regularization term) after each epoch from 0: every recent epoch, a thinned
record of older ones. An empty set's loss is NaN (no test points, or no points
at all: such a run trains no epoch), sent as null. Training itself (``train``,
which may stop inside an epoch) is ``epochs.Passes``.
Non-goals: schedules, early stopping (the caller reads ``best_test_epoch``).
"""
import math

import numpy as np

from . import activations, optimizers, parameters, regularization
from .datasets import DATASETS, Split, check_labels, class_count, make_split
from .descent import Plan
from .epochs import Passes
from .features import feature_matrix
from .heads import make_head
from .history import RECENT_EPOCHS, THINNED_POINTS, LossHistory
from .network import Network, columns_with_ones
from .run_config import RESTART_FIELDS, RunConfig  # noqa: F401 (re-exported)

Array = np.ndarray


class Run(parameters.Saved, Passes):
    """One network learning one data set with mini-batch gradient descent."""

    history_limits = (RECENT_EPOCHS, THINNED_POINTS)   # the ``LossHistory`` bounds

    def __init__(self, config: RunConfig, weight_draw: int = 0, data: Split | None = None,
                 classes: int | None = None, history_limits: tuple[int, int] | None = None):
        """Generate the data (or take ``data``: custom points), build and seed the network.

        ``weight_draw`` picks the initial weights among those the seed gives:
        0 for a new run, one more for each Reset (same data, new weights).
        ``classes`` overrides the class count read off custom data (see
        ``datasets.class_count``); generated data sets know theirs.
        ``history_limits`` (recent epochs, thinned readings) bound the loss history.
        """
        self.history_limits = tuple(history_limits or self.history_limits)
        dataset = DATASETS.get(config.dataset)
        if dataset is not None and dataset.problem != config.problem:
            raise ValueError(f"dataset {config.dataset!r} is not a {config.problem} data set")
        if data is None:
            if dataset is None:
                raise ValueError(f"dataset {config.dataset!r} has no generator: pass its data")
            data = make_split(config.dataset, config.num_points, config.noise,
                              config.train_ratio, np.random.default_rng([config.seed, 0]),
                              config.num_classes)
        self.config = config
        self.weight_draw = weight_draw
        self.classes = classes or class_count(config.problem, dataset, config.num_classes,
                                              np.concatenate([data.y_train, data.y_test]))
        self.head = make_head(config.problem, self.classes, config.loss)
        sizes = (len(config.features), *config.hidden_layers, self.head.outputs)
        self.network = Network(sizes, config.activation, self.head.output_activation.name)
        self.network.initialize(np.random.default_rng([config.seed, 1, weight_draw]))
        self._start(data)

    def _start(self, data) -> None:
        """Fresh optimizer state, the data, epoch 0 and its loss reading (after the network)."""
        self.optimizer = optimizers.make(self.config.optimizer, self.network.params.size)
        self.regularizer = regularization.get(self.config.regularization)
        self._scratch = np.empty_like(self.network.params)
        self._before = np.empty_like(self.network.params)   # params before an L1 step
        self._set_data(data)
        self.epoch = 0
        self.partial_epoch = None         # between epochs (see ``epochs.Passes``)
        self.history = LossHistory(*self.history_limits)
        self.failure: str | None = None   # None or "nonfinite"
        self.best_test_epoch = 0          # epoch of the lowest finite test loss so far
        self.best_test_loss = math.inf    # that loss
        self._record_losses()

    @property
    def loss(self):
        """The data loss of the output head (``head.loss``)."""
        return self.head.loss

    def update(self, config: RunConfig) -> None:
        """Apply live settings: learning rate, activation, batch size, optimizer, regularization.

        A new optimizer starts with fresh state. Raises ValueError (and changes
        nothing) for restart fields or invalid values.
        """
        restart = config.changed_fields(self.config) & RESTART_FIELDS
        if restart:
            raise ValueError(f"changing {sorted(restart)} needs a new run")
        if config.batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {config.batch_size}")
        activation = activations.get(config.activation)
        regularizer = regularization.get(config.regularization)
        optimizer = (optimizers.make(config.optimizer, self.network.params.size)
                     if config.optimizer != self.config.optimizer else self.optimizer)
        batches = (self._make_batches(config.batch_size)
                   if config.batch_size != self.config.batch_size else self._batches)
        if (config.batch_size, config.optimizer) != (self.config.batch_size, self.config.optimizer):
            self.drop_partial_epoch()     # its batches or its optimizer state no longer apply
        self.network.activation = activation
        self.regularizer, self.optimizer, self._batches = regularizer, optimizer, batches
        self.config = config

    def _set_data(self, data: Split) -> None:
        """Take ``data`` as this run's points; rebuild features, targets, batches."""
        x_train, x_test = (np.asarray(x, dtype=np.float64).reshape(-1, 2)
                           for x in (data.x_train, data.x_test))
        y_train, y_test = (np.asarray(y, dtype=np.float64).reshape(-1)
                           for y in (data.y_train, data.y_test))
        if len(x_train) != len(y_train) or len(x_test) != len(y_test):
            raise ValueError("each set needs as many labels as points")
        check_labels(np.concatenate([y_train, y_test]), self.classes)
        self.data = Split(x_train.copy(), y_train.copy(), x_test.copy(), y_test.copy())
        features = self.config.features
        self._f_train = feature_matrix(x_train, features)
        self._f_test = feature_matrix(x_test, features)
        self._t_train, self._t_test = self.head.targets(y_train), self.head.targets(y_test)
        # Loss readings run in float32 (see Network.predict_columns).
        self._x_all = columns_with_ones(
            np.concatenate([self._f_train, self._f_test])).astype(np.float32)
        self._batches = self._make_batches(self.config.batch_size)

    def _make_batches(self, batch_size: int) -> list[tuple[Array, Array]]:
        """``(x_columns (d + 1, m), t_columns (k, m))`` per batch, each contiguous.

        Whole batches are cut from one array (a thousand batches of one point
        cost one copy, not a thousand: a run shipped to a worker builds them).
        """
        x, t = self._f_train, self._t_train
        whole = len(x) // batch_size * batch_size
        xs = np.ones((whole // batch_size, x.shape[1] + 1, batch_size))
        xs[:, :-1] = x[:whole].reshape(-1, batch_size, x.shape[1]).transpose(0, 2, 1)
        ts = np.ascontiguousarray(t[:whole].reshape(-1, batch_size, t.shape[1]).transpose(0, 2, 1))
        batches = list(zip(xs, ts))
        if whole < len(x):
            batches.append((columns_with_ones(x[whole:]), t[whole:].T.copy()))
        return batches

    def replace_data(self, data: Split) -> None:
        """Swap in edited points; keep network, epoch and history.

        Raises ValueError (changing nothing) when a label does not fit this
        run's classes, since that would change the output layer's size. The
        losses of the current epoch are read again on the new points (the
        readings and the curve's last point say what the network does on the
        data as it is now), and the plateau tracking restarts from them.
        """
        self._set_data(data)
        self.drop_partial_epoch()         # its batches were of the old points
        self.network.forget_kernels()
        train, test = self._readings()
        self.history.replace_last(train, test)
        self.best_test_loss = test if math.isfinite(test) else math.inf
        self.best_test_epoch = self.epoch

    @property
    def diverged(self) -> bool:
        """True once training has failed beyond repair (see ``failure``)."""
        return self.failure is not None

    @property
    def has_points(self) -> bool:
        """Whether there is a training point to learn from (custom data may have none yet)."""
        return len(self._t_train) > 0

    def plan(self) -> Plan:
        """How an epoch descends under the current settings (read per epoch: ``update`` changes them).

        A regularization rate of 0 adds no penalty; under L1 a weight that
        crosses zero stops at exactly 0 (``regularization.clamp_crossed``).
        """
        config = self.config
        gradient = self.regularizer.gradient if config.regularization_rate > 0 else None
        if gradient is None:
            return Plan(config.learning_rate)
        clamp = self.network.weight_mask if config.regularization == "l1" else None
        return Plan(config.learning_rate, ((gradient, config.regularization_rate),), clamp)

    def _readings(self) -> tuple[float, float]:
        """Return (train loss, test loss), evaluated in float32.

        The head reads the loss from the output layer's pre-activation z
        (cross-entropy as log-sum-exp of z, never the log of a rounded
        probability), so a confidently wrong output costs what it should.
        """
        with np.errstate(all="ignore"):
            z = self.network.logits_columns(self._x_all, np.float32).T
            n = len(self._t_train)
            losses = [self.head.loss_from_logits(o, t) if len(t) else math.nan
                      for o, t in ((z[:n], self._t_train), (z[n:], self._t_test))]
        return losses[0], losses[1]

    def _record_losses(self) -> None:
        train, test = self._readings()
        self.history.add(train, test)
        if test < self.best_test_loss:
            self.best_test_loss, self.best_test_epoch = test, self.epoch
        self.failure = self._diagnose()

    def record_readings(self, train: list[float], test: list[float]) -> None:
        """Append the losses after the last ``len(train)`` epochs; track the best; diagnose.

        ``epoch`` must already count those epochs, and ``params`` be the
        result: ``stacked`` takes the readings of many runs at once and hands
        each run its own here.
        """
        first = self.epoch - len(test) + 1
        self.history.extend(train, test)
        for offset, loss in enumerate(test):
            if loss < self.best_test_loss:
                self.best_test_loss, self.best_test_epoch = loss, first + offset
        self.failure = self._diagnose()

    def _diagnose(self) -> str | None:
        """Name the way this run has failed beyond repair, if it has.

        "nonfinite": a loss (of a non-empty set) or a parameter is NaN or
        infinite (parameters are checked too: a saturated output can hide an
        infinite weight). Only that pauses a run: a run that is merely bad
        (saturated neurons, a loss jumping around) keeps training, so a class
        sees it on the curve; the page's coach notes explain it.
        """
        train, test = self.history.last()
        if not ((math.isfinite(train) or not self.has_points)
                and (math.isfinite(test) or not len(self._t_test))
                and np.isfinite(self.network.params).all()):
            return "nonfinite"
        return None

    def metrics(self) -> tuple[str, float | None, float | None]:
        """Return (metric name, train value, test value) in float64: accuracy or R².

        A value is None for an empty set, an undefined R² (labels all equal)
        or non-finite outputs. Uses the allocating forward pass, so it is safe
        to call while another thread trains.
        """
        values = []
        with np.errstate(all="ignore"):
            for features, labels in ((self._f_train, self.data.y_train),
                                     (self._f_test, self.data.y_test)):
                values.append(self.head.metric(self.network.predict(features), labels)
                              if len(labels) else None)
        return self.head.metric_name, values[0], values[1]

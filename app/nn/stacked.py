"""Train runs of one shape together, as one batched computation.

In a class most sessions have the same shape (every student forks the
teacher's run), and an epoch of such a tiny network is almost all NumPy call
overhead. Stacked along a leading "run" axis (parameters ``(R, P)``, batches
``(R, d + 1, m)``, ``np.matmul`` on 3-D arrays), R runs cost about as many
calls as one. The same functions do the work as for one run (``kernel``,
``descent``, the heads, optimizers and regularizers), so every run ends as
``run.train(n)`` would have left it, to float rounding (on this machine, bit
for bit). Each run keeps its own learning rate, regularization kind and rate
(with the L1 clamp), data, targets and optimizer state, and stops on its own:
after an epoch in which it diverged, or at its epoch count.

Settings are read when a call starts: an ``update`` during a call applies from
the next one. With a deadline a call may end inside an epoch (every
``CHUNK_BATCHES`` batches it looks at the clock), so a group of heavy runs
holds a worker no longer than its slice; runs train together only from the
same batch of their epochs (``Run.position``), as ``Run.train`` would go on.
Non-goals: runs of different shapes (padding), shuffling.
"""
import copy
import time

import numpy as np

from . import optimizers
from .descent import Plan, descend
from .kernel import rows
from .network import Network, StackedNetworks
from .train import Run

Array = np.ndarray
# Batches trained between looks at the clock when a call has a deadline: about a
# millisecond of the heaviest runs (1,000 batches of one point per epoch, 6x8 hidden).
CHUNK_BATCHES = 32


def group_key(run: Run) -> tuple | None:
    """Runs with equal keys may train together (``train_together``); None: this one may not.

    Equal keys mean equal layer sizes, hidden activation, output head, batch
    size, training and test set sizes (the batches and the loss readings then
    have the same shapes) and optimizer kind. A diverged run is left out, and
    so is any network but the fully connected ``Network`` (the stack has no
    other kernel), and a run without a training point (it trains no epoch).
    """
    if run.diverged or type(run.network) is not Network or not run.has_points:
        return None
    return _shape_key(run)


def _shape_key(run: Run) -> tuple:
    return (run.network.sizes, run.network.activation.name, run.head.name,
            run.config.batch_size, len(run.data.y_train), len(run.data.y_test),
            run.config.optimizer)


def train_together(runs: list[Run], epochs: list[int], deadline: float | None = None) -> list[int]:
    """Train ``runs[i]`` up to ``epochs[i]`` epochs, all as one computation; return epochs done.

    A run stops after an epoch in which it diverged, or at its count; the
    others go on. With ``deadline`` (a ``time.perf_counter()`` value), all
    stop after the ``CHUNK_BATCHES`` batches that end at or past it, maybe
    inside an epoch (an epoch under way counts when it ends). Raises
    ValueError for runs of different groups (see ``group_key``; a diverged
    run may join its group's shape), at different batches of their epochs,
    or a run given twice.
    """
    if len(runs) != len(epochs):
        raise ValueError(f"{len(runs)} runs but {len(epochs)} epoch counts")
    if len({id(run) for run in runs}) != len(runs):
        raise ValueError("a run appears more than once")
    if any(type(run.network) is not Network for run in runs):
        raise ValueError("only runs of the fully connected Network can train together")
    keys = {_shape_key(run) for run in runs}
    if len(keys) > 1:
        raise ValueError(f"runs of different groups cannot train together: {sorted(keys)}")
    if len({run.position for run in runs}) > 1:
        raise ValueError("runs at different batches of their epochs cannot train together")
    done = [0] * len(runs)
    active = [i for i, count in enumerate(epochs) if count > 0]
    while active:
        limit = min(epochs[i] - done[i] for i in active)
        if len(active) == 1:
            ran = train_alone(runs[active[0]], limit, deadline)
        else:
            ran = _Stack([runs[i] for i in active]).train(limit, deadline)
        for i in active:
            done[i] += ran
        if deadline is not None and time.perf_counter() >= deadline:
            break
        active = [i for i in active if done[i] < epochs[i] and not runs[i].diverged]
    return done


def train_alone(run: Run, limit: int, deadline: float | None) -> int:
    """``run.train(limit)``, looking at the deadline every ``CHUNK_BATCHES`` batches.

    Any run (an image run too); stops after an epoch that diverged.
    """
    if deadline is None:
        return run.train(limit)
    done = 0
    while done < limit and not run.diverged:
        done += run.train(limit - done, CHUNK_BATCHES)
        if time.perf_counter() >= deadline:
            break
    return done


def _column(values: list[float]) -> float | Array:
    """One value per run: a float when all are equal (fewer array operations), else ``(R, 1)``."""
    first = values[0]
    if all(value == first for value in values):
        return first
    return np.array(values, dtype=np.float64)[:, None]


def _combined_plan(plans: list[Plan], weight_mask: Array) -> Plan:
    """The runs' descent plans as one for the stack: a column of rates per setting.

    A run without some penalty gets rate 0 for it, which adds exactly 0 to its
    gradient; the clamp applies to the weights of the runs that clamp.
    """
    rates: dict = {}   # regularizer gradient -> its rate for each run
    for i, plan in enumerate(plans):
        for gradient, rate in plan.penalties:
            rates.setdefault(gradient, [0.0] * len(plans))[i] = rate
    clamped = [plan.clamp_mask is not None for plan in plans]
    clamp = weight_mask * np.array(clamped, dtype=np.float64)[:, None] if any(clamped) else None
    return Plan(_column([plan.rate for plan in plans]),
                tuple((gradient, _column(column)) for gradient, column in rates.items()), clamp)


class _Stack:
    """Copies of some runs' parameters, optimizer state and data, stacked; ``train`` writes back."""

    def __init__(self, runs: list[Run]):
        first = runs[0]
        self.runs, self.head = runs, first.head
        # Each run's epoch under way goes on from where it is (``Run.partial_epoch``).
        self.network = StackedNetworks([run.network for run in runs])
        for i, run in enumerate(runs):
            if run.partial_epoch is not None:
                self.network.params[i] = run.partial_epoch[1]
        self.optimizer = optimizers.stack(
            [run.optimizer if run.partial_epoch is None else run.partial_epoch[2] for run in runs],
            first.network.params.size)
        self.plan = _combined_plan([run.plan() for run in runs], first.network.weight_mask)
        self.scratch = np.empty_like(self.network.params)
        self.before = np.empty_like(self.network.params)   # params before an L1 step
        # Run's own arrays (features, targets, float32 reading inputs), stacked.
        features = np.stack([run._f_train for run in runs])            # (R, n, d)
        x = np.ones((len(runs), features.shape[2] + 1, features.shape[1]))
        x[:, :-1] = rows(features)
        self.t_train = np.stack([run._t_train for run in runs])         # (R, n, k)
        self.t_test = np.stack([run._t_test for run in runs])
        self.x_all = np.stack([run._x_all for run in runs])             # (R, d + 1, n_all)
        # Contiguous batches (faster calls than views): x (R, d + 1, m), t as rows (R, m, k),
        # cut when first trained (a slice of a heavy run trains a few of a thousand).
        self.x, self.size = x, first.config.batch_size
        self.batches: list = [None] * -(-x.shape[2] // self.size)
        self.position = first.position        # every run is at this batch of its epoch
        self.epoch_end: tuple | None = None   # (params, optimizer) of the stack when an epoch began

    def train(self, limit: int, deadline: float | None) -> int:
        """Train every run ``limit`` epochs; write them back; return the epochs ended.

        Stops early after an epoch in which some run may have diverged (each
        run's own ``_diagnose`` then decides whether it did) or after the
        batches that ended at or past ``deadline`` (maybe inside an epoch).
        """
        trains, tests, count = [], [], len(self.batches)
        with np.errstate(all="ignore"):  # divergence is detected, not raised
            while len(trains) < limit:
                start = self.position
                end = count if deadline is None else min(count, start + CHUNK_BATCHES)
                if start == 0 and end < count:
                    self.epoch_end = (self.network.params.copy(), copy.deepcopy(self.optimizer))
                descend(self.network, self.head, self.optimizer, self._cut(start, end),
                        self.plan, self.scratch, self.before)
                self.position = end % count
                if not self.position:
                    self.epoch_end = None
                    train, test = self._readings()
                    trains.append(train)
                    tests.append(test)
                    if not self._all_finite(train, test):
                        break
                if deadline is not None and time.perf_counter() >= deadline:
                    break
        self._write_back(np.array(trains).reshape(-1, len(self.runs)).T.tolist(),
                         np.array(tests).reshape(-1, len(self.runs)).T.tolist())
        return len(trains)

    def _cut(self, start: int, end: int) -> list[tuple[Array, Array]]:
        """Batches ``start`` to ``end`` of the epoch, each cut once."""
        batches, size = self.batches, self.size
        for i in range(start, end):
            if batches[i] is None:
                batches[i] = (np.ascontiguousarray(self.x[..., i * size:(i + 1) * size]),
                              rows(np.ascontiguousarray(self.t_train[:, i * size:(i + 1) * size])))
        return batches if end - start == len(batches) else batches[start:end]

    def _all_finite(self, train: Array, test: Array) -> bool:
        """True when no run can have diverged: its losses (of non-empty sets), its parameters."""
        has_test = self.t_test.shape[1] > 0
        return bool(np.isfinite(train).all() and (np.isfinite(test).all() or not has_test)
                    and np.isfinite(self.network.params).all())

    def _readings(self) -> tuple[Array, Array]:
        """Every run's (train loss, test loss), from float32 logits like ``Run._readings``."""
        z = rows(self.network.logits_columns(self.x_all, np.float32))   # (R, n_all, k)
        n = self.t_train.shape[1]
        train = self.head.losses_from_logits(z[:, :n], self.t_train)
        if not self.t_test.shape[1]:
            return train, np.full(len(self.runs), np.nan)
        return train, self.head.losses_from_logits(z[:, n:], self.t_test)

    def _write_back(self, trains: list[list[float]], tests: list[list[float]]) -> None:
        """Each run where its last epoch ended, its epoch under way beside it, its readings."""
        for i, run in enumerate(self.runs):
            live = self.network.params[i]
            if self.position:
                optimizer = optimizers.make(run.optimizer.name, live.size)
                optimizers.unstack(self.optimizer, i, optimizer)
                run.partial_epoch = (self.position, live.copy(), optimizer)
                if self.epoch_end is not None:   # that epoch began in this call
                    params, stacked = self.epoch_end
                    run.network.params[...] = params[i]
                    optimizers.unstack(stacked, i, run.optimizer)
            else:
                run.network.params[...] = live
                optimizers.unstack(self.optimizer, i, run.optimizer)
                run.partial_epoch = None
            run.epoch += len(trains[i])
            if trains[i]:
                run.record_readings(trains[i], tests[i])

"""Rewind: a run's state at any past epoch, from a bounded set of checkpoints.

Training is deterministic: from a run's exact state at epoch C (parameters,
optimizer state, live settings, points) training N − C more epochs gives
its state at epoch N, bit for bit. So a run keeps no epoch-by-epoch weights:
``Checkpoints`` keeps at most ``budget`` states and ``run_at(N)`` replays
from the last one at or before N.

Which states are kept:
- **pinned** ones, at the start and after every change training alone would
  not make (a live setting, a weight set by hand, edited points). Each starts
  a stretch of plain training, so a replay never crosses one.
- **regular** ones, at least ``spacing`` epochs apart, taken whenever the
  caller says training advanced (``note``). When the store is full, the
  regular checkpoint whose removal leaves the smallest gap goes, so they
  spread evenly and a replay is about (epochs of the run) / budget epochs at
  most. If every checkpoint is pinned, the oldest goes: rewinding then
  reaches less far back (``earliest``).

A live edit may come inside an epoch (a slice ends between batches): its
pinned checkpoint keeps the epoch under way (``Run.partial_epoch``), trained
so far with the old settings, and a replay finishes it with the new ones.

Memory bound per run: ``budget`` × ``checkpoint_bytes`` (parameters and
optimizer slots in float64, twice for the epoch under way, plus a fixed
overhead per checkpoint), plus one
copy of the points per distinct point set (only edits make new ones).
``nbytes`` counts what is held; ``bound_bytes`` states the bound.
Non-goal: the loss history (the run keeps it); ``branch`` cuts it.
"""
import bisect
import copy
from dataclasses import dataclass

import numpy as np

from . import optimizers
from .datasets import Split
from .history import LossHistory
from .run_config import RunConfig

CHECKPOINT_OVERHEAD_BYTES = 1024   # the objects around a checkpoint's arrays (measured ~700 B)


@dataclass(frozen=True)
class Checkpoint:
    """A run's exact state after epoch ``epoch``."""

    epoch: int
    params: np.ndarray
    optimizer: dict          # the optimizer's state attributes (arrays copied)
    config: RunConfig        # the live settings training went on with from here
    data: Split
    losses: tuple[float, float]   # history (train, test) at ``epoch``
    pinned: bool
    partial: tuple | None = None  # the epoch under way: (next batch, params, optimizer state)

    @property
    def nbytes(self) -> int:
        states = [(self.params, self.optimizer)] + ([self.partial[1:]] if self.partial else [])
        return sum(a.nbytes for params, optimizer in states
                   for a in [params, *optimizer.values()] if isinstance(a, np.ndarray))


def _optimizer_state(optimizer) -> dict:
    return {name: copy.copy(getattr(optimizer, name)) for name in optimizer.state}


def _checkpoint(run, pinned: bool) -> Checkpoint:
    """The run's state; a pinned one keeps the epoch under way too (a live edit inside an
    epoch: the original trains the rest of it with the new settings, and so must a replay)."""
    partial = None
    if pinned and run.partial_epoch is not None:
        position, params, optimizer = run.partial_epoch
        partial = (position, params.copy(), _optimizer_state(optimizer))
    return Checkpoint(run.epoch, run.network.params.copy(), _optimizer_state(run.optimizer),
                      run.config, run.data, run.history.last(),
                      pinned, partial)


def _optimizer(config: RunConfig, size: int, state: dict):
    optimizer = optimizers.make(config.optimizer, size)
    for name, value in state.items():
        setattr(optimizer, name, copy.copy(value))
    return optimizer


def checkpoint_bytes(parameters: int, optimizer: str) -> int:
    """The most one checkpoint of a run with ``parameters`` weights and biases holds
    (twice the state when it was pinned inside an epoch, with the epoch under way)."""
    slots = sum(1 for name in optimizers.make(optimizer, 1).state if name != "t")
    return 2 * parameters * 8 * (1 + slots) + CHECKPOINT_OVERHEAD_BYTES


class Checkpoints:
    """The checkpoints of one run (a ``train.Run``), oldest first."""

    def __init__(self, run, budget: int, spacing: int):
        if budget < 2 or spacing < 1:
            raise ValueError(f"budget must be >= 2 and spacing >= 1, got {budget}, {spacing}")
        self.budget, self.min_spacing, self.spacing = budget, spacing, spacing
        self.kind, self.weight_draw, self.classes = type(run), run.weight_draw, run.classes
        self._list: list[Checkpoint] = [_checkpoint(run, pinned=True)]
        self._cursor = None      # the last replayed run: dragging forward goes on from it

    @property
    def earliest(self) -> int:
        """The first epoch a rewind can reach."""
        return self._list[0].epoch

    def reproducible(self, epoch: int) -> bool:
        """True when training alone made the run from epoch 0 to ``epoch`` (no edit on the way)."""
        return self.earliest == 0 and not any(
            c.pinned and 0 < c.epoch <= epoch for c in self._list)

    def __len__(self) -> int:
        return len(self._list)

    @property
    def epochs(self) -> list[int]:
        """The epochs of the checkpoints kept, oldest first."""
        return [c.epoch for c in self._list]

    # -- taking checkpoints -----------------------------------------------------------
    def note(self, run) -> None:
        """Training advanced: keep a regular checkpoint if the last is ``spacing`` epochs back."""
        if run.epoch - self._list[-1].epoch >= self.spacing:
            self._add(_checkpoint(run, pinned=False))

    def pin(self, run) -> None:
        """Something besides training changed the run: its state now starts a new stretch."""
        self._cursor = None
        if self._list[-1].epoch == run.epoch:
            self._list.pop()         # the same epoch: the later state wins
        self._add(_checkpoint(run, pinned=True))

    def _add(self, checkpoint: Checkpoint) -> None:
        self._list.append(checkpoint)
        if len(self._list) > self.budget:
            self._thin()

    def _thin(self) -> None:
        """Drop the regular checkpoint leaving the smallest gap, else the oldest."""
        points = self._list
        gaps = [(points[i + 1].epoch - points[i - 1].epoch, i)
                for i in range(1, len(points) - 1) if not points[i].pinned]
        if not gaps:
            del points[0]
            return
        smallest, i = min(gaps)
        del points[i]
        # Regular checkpoints closer than half the smallest gap would go first anyway.
        self.spacing = max(self.spacing, smallest // 2)

    # -- going back -----------------------------------------------------------------
    def _before(self, epoch: int) -> Checkpoint:
        return self._list[bisect.bisect_right(self.epochs, epoch) - 1]

    def run_at(self, epoch: int, warm: bool = True):
        """A run in the state the original had after ``epoch`` (earliest … last trained).

        Its history holds only the losses from its checkpoint on; the caller
        reads the original's history for the curve. ``warm``: go on from the
        last run replayed when that is nearer than the checkpoint.
        """
        if epoch < self.earliest:
            raise ValueError(f"epoch: {epoch} is before the earliest kept epoch {self.earliest}")
        start = self._before(epoch)
        cursor = self._cursor if warm else None
        if cursor is None or not start.epoch <= cursor.epoch <= epoch:
            cursor = self._cursor = self._rebuild(start)
        cursor.train(epoch - cursor.epoch)
        return cursor

    def _rebuild(self, checkpoint: Checkpoint):
        run = self.kind(checkpoint.config, self.weight_draw, checkpoint.data, self.classes)
        size = run.network.params.size
        run.network.params[...] = checkpoint.params
        run.optimizer = _optimizer(checkpoint.config, size, checkpoint.optimizer)
        if checkpoint.partial is not None:
            position, params, state = checkpoint.partial
            run.partial_epoch = (position, params.copy(), _optimizer(checkpoint.config, size, state))
        run._resume(checkpoint.epoch, LossHistory.of([checkpoint.epoch], [checkpoint.losses[0]],
                                                     [checkpoint.losses[1]], *run.history_limits))
        return run

    def branch(self, run, epoch: int):
        """The run continuing from ``epoch``: ``run_at(epoch)`` with ``run``'s history cut there.

        Checkpoints after ``epoch`` are dropped. The branch needs no pin: its
        state is the one plain training reaches, so the checkpoints before it
        still replay it.
        """
        past = self.run_at(epoch)
        self._cursor = None
        epochs, train, test = run.history.readings()
        kept = epochs <= epoch
        history = LossHistory.of(epochs[kept], train[kept], test[kept], *run.history_limits)
        past._resume(epoch, history)
        del self._list[bisect.bisect_right(self.epochs, epoch):]
        return past

    # -- memory ----------------------------------------------------------------------
    @property
    def nbytes(self) -> int:
        """Bytes of the arrays held: checkpoints' parameters and optimizer state, point sets."""
        points = {id(c.data): c.data for c in self._list}.values()
        return sum(c.nbytes for c in self._list) + sum(
            s.x_train.nbytes + s.y_train.nbytes + s.x_test.nbytes + s.y_test.nbytes
            for s in points)

    def bound_bytes(self, parameters: int, optimizer: str) -> int:
        """The most this store holds for one point set (``checkpoint_bytes`` each)."""
        return self.budget * checkpoint_bytes(parameters, optimizer)

"""Training a run pass by pass, where a call may end inside an epoch: batches are the unit of work.

A caller bounds a call by batches (``train(epochs, steps)``), so one heavy
epoch (a thousand batches of one point) cannot hold a worker for longer than
a slice. The batches come in a fixed order (no shuffling), so an epoch under
way is fully described by the next batch's index and the parameters and
optimizer state so far; training an epoch in pieces applies the same steps in
the same order as training it whole. Losses are read, and ``epoch`` counts,
only when an epoch ends.

Seen from outside, a run is always where its last epoch ended: ``network.params``
and ``optimizer`` hold that state, so frames, saved files, explanations and
hand edits never meet a partial epoch, and ``epoch`` and the loss readings
belong to those parameters. The epoch under way waits beside it as
``partial_epoch`` = (next batch, parameters, optimizer), which a copy in
another process carries along (``replica``): an edit of the learning rate,
a pause or a worker restarted does not lose it. A change that makes it
meaningless (other batches, another optimizer, edited points or weights)
drops it (``drop_partial_epoch``).
"""
import copy

import numpy as np

from .descent import descend


class Passes:
    """``train`` and the epoch under way of ``train.Run`` (a mixin: it uses the run's attributes)."""

    partial_epoch: tuple | None = None   # (next batch, params, optimizer) of the epoch under way

    @property
    def position(self) -> int:
        """The next batch of the epoch under way; 0 between epochs."""
        return self.partial_epoch[0] if self.partial_epoch is not None else 0

    def drop_partial_epoch(self) -> None:
        """Forget the epoch under way: the next one starts from where the last ended."""
        self.partial_epoch = None

    def train(self, epochs: int, steps: int | None = None) -> int:
        """Train until ``epochs`` more epochs have ended, or ``steps`` batches ran; return epochs ended.

        An epoch under way goes on and counts when it ends. Stops after an
        epoch that diverged. With ``steps`` the call may end inside an epoch,
        which then waits in ``partial_epoch``. Without a training point there
        is nothing to learn from: no epoch runs.
        """
        if not self.has_points:
            return 0
        done, count = 0, len(self._batches)
        with np.errstate(all="ignore"):  # divergence is detected, not raised
            while done < epochs and (steps is None or steps > 0):
                start = self.position
                end = count if steps is None else min(count, start + steps)
                ended = self._train_batches(start, end)
                if steps is not None:
                    steps -= end - start
                if not ended:
                    break
                self.epoch += 1
                done += 1
                self._record_losses()
                if self.diverged:
                    break
        return done

    def _train_batches(self, start: int, end: int) -> bool:
        """Batches ``start`` to ``end`` of the epoch; True when that ended it (else it waits)."""
        batches, count = self._batches, len(self._batches)
        last_end = (self.network.params.copy(), self.optimizer) if start or end < count else None
        if start:
            _, params, self.optimizer = self.partial_epoch
            self.network.params[...] = params
        elif end < count:
            self.optimizer = copy.deepcopy(self.optimizer)   # the last epoch's stays as it was
        descend(self.network, self.head, self.optimizer,
                batches if end - start == count else batches[start:end],
                self.plan(), self._scratch, self._before)
        if end == count:
            self.partial_epoch = None
            return True
        self.partial_epoch = (end, self.network.params.copy(), self.optimizer)
        self.network.params[...], self.optimizer = last_end
        return False

"""Training a run pass by pass, where a call may end inside an epoch: batches are the unit of work.

A caller bounds a call by batches (``train(epochs, steps)``), so one heavy
epoch (a thousand batches of one point) cannot hold a worker for longer than
a slice. ``position`` is the next batch of the epoch under way; the batches
come in a fixed order (no shuffling), so nothing else of the pass needs
keeping, and an epoch trained in pieces applies the same steps in the same
order as one trained whole. Losses are read, and ``epoch`` counts, only when
an epoch ends. Inside an epoch the run keeps the parameters and optimizer
state its last epoch left (``epoch_end``): frames, copies shipped to another
process and saved files only ever see epoch boundaries (``at_epoch_end``),
where ``epoch`` and the loss readings belong to the parameters; an edit drops
the partial epoch (``drop_partial_epoch``).
"""
import copy
from contextlib import contextmanager

import numpy as np

from .descent import descend


class Passes:
    """``train`` and the partial-epoch state of ``train.Run`` (a mixin: it uses the run's attributes)."""

    position = 0              # next batch of the epoch under way (0: between epochs)
    _epoch_end: tuple | None = None   # (params, optimizer) as the last epoch left them, mid-epoch

    def train(self, epochs: int, steps: int | None = None) -> int:
        """Train until ``epochs`` more epochs have ended, or ``steps`` batches ran; return epochs ended.

        An epoch under way finishes first (and counts). Stops after an epoch
        that diverged. With ``steps`` the call may end inside an epoch: the
        next call goes on at ``position``, and the state the last epoch left
        is kept (copied when an epoch starts that this call may not finish).
        """
        done, batches = 0, self._batches
        with np.errstate(all="ignore"):  # divergence is detected, not raised
            while done < epochs and (steps is None or steps > 0):
                start = self.position
                end = len(batches) if steps is None else min(len(batches), start + steps)
                if start == 0 and end < len(batches):
                    self._epoch_end = (self.network.params.copy(), copy.deepcopy(self.optimizer))
                descend(self.network, self.head, self.optimizer,
                        batches if end - start == len(batches) else batches[start:end],
                        self.plan(), self._scratch, self._before)
                if steps is not None:
                    steps -= end - start
                if end < len(batches):
                    self.position = end
                    break
                self.position, self._epoch_end = 0, None
                self.epoch += 1
                done += 1
                self._record_losses()
                if self.diverged:
                    break
        return done

    def set_partial_epoch(self, position: int, epoch_end: tuple | None) -> None:
        """Go on inside an epoch at batch ``position``; ``epoch_end``: (params, optimizer) at its start.

        For ``stacked``, which trains a piece of an epoch outside ``train``.
        """
        self.position, self._epoch_end = position, (epoch_end if position else None)

    @property
    def epoch_end(self) -> tuple | None:
        """(params, optimizer) as the last epoch left them, while inside an epoch; else None."""
        return self._epoch_end

    def drop_partial_epoch(self) -> None:
        """Go back to where the last epoch ended (an edit or a copy starts from there)."""
        if self._epoch_end is not None:
            params, self.optimizer = self._epoch_end
            self.network.params[...] = params
        self.position, self._epoch_end = 0, None

    @contextmanager
    def at_epoch_end(self):
        """The run as its last epoch left it for the ``with`` block (a reading, a copy), then back.

        Frames, copies and saved files only ever see epoch boundaries, where
        ``epoch`` and the loss readings belong to the parameters.
        """
        if self._epoch_end is None:
            yield self
            return
        current, optimizer = self.network.params.copy(), self.optimizer
        self.network.params[...], self.optimizer = self._epoch_end
        try:
            yield self
        finally:
            self.network.params[...], self.optimizer = current, optimizer

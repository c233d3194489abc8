"""Rewind for a ``Session``: show its run as it was at a past epoch, and go on from there.

The checkpoints (``nn.rewind``) replay the past; a change made while rewound
continues from the epoch shown (``branch``), with the settings of then.
"""
from dataclasses import fields

from ..nn.images.run_config import RESTART_FIELDS as IMAGE_RESTART_FIELDS
from ..nn.train import RESTART_FIELDS
from ..socket.values import ProtocolError


def live_settings(config) -> dict:
    """The settings in a run's ``config`` that change without a restart (rate, optimizer ...)."""
    restart = IMAGE_RESTART_FIELDS if config.problem == "images" else RESTART_FIELDS
    return {f.name: getattr(config, f.name) for f in fields(config) if f.name not in restart}


class Rewinding:
    """``Session``'s rewind methods (call them with the session's lock held)."""

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
        self.settings = {**self.settings, "dataset": config.dataset, **live_settings(config)}
        self.custom = self.run.data if self.owns_data() else None
        checkpoints = self.checkpoints
        self._started()
        self.checkpoints = checkpoints      # the branch keeps what it can still go back to
        return True

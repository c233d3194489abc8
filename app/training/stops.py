"""When training pauses by itself: the stop rules, in one place.

A run stops when a number stops being finite (always), after ``stop_after``
epochs of one play, or when the test loss has not improved for
``stop_patience`` epochs. The web process asks ``verdict`` after every slice
and step; whoever trains (this process or a worker) asks ``epochs_allowed``
before training, so a rule stops a run exactly at its epoch, never a slice later.
"""
from dataclasses import dataclass

FAILURE_MESSAGES = {
    "nonfinite": "Training paused: a weight or the loss stopped being a finite number (it "
                 "blew up). The learning rate is too high for this network: lower it, then "
                 "press Reset.",
}


@dataclass(frozen=True)
class StopRules:
    """The rules of one play: ``stop_after`` epochs from ``play_epoch``, ``patience``; 0: never."""

    stop_after: int = 0
    play_epoch: int = 0
    patience: int = 0

    @classmethod
    def of(cls, settings: dict, play_epoch: int) -> "StopRules":
        return cls(settings["stop_after"], play_epoch, settings["stop_patience"])

    @property
    def stop_epoch(self) -> int | None:
        """The epoch this play stops at, if it has a limit."""
        return self.play_epoch + self.stop_after if self.stop_after else None

    def epochs_allowed(self, run) -> int | None:
        """Epochs ``run`` may train before a rule could stop it: 0 when one holds, None: no bound.

        The plateau cannot stop a run before ``best_test_epoch + patience``
        (a new best only moves that later), so training that many is exact.
        """
        if run.diverged:
            return 0
        bounds = []
        if self.stop_after:
            bounds.append(self.stop_epoch - run.epoch)
        if self.patience:
            bounds.append(run.best_test_epoch + self.patience - run.epoch)
        return max(0, min(bounds)) if bounds else None

    def verdict(self, run) -> dict | None:
        """The frame's ``stopped`` value once a rule holds (divergence first), else None."""
        if run.diverged:
            return {"reason": "diverged", "message": FAILURE_MESSAGES[run.failure],
                    "detail": run.failure}
        if self.stop_after and run.epoch >= self.stop_epoch:
            return {"reason": "epoch_limit",
                    "message": f"Stopped after {self.stop_after} epochs, as asked (Stop after). "
                               f"Press Play to go on."}
        if self.patience and run.epoch - run.best_test_epoch >= self.patience:
            return {"reason": "plateau",
                    "message": f"Stopped: the test loss has not improved for {self.patience} "
                               f"epochs (best at epoch {run.best_test_epoch})."}
        return None


NO_RULES = StopRules()   # a step while paused: only divergence stops it

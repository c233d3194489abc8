"""A run's copy in another process: what to pickle, and how the copies stay identical.

The web process keeps every ``Run``; a training process (``worker``) keeps a
copy, trains it, and sends back ``progress``, which the original ``absorb``s.
Pickling sends only what a copy cannot rebuild (config, data, parameters,
optimizer state, history); kernels and caches are rebuilt on arrival.
A mixin of ``train.Run`` (it uses the run's attributes), kept apart because it
is about processes, not about training.
"""


class Replica:
    """Pickling and progress exchange for ``Run``."""

    def __getstate__(self) -> dict:
        """What a copy needs; caches and kernels are rebuilt on the other side."""
        return {"config": self.config, "resets": self.resets, "data": self.data,
                "classes": self.classes, "params": self.network.params,
                "optimizer": self.optimizer, "epoch": self.epoch, "history": self.history,
                "failure": self.failure, "best": (self._best_test, self.best_test_epoch)}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["config"], state["resets"], state["data"], state["classes"])
        self.network.params[...] = state["params"]
        self.optimizer, self.epoch, self.history = (state["optimizer"], state["epoch"],
                                                    state["history"])
        self.failure = state["failure"]
        self._best_test, self.best_test_epoch = state["best"]

    def progress(self, since: int) -> dict:
        """What changed in training after epoch ``since``: for a copy to ``absorb``."""
        return {"since": since, "params": self.network.params.copy(),
                "optimizer": self.optimizer, "epoch": self.epoch,
                "train": self.history.train[since + 1:], "test": self.history.test[since + 1:],
                "failure": self.failure, "best": (self._best_test, self.best_test_epoch)}

    def absorb(self, progress: dict) -> int:
        """Take the training another copy of this run did; return the epochs it added.

        The caller makes sure that copy started from this run's exact state
        (same parameters, optimizer and epoch ``progress["since"]``).
        """
        if progress["since"] != self.epoch:
            raise ValueError(f"progress starts at epoch {progress['since']}, "
                             f"this run is at {self.epoch}")
        self.network.params[...] = progress["params"]
        self.optimizer = progress["optimizer"]
        self.history.train.extend(progress["train"])
        self.history.test.extend(progress["test"])
        self.failure = progress["failure"]
        self._best_test, self.best_test_epoch = progress["best"]
        added, self.epoch = progress["epoch"] - self.epoch, progress["epoch"]
        return added

"""A run's copy in another process: what to ship, and how the copies stay identical.

The web process keeps every ``Run``; a worker process keeps a copy, trains
it, and sends back ``progress``, which the original ``absorb``s. ``pack``
ships only what a copy cannot rebuild (config, data, parameters, optimizer
state, the last loss reading: a copy needs no more history, so shipping a
run costs the same at epoch 10 million as at 10); kernels and caches are
rebuilt on arrival by ``unpack``. A copy keeps only what it has not yet
reported (``trim``).
Only epoch boundaries cross between processes: a copy trains in slices that
may end inside an epoch and goes on from there with its next slice, but
``progress`` reports the run as its last epoch left it (``Run.at_epoch_end``),
so the original is always between epochs (its frames, files and rewinds
never see a partial epoch), and ``pack`` ships that state too: a copy shipped
again (after an edit, a pause, a worker restarted) drops a partial epoch and
redoes it, exactly, from where the original is.
Kept out of ``app/nn`` because it is about processes, not about training.
"""
import pickle

from ..nn.train import Run


def pack(run: Run) -> bytes:
    """The bytes a worker process needs to rebuild ``run`` (a ``Run`` or a subclass), between epochs."""
    with run.at_epoch_end():
        return _pack(run)


def _pack(run: Run) -> bytes:
    return pickle.dumps({
        "kind": type(run), "config": run.config, "weight_draw": run.weight_draw, "data": run.data,
        "classes": run.classes, "params": run.network.params, "optimizer": run.optimizer,
        "epoch": run.epoch, "history": run.history.tail(), "failure": run.failure,
        "best": (run.best_test_loss, run.best_test_epoch)})


def unpack(data: bytes) -> Run:
    """The run ``pack`` shipped, in the state it was in."""
    state = pickle.loads(data)
    run = state["kind"](state["config"], state["weight_draw"], state["data"], state["classes"])
    run.network.params[...] = state["params"]
    run.optimizer, run.epoch, run.history = state["optimizer"], state["epoch"], state["history"]
    run.failure = state["failure"]
    run.best_test_loss, run.best_test_epoch = state["best"]
    return run


def progress(run: Run, since: int) -> dict:
    """What training changed after epoch ``since``, up to its last epoch's end: for ``absorb``."""
    epochs, train, test = run.history.since(since)
    if len(epochs) != run.epoch - since:
        raise ValueError(f"the copy kept {len(epochs)} of the {run.epoch - since} epochs it trained")
    with run.at_epoch_end():
        return _progress(run, since, train, test)


def _progress(run: Run, since: int, train, test) -> dict:
    return {"since": since, "params": run.network.params.copy(), "optimizer": run.optimizer,
            "epoch": run.epoch, "train": train, "test": test, "failure": run.failure,
            "best": (run.best_test_loss, run.best_test_epoch)}


def trim(run: Run) -> None:
    """After ``progress``: the copy keeps its last reading only (the original has the rest)."""
    run.history = run.history.tail()


def absorb(run: Run, progress: dict) -> int:
    """Take the training a copy of ``run`` did; return the epochs it added.

    The caller makes sure that copy started from this run's exact state
    (same parameters, optimizer and epoch ``progress["since"]``).
    """
    if progress["since"] != run.epoch:
        raise ValueError(f"progress starts at epoch {progress['since']}, "
                         f"this run is at {run.epoch}")
    run.network.params[...] = progress["params"]
    run.optimizer = progress["optimizer"]
    run.history.extend(progress["train"], progress["test"])
    run.failure = progress["failure"]
    run.best_test_loss, run.best_test_epoch = progress["best"]
    added, run.epoch = progress["epoch"] - run.epoch, progress["epoch"]
    return added

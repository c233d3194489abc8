"""A run's copy in another process: what to ship, and how the copies stay identical.

The web process keeps every ``Run``; a worker process keeps a copy, trains
it, and sends back ``progress``, which the original ``absorb``s. ``pack``
ships only what a copy cannot rebuild (config, data, parameters, optimizer
state, the last loss reading: a copy needs no more history, so shipping a
run costs the same at epoch 10 million as at 10); kernels and caches are
rebuilt on arrival by ``unpack``. A copy keeps only what it has not yet
reported (``trim``).
A copy's slices may end inside an epoch: ``progress`` and ``pack`` carry the
epoch under way (``Run.partial_epoch``) beside the state where the last
epoch ended, so the original holds it too (its frames, files and rewinds see
only the end of an epoch, see ``app.nn.epochs``) and a copy shipped again
(after an edit, a pause, a worker restarted) goes on from the same batch.
Kept out of ``app/nn`` because it is about processes, not about training.
"""
import pickle

import numpy as np

from ..nn.train import RESTART_FIELDS, Run


def pack(run: Run) -> bytes:
    """The bytes a worker process needs to rebuild ``run`` (a ``Run`` or a subclass)."""
    return pickle.dumps({
        "kind": type(run), "config": run.config, "weight_draw": run.weight_draw, "data": run.data,
        "classes": run.classes, "params": run.network.params, "optimizer": run.optimizer,
        "epoch": run.epoch, "history": run.history.tail(), "failure": run.failure,
        "best": (run.best_test_loss, run.best_test_epoch), "partial": run.partial_epoch})


def unpack(data: bytes, held: Run | None = None) -> Run:
    """The run ``pack`` shipped, in the state it was in.

    ``held``: the copy this process holds of that run, if any. When it has
    the same points and restart settings (a live edit, a pause), it takes the
    shipped state instead of a new run being built: building features and
    a thousand batches costs milliseconds a copy, and a student dragging a
    slider ships the run with every move.
    """
    state = pickle.loads(data)
    if _same_points(held, state):
        run = held
        run.update(state["config"])
        run.weight_draw = state["weight_draw"]
    else:
        run = state["kind"](state["config"], state["weight_draw"], state["data"], state["classes"])
    run.network.params[...] = state["params"]
    run.optimizer, run.epoch, run.history = state["optimizer"], state["epoch"], state["history"]
    run.failure = state["failure"]
    run.best_test_loss, run.best_test_epoch = state["best"]
    run.partial_epoch = state["partial"]
    return run


def _same_points(held: Run | None, state: dict) -> bool:
    """True when ``held`` is a point run with the shipped points, classes and restart settings."""
    if held is None or type(held) is not Run or state["kind"] is not Run:
        return False
    if held.classes != state["classes"] or held.config.changed_fields(state["config"]) & RESTART_FIELDS:
        return False
    return all(np.array_equal(getattr(held.data, name), getattr(state["data"], name))
               for name in ("x_train", "y_train", "x_test", "y_test"))


def progress(run: Run, since: int) -> dict:
    """What training changed after epoch ``since`` (and the epoch under way): for ``absorb``."""
    epochs, train, test = run.history.since(since)
    if len(epochs) != run.epoch - since:
        raise ValueError(f"the copy kept {len(epochs)} of the {run.epoch - since} epochs it trained")
    return {"since": since, "params": run.network.params.copy(), "optimizer": run.optimizer,
            "epoch": run.epoch, "train": train, "test": test, "failure": run.failure,
            "best": (run.best_test_loss, run.best_test_epoch), "partial": run.partial_epoch}


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
    run.partial_epoch = progress["partial"]
    added, run.epoch = progress["epoch"] - run.epoch, progress["epoch"]
    return added

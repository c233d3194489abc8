"""Rewind: checkpoints every so often and at every edit, the run at any past epoch, bounded memory.

Replays repeat the original's float operations in the same order, so their
weights agree with the original's to a relative 1e-12 (in practice exactly).
"""
import gc
import sys
import types
from dataclasses import replace

import numpy as np
import pytest

from app.nn import parameters
from app.nn.datasets import Split
from app.nn.rewind import Checkpoints, checkpoint_bytes
from app.nn.train import Run, RunConfig

SMALL = RunConfig(num_points=40)
RTOL = 1e-12


def _edit(run: Run, checkpoints: Checkpoints, epoch: int) -> None:
    """A different kind of edit at each of a few epochs, pinned as a session pins it."""
    if epoch == 60:
        run.update(replace(run.config, learning_rate=0.1))
    elif epoch == 90:
        run.update(replace(run.config, optimizer="adam", batch_size=7))
    elif epoch == 130:
        parameters.set_parameter(run, 0, 1, 0, 0.75)
    elif epoch == 170:
        data = run.data
        run.replace_data(Split(data.x_train[:-3], data.y_train[:-3], data.x_test, data.y_test))
        run.config = replace(run.config, dataset="custom")
    else:
        return
    checkpoints.pin(run)


def _trained_with_edits(budget: int, epochs: int = 220, slice_epochs: int = 3):
    """A run trained in slices with edits on the way; its weights after every epoch."""
    run = Run(SMALL)
    checkpoints = Checkpoints(run, budget, spacing=2)
    seen = {0: run.network.params.copy()}
    while run.epoch < epochs:
        for _ in range(slice_epochs):
            run.train(1)
            seen[run.epoch] = run.network.params.copy()
            _edit(run, checkpoints, run.epoch)
            seen[run.epoch] = run.network.params.copy()   # an edit changes the epoch's state
        checkpoints.note(run)
    return run, checkpoints, seen


@pytest.mark.parametrize("budget", [8, 256])
def test_the_run_at_any_past_epoch_has_the_weights_it_had_then(budget):
    run, checkpoints, seen = _trained_with_edits(budget)
    assert len(checkpoints) <= budget
    for epoch in [0, 1, 59, 60, 61, 89, 90, 100, 129, 130, 131, 169, 170, 171, 219, 220, 35, 5]:
        if epoch < checkpoints.earliest:
            continue
        past = checkpoints.run_at(epoch)
        assert past.epoch == epoch
        np.testing.assert_allclose(past.network.params, seen[epoch], rtol=RTOL, atol=0,
                                   err_msg=f"epoch {epoch}")


def test_pinned_checkpoints_outlive_thinning_and_the_regular_ones_spread_out():
    run = Run(SMALL)
    checkpoints = Checkpoints(run, budget=12, spacing=1)
    for epoch in range(1, 601):
        run.train(1)
        if epoch in (100, 400):
            run.update(replace(run.config, learning_rate=run.config.learning_rate * 2))
            checkpoints.pin(run)
        checkpoints.note(run)
    kept = checkpoints.epochs
    assert len(kept) == 12 and {0, 100, 400} <= set(kept)
    gaps = np.diff(kept + [run.epoch])
    assert gaps.max() <= 3 * 600 / 12, kept


def test_when_every_checkpoint_is_pinned_the_oldest_go_and_earlier_epochs_are_refused():
    run = Run(SMALL)
    checkpoints = Checkpoints(run, budget=4, spacing=1)
    for _ in range(6):
        run.train(5)
        run.update(replace(run.config, learning_rate=run.config.learning_rate * 1.5))
        checkpoints.pin(run)
    assert len(checkpoints) == 4 and checkpoints.earliest == 15
    with pytest.raises(ValueError, match="epoch"):
        checkpoints.run_at(14)
    assert not checkpoints.reproducible(run.epoch)


def test_a_branch_goes_on_exactly_as_the_original_did_with_its_history_cut():
    run, checkpoints, seen = _trained_with_edits(256, epochs=120)
    history = list(run.history.train)
    branch = checkpoints.branch(run, 75)
    assert branch.epoch == 75 and branch.history.train == history[:76]
    assert branch.config.learning_rate == 0.1 and branch.config.optimizer == "sgd"
    branch.train(10)
    checkpoints.note(branch)
    np.testing.assert_allclose(branch.network.params, seen[85], rtol=RTOL, atol=0)
    assert max(checkpoints.epochs) <= 85
    np.testing.assert_allclose(checkpoints.run_at(80).network.params, seen[80], rtol=RTOL, atol=0)


def test_only_a_run_trained_from_its_start_without_edits_is_reproducible():
    run = Run(SMALL)
    checkpoints = Checkpoints(run, budget=16, spacing=1)
    run.train(20)
    checkpoints.note(run)
    assert checkpoints.reproducible(20)
    parameters.set_parameter(run, 0, 0, 0, 0.5)
    checkpoints.pin(run)
    assert checkpoints.reproducible(19) and not checkpoints.reproducible(20)


def _deep_size(root, shared: set[int]) -> int:
    """Bytes of every object reachable from ``root`` except ``shared`` ones (and types, modules).

    ``sys.getsizeof`` of a NumPy array that owns its data includes the data.
    """
    seen, stack, total = set(shared), [root], 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (type, types.ModuleType, types.FunctionType)):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        stack.extend(gc.get_referents(obj))
    return total


def test_a_run_of_100000_epochs_keeps_its_checkpoints_under_the_stated_bound():
    """The bound the README states: REWIND_CHECKPOINTS × checkpoint_bytes, plus the points."""
    config = RunConfig(num_points=20, optimizer="adam", batch_size=30,
                       features=("x1", "x2", "x1_sq", "x2_sq"), hidden_layers=(8, 8))
    run = Run(config)
    budget = 256
    checkpoints = Checkpoints(run, budget, spacing=10)
    while run.epoch < 100_000:
        run.train(97)                 # a slice, as a runner takes them
        checkpoints.note(run)
    bound = checkpoints.bound_bytes(run.network.params.size, "adam")
    assert bound == budget * checkpoint_bytes(run.network.params.size, "adam")
    assert len(checkpoints) == budget
    # What the run shares with its checkpoints is the run's, not the store's: the
    # settings, the points (one set here: no edits) and the run object itself.
    shared = {id(run), id(run.config), id(run.data)} | {id(a) for a in vars(run.data).values()}
    held = _deep_size(checkpoints, shared)
    assert held <= bound, f"{held} bytes held against a bound of {bound}"
    assert checkpoints.nbytes <= bound + sum(a.nbytes for a in vars(run.data).values())
    past = checkpoints.run_at(99_000)
    assert past.epoch == 99_000


def test_a_live_edit_inside_an_epoch_replays_exactly():
    """A slice may end inside an epoch (batches are the unit of work); a live edit there keeps
    the epoch under way, trained partly with the old settings. The pinned checkpoint carries
    that partial epoch, so a replay trains the rest with the new settings as the original did."""
    run = Run(replace(SMALL, batch_size=1))           # 28 batches an epoch
    checkpoints = Checkpoints(run, 16, spacing=1)
    seen = {0: run.network.params.copy()}
    for rate in (0.1, 0.3, 0.01):
        run.train(2)
        seen[run.epoch] = run.network.params.copy()
        run.train(1, steps=11)                        # a slice ends 11 batches into the epoch
        assert run.position == 11
        run.update(replace(run.config, learning_rate=rate))
        checkpoints.pin(run)
        run.train(2)
        seen[run.epoch] = run.network.params.copy()
        checkpoints.note(run)
    for epoch, params in seen.items():
        past = checkpoints.run_at(epoch, warm=False)
        np.testing.assert_allclose(past.network.params, params, rtol=RTOL, atol=0,
                                   err_msg=f"epoch {epoch}")
    past = checkpoints.run_at(2, warm=False)          # the pinned state: the partial epoch with it
    assert past.position == 11

"""Batches are the unit of work: an epoch trained in pieces ends where one trained whole does.

A call may stop inside an epoch (``Run.train(epochs, steps)``, or a deadline in
``stacked``); the run then goes on from that batch. Every case trains one copy
in pieces of arbitrary batch counts and another in whole epochs and compares
parameters and optimizer state within a relative 1e-12 of the largest entry
(the same operations in the same order: bit for bit on one machine; the
tolerance allows nothing but rounding) and loss readings within 1e-12.
"""
import time
from dataclasses import replace

import numpy as np
import pytest

from app.nn.features import FEATURES
from app.nn.stacked import CHUNK_BATCHES, train_alone, train_together
from app.nn.train import Run, RunConfig

RELATIVE = 1e-12
# 30 training points in batches of one: 30 batches an epoch, so pieces cut epochs anywhere.
SMALL = RunConfig(num_points=60, batch_size=1, hidden_layers=(5, 3), learning_rate=0.05)
# Heavier than a deadline's chunk: 100 batches an epoch, all features, 6x8 hidden.
HEAVY = replace(SMALL, num_points=200, dataset="spiral", hidden_layers=(8,) * 6,
                features=tuple(FEATURES), learning_rate=0.01)


def assert_close(actual, expected, what):
    scale = float(np.max(np.abs(expected), initial=0.0))
    np.testing.assert_allclose(actual, expected, rtol=RELATIVE, atol=RELATIVE * scale,
                               err_msg=what)


def assert_same_run(pieces: Run, whole: Run) -> None:
    assert (pieces.epoch, pieces.position) == (whole.epoch, 0)
    assert pieces.best_test_epoch == whole.best_test_epoch and pieces.failure == whole.failure
    assert_close(pieces.network.params, whole.network.params, "params")
    for name in type(whole.optimizer).state:
        assert_close(getattr(pieces.optimizer, name), getattr(whole.optimizer, name), name)
    for name in ("train", "test"):
        assert_close(getattr(pieces.history, name), getattr(whole.history, name), name)


def in_pieces(run: Run, epochs: int, seed: int) -> list[int]:
    """Train ``run`` to epoch ``epochs`` in pieces of 1 to 45 batches; return the pieces' sizes."""
    rng, sizes = np.random.default_rng(seed), []
    while run.epoch < epochs:
        sizes.append(int(rng.integers(1, 46)))
        run.train(epochs - run.epoch, sizes[-1])
    return sizes


@pytest.mark.parametrize("config", [
    SMALL, replace(SMALL, optimizer="momentum"), replace(SMALL, optimizer="adam", learning_rate=0.01),
    replace(SMALL, regularization="l1", regularization_rate=0.01),
    replace(SMALL, regularization="l2", regularization_rate=0.01, batch_size=7)],
    ids=["sgd", "momentum", "adam", "l1", "l2-batch-7"])
def test_epochs_trained_in_pieces_of_any_batch_count_end_as_whole_epochs(config):
    pieces, whole = Run(config), Run(config)
    sizes = in_pieces(pieces, 8, seed=len(config.optimizer))
    assert whole.train(8) == 8
    assert any(size < 30 for size in sizes), "some pieces end inside an epoch"
    assert_same_run(pieces, whole)


def test_inside_an_epoch_everything_outside_sees_where_the_last_epoch_ended():
    run, reference = Run(SMALL), Run(SMALL)
    reference.train(1)
    assert run.train(3, steps=30 + 12) == 1, "one epoch ended, the next is under way"
    assert (run.epoch, run.position) == (1, 12)
    assert_close(run.network.params, reference.network.params, "params where epoch 1 ended")
    assert not np.allclose(run.partial_epoch[1], reference.network.params), "12 batches on"
    assert run.state()["weights"][0] == reference.state()["weights"][0]
    assert len(run.history.train) == 2, "readings only where epochs end"


def test_a_new_learning_rate_goes_on_inside_the_epoch_and_a_new_batch_size_starts_it_again():
    run, reference = Run(SMALL), Run(SMALL)
    reference.train(1, steps=12)
    reference.update(replace(SMALL, learning_rate=0.1))
    reference.train(1)                          # the epoch under way ends at the new rate
    run.train(1, steps=12)
    run.update(replace(SMALL, learning_rate=0.1))
    assert run.position == 12, "a live setting keeps the epoch under way"
    run.train(1, steps=5)
    run.train(1)
    assert_same_run(run, reference)
    run.train(1, steps=7)
    run.update(replace(SMALL, learning_rate=0.1, batch_size=2))
    assert run.position == 0 and run.partial_epoch is None, "other batches: it starts again"


def test_runs_trained_together_with_deadlines_end_as_whole_epochs_alone():
    configs = [replace(HEAVY, seed=1), replace(HEAVY, seed=2, learning_rate=0.03),
               replace(HEAVY, seed=3, regularization="l1", regularization_rate=0.001)]
    together, alone = [Run(c) for c in configs], [Run(c) for c in configs]
    calls = 0
    while any(run.epoch < 3 for run in together):
        # A deadline already past: each call trains one chunk of batches, then stops.
        train_together(together, [3 - run.epoch for run in together], time.perf_counter())
        calls += 1
    assert calls > 3 * 100 // CHUNK_BATCHES - 1, "calls ended inside epochs"
    for piece, whole in zip(together, alone):
        whole.train(3)
        assert_same_run(piece, whole)


def test_a_past_deadline_stops_a_heavy_run_inside_its_first_epoch():
    run = Run(HEAVY)
    assert train_alone(run, 5, time.perf_counter()) == 0
    assert (run.epoch, run.position) == (0, CHUNK_BATCHES)
    other = Run(HEAVY)
    with pytest.raises(ValueError, match="different batches"):
        train_together([run, other], [1, 1])

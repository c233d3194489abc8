"""Stacked training: runs trained together end exactly where each would end alone.

Every case builds each run twice from the same settings (so both copies start
identical), trains one copy alone with ``Run.train`` and the other with the
rest of its group through ``train_together``, and compares everything a run
carries: parameters and optimizer state within a relative 1e-9 (of the
largest entry), Adam's step count, epoch, best test epoch and failure exactly,
and the loss histories within float32 reading precision (relative 1e-6).
On the machine this was written on they agree bit for bit; the tolerances
allow other CPUs' rounding (see STACK-NOTES).
"""
import time
from dataclasses import replace

import numpy as np
import pytest

from app.nn.datasets import Split
from app.nn.features import FEATURES
from app.nn.network import Network
from app.nn.stacked import group_key, train_together
from app.nn.train import Run, RunConfig

PARAMS_REL = 1e-9
READING_REL = 1e-6
DEFAULT = RunConfig()
SIX_BY_EIGHT = replace(DEFAULT, dataset="spiral", hidden_layers=(8,) * 6, features=tuple(FEATURES))
SOFTMAX = replace(DEFAULT, dataset="blobs", num_classes=3, loss="cross_entropy")
REGRESSION = replace(DEFAULT, problem="regression", dataset="plane", activation="relu")


def seeds(config, count=3, **changes):
    """``count`` runs of ``config`` with seeds 1, 2, …: different data and initial weights."""
    return [replace(config, seed=seed, **changes) for seed in range(1, count + 1)]


CASES = {
    "default": (seeds(DEFAULT), [40] * 3),
    # Chaotic (x1² and friends up to 36): differences of 1e-16 would grow to
    # visible ones within ~30 epochs, so this case shows the stack is exact.
    "6x8, all 7 features": (seeds(SIX_BY_EIGHT), [40] * 3),
    "softmax 3 classes, cross-entropy": (seeds(SOFTMAX), [40] * 3),
    "sigmoid 2 classes, cross-entropy": (seeds(DEFAULT, loss="cross_entropy"), [40] * 3),
    "regression": (seeds(REGRESSION, learning_rate=0.01), [40] * 3),
    "adam": (seeds(DEFAULT, optimizer="adam", learning_rate=0.01), [40] * 3),
    "momentum": (seeds(DEFAULT, optimizer="momentum"), [40] * 3),
    "L1 and L2, different rates": (
        [replace(DEFAULT, seed=1, regularization="l1", regularization_rate=0.01),
         replace(DEFAULT, seed=2, regularization="l1", regularization_rate=0.003),
         replace(DEFAULT, seed=3, regularization="l2", regularization_rate=0.03),
         replace(DEFAULT, seed=4, regularization="none"),
         replace(DEFAULT, seed=5, regularization="l1", regularization_rate=0.0)], [40] * 5),
    "momentum with L1 and L2": (
        [replace(DEFAULT, optimizer="momentum", seed=1, regularization="l1",
                 regularization_rate=0.01),
         replace(DEFAULT, optimizer="momentum", seed=2, regularization="l2",
                 regularization_rate=0.1)], [40] * 2),
    "different learning rates, data and features": (
        [replace(DEFAULT, seed=1, learning_rate=0.03),
         replace(DEFAULT, seed=2, learning_rate=0.3, dataset="xor", noise=20.0),
         replace(DEFAULT, seed=3, learning_rate=0.001, features=("x1_sq", "x2_sq"))],
        [40] * 3),
    "different epoch counts": (seeds(DEFAULT, count=4), [40, 7, 0, 23]),
    # Regression with ReLU at learning rate 2 overflows in its 4th epoch.
    "one run diverges mid-way": (
        [replace(REGRESSION, seed=1, learning_rate=0.01),
         replace(REGRESSION, seed=1, learning_rate=2.0),
         replace(REGRESSION, seed=2, learning_rate=0.03)], [40] * 3),
}


def assert_close(actual, expected, rel, what):
    scale = float(np.max(np.abs(expected), initial=0.0))
    np.testing.assert_allclose(actual, expected, rtol=rel, atol=rel * scale, err_msg=what)


def assert_same_state(together: Run, alone: Run) -> None:
    """Everything ``run.train`` leaves behind, compared with the stated tolerances."""
    assert together.epoch == alone.epoch
    assert together.failure == alone.failure
    assert together.best_test_epoch == alone.best_test_epoch
    if alone.failure is None:
        assert_close(together.network.params, alone.network.params, PARAMS_REL, "params")
        for name in type(alone.optimizer).state:
            value = getattr(alone.optimizer, name)
            if isinstance(value, np.ndarray):
                assert_close(getattr(together.optimizer, name), value, PARAMS_REL, name)
            else:   # Adam's t: a plain int, as a run that trained alone has
                assert type(getattr(together.optimizer, name)) is int
                assert getattr(together.optimizer, name) == value
    for name in ("train", "test"):
        np.testing.assert_allclose(getattr(together.history, name), getattr(alone.history, name),
                                   rtol=READING_REL, err_msg=f"history.{name}")


def train_both_ways(configs, epochs, data=None):
    """Return (runs trained together, epochs each did, runs trained alone, epochs each did)."""
    alone = [Run(config, data=data) for config in configs]
    together = [Run(config, data=data) for config in configs]
    done_alone = [run.train(count) for run, count in zip(alone, epochs)]
    return together, train_together(together, epochs), alone, done_alone


@pytest.mark.parametrize("case", CASES)
def test_runs_trained_together_end_as_each_alone(case):
    configs, epochs = CASES[case]
    together, done, alone, done_alone = train_both_ways(configs, epochs)
    assert done == done_alone
    for stacked_run, run in zip(together, alone):
        assert_same_state(stacked_run, run)


def test_a_diverging_run_stops_while_the_others_go_on():
    configs, epochs = CASES["one run diverges mid-way"]
    together, done, _, _ = train_both_ways(configs, epochs)
    assert 1 < done[1] < 40 and together[1].failure == "nonfinite"
    assert done[0] == done[2] == 40 and together[0].failure is together[2].failure is None


def test_runs_at_different_adam_steps_keep_their_own_step_counts():
    configs = seeds(DEFAULT, optimizer="adam", learning_rate=0.01)
    alone = [Run(config) for config in configs]
    together = [Run(config) for config in configs]
    for runs in (alone, together):   # a head start: t = 0, 25 and 250 steps
        runs[1].train(1)
        runs[2].train(10)
    for run in alone:
        run.train(30)
    assert train_together(together, [30] * 3) == [30] * 3
    assert [run.optimizer.t for run in together] == [750, 775, 1000]
    for stacked_run, run in zip(together, alone):
        assert_same_state(stacked_run, run)


def test_training_alone_after_training_together_continues_the_same_run():
    configs = seeds(DEFAULT, optimizer="adam", learning_rate=0.01)
    alone = [Run(config) for config in configs]
    together = [Run(config) for config in configs]
    for run in alone:
        run.train(30)
    train_together(together, [20] * 3)
    for run in together:
        run.train(10)
    for stacked_run, run in zip(together, alone):
        assert_same_state(stacked_run, run)


def test_runs_without_test_points_train_together():
    rng = np.random.default_rng(3)
    x = rng.uniform(-5, 5, (40, 2))
    data = Split(x, np.where(x[:, 0] > 0, 1.0, -1.0), np.empty((0, 2)), np.empty(0))
    together, done, alone, done_alone = train_both_ways(seeds(DEFAULT), [15] * 3, data)
    assert done == done_alone == [15] * 3
    for stacked_run, run in zip(together, alone):
        assert np.isnan(stacked_run.history.test).all()
        assert_same_state(stacked_run, run)


def test_a_deadline_in_the_past_stops_every_run_after_one_epoch():
    for count in (1, 3):   # one run trains alone; more go through the stack
        runs = [Run(config) for config in seeds(DEFAULT, count=count)]
        assert train_together(runs, [50] * count, deadline=time.perf_counter()) == [1] * count
        assert [run.epoch for run in runs] == [1] * count


def test_a_distant_deadline_changes_nothing():
    runs = [Run(config) for config in seeds(DEFAULT)]
    assert train_together(runs, [5, 8, 3], deadline=time.perf_counter() + 3600) == [5, 8, 3]


def test_no_runs_and_no_epochs_do_nothing():
    assert train_together([], []) == []
    run = Run(DEFAULT)
    params = run.network.params.copy()
    assert train_together([run], [0]) == [0]
    assert run.epoch == 0 and len(run.history.train) == 1
    np.testing.assert_array_equal(run.network.params, params)


def test_group_key_is_shared_by_runs_that_differ_only_in_what_a_stack_keeps_per_run():
    keys = {group_key(Run(config)) for config in (
        DEFAULT, replace(DEFAULT, seed=9), replace(DEFAULT, learning_rate=1.0),
        replace(DEFAULT, dataset="xor", noise=30.0), replace(DEFAULT, features=("x1", "sin_x2")),
        replace(DEFAULT, regularization="l1", regularization_rate=0.1))}
    assert len(keys) == 1 and None not in keys


@pytest.mark.parametrize("change", [
    {"hidden_layers": (4, 3)}, {"hidden_layers": (4,)}, {"features": ("x1", "x2", "x1x2")},
    {"activation": "relu"}, {"loss": "cross_entropy"}, {"batch_size": 25},
    {"num_points": 400}, {"train_ratio": 60.0}, {"optimizer": "momentum"}, {"optimizer": "adam"},
    {"dataset": "blobs", "num_classes": 3}, {"problem": "regression", "dataset": "plane"},
], ids=lambda change: ",".join(change))
def test_group_key_separates_runs_that_cannot_be_stacked(change):
    run, other = Run(DEFAULT), Run(replace(DEFAULT, **change))
    assert group_key(run) != group_key(other)
    with pytest.raises(ValueError, match="different groups"):
        train_together([run, other], [1, 1])


def test_group_key_follows_a_live_update():
    run = Run(DEFAULT)
    before = group_key(run)
    run.update(replace(DEFAULT, activation="sigmoid"))
    assert group_key(run) != before == group_key(Run(DEFAULT))


def test_a_diverged_run_has_no_group():
    run = Run(replace(REGRESSION, learning_rate=10.0))
    run.train(10)
    assert run.diverged and group_key(run) is None


def test_train_together_refuses_a_run_given_twice_or_a_missing_count():
    run, other = Run(DEFAULT), Run(replace(DEFAULT, seed=2))
    with pytest.raises(ValueError, match="more than once"):
        train_together([run, run], [1, 1])
    with pytest.raises(ValueError, match="epoch counts"):
        train_together([run, other], [1])
    assert run.epoch == other.epoch == 0


def test_only_the_fully_connected_network_has_a_group():
    class OtherNetwork(Network):   # stands for any other engine's network (say, images)
        pass

    run = Run(DEFAULT)
    run.network.__class__ = OtherNetwork
    assert group_key(run) is None
    with pytest.raises(ValueError, match="fully connected"):
        train_together([run, Run(DEFAULT)], [1, 1])


def test_an_already_diverged_run_does_what_train_would_do_with_it():
    configs = [replace(REGRESSION, learning_rate=10.0), replace(REGRESSION, learning_rate=0.01)]
    together, alone = [Run(config) for config in configs], [Run(config) for config in configs]
    for runs in (together, alone):
        runs[0].train(10)
        assert runs[0].diverged
    done_alone = [run.train(5) for run in alone]
    assert train_together(together, [5, 5]) == done_alone == [1, 5]
    for stacked_run, run in zip(together, alone):
        assert_same_state(stacked_run, run)

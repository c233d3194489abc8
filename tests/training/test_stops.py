"""The stop rules: one place says when a run pauses by itself, and how many epochs it may train."""
import math

from app.nn.train import Run, RunConfig
from app.training.stops import NO_RULES, StopRules


def test_an_epoch_limit_counts_from_the_play():
    run = Run(RunConfig())
    run.train(7)
    rules = StopRules(stop_after=5, play_epoch=4)
    assert rules.epochs_allowed(run) == 2 and rules.verdict(run) is None
    run.train(2)
    assert rules.epochs_allowed(run) == 0
    assert rules.verdict(run)["reason"] == "epoch_limit" and "5 epochs" in rules.verdict(run)["message"]


def test_the_plateau_cannot_come_before_best_epoch_plus_patience():
    run = Run(RunConfig(learning_rate=3.0, seed=2))
    rules = StopRules(patience=4)
    while rules.verdict(run) is None:
        allowed = rules.epochs_allowed(run)
        assert allowed >= 1
        run.train(1)
    assert run.epoch - run.best_test_epoch == 4
    assert rules.verdict(run)["reason"] == "plateau"


def test_a_nonfinite_run_stops_even_without_rules():
    run = Run(RunConfig())
    run.network.params[0] = math.nan
    run.train(1)
    assert NO_RULES.epochs_allowed(run) == 0
    verdict = NO_RULES.verdict(run)
    assert verdict["reason"] == "diverged" and verdict["detail"] == "nonfinite"
    assert NO_RULES.epochs_allowed(Run(RunConfig())) is None, "no rule: no bound"

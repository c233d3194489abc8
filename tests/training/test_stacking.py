"""A worker's batch: runs of one shape train together, each ending as it would alone."""
import numpy as np
import pytest

from app.nn.train import Run, RunConfig
from app.training import replica, worker_main
from app.nn.stacked import group_key
from app.training.stops import StopRules

PARAMS_RELATIVE = 1e-9   # stacked arithmetic may round differently from one run's
LOSS_RELATIVE = 1e-6     # losses are read in float32


def job(run: Run, key: str, epochs=None, rules=StopRules(), seconds=5.0) -> dict:
    return {"key": key, "version": 1, "run": replica.pack(run), "seconds": seconds,
            "epochs": epochs, "rules": rules}


def trained_alone(config: RunConfig, epochs: int) -> Run:
    run = Run(config)
    run.train(epochs)
    return run


def assert_like_alone(progress: dict, config: RunConfig) -> None:
    alone = trained_alone(config, progress["epoch"])
    np.testing.assert_allclose(progress["params"], alone.network.params,
                               rtol=PARAMS_RELATIVE, atol=1e-12)
    np.testing.assert_allclose(progress["train"], alone.history.train[1:], rtol=LOSS_RELATIVE)
    np.testing.assert_allclose(progress["test"], alone.history.test[1:], rtol=LOSS_RELATIVE)
    assert progress["best"][1] == alone.best_test_epoch and progress["failure"] == alone.failure


def test_a_batch_of_one_shape_trains_together_and_each_ends_as_alone():
    configs = [RunConfig(seed=1), RunConfig(seed=2, learning_rate=0.1),
               RunConfig(seed=3, regularization="l1", regularization_rate=0.01),
               RunConfig(seed=4, regularization="l2", regularization_rate=0.003),
               RunConfig(seed=5, optimizer="adam", learning_rate=0.01)]
    limits = [(5, StopRules()), (12, StopRules()), (None, StopRules(stop_after=20)),
              (30, StopRules()), (8, StopRules())]
    jobs = [job(Run(c), f"k{i}", epochs, rules)
            for i, (c, (epochs, rules)) in enumerate(zip(configs, limits))]
    results = worker_main.handle({}, jobs)
    assert [r["progress"]["epoch"] for r in results] == [5, 12, 20, 30, 8]
    for result, config in zip(results, configs):
        assert result["key"] and result["version"] == 1
        assert_like_alone(result["progress"], config)


def test_a_run_that_diverges_stops_while_its_group_goes_on():
    shape = dict(problem="regression", dataset="plane", activation="relu",
                 hidden_layers=(8, 8, 8))
    wild, calm = RunConfig(learning_rate=10, **shape), RunConfig(learning_rate=0.01, **shape)
    assert group_key(Run(wild)) == group_key(Run(calm)), "one group"
    results = worker_main.handle({}, [job(Run(wild), "wild", 40), job(Run(calm), "calm", 40)])
    wild_progress, calm_progress = (r["progress"] for r in results)
    assert wild_progress["failure"] == "nonfinite" and wild_progress["epoch"] < 40
    assert calm_progress["epoch"] == 40 and calm_progress["failure"] is None
    assert_like_alone(calm_progress, calm)


def test_the_plateau_rule_stops_a_member_exactly():
    config = RunConfig(seed=3, learning_rate=1.0)
    results = worker_main.handle({}, [job(Run(config), "a", 300, StopRules(patience=3)),
                                      job(Run(RunConfig(seed=4)), "b", 50)])
    progress = results[0]["progress"]
    epoch, best = progress["epoch"], progress["best"][1]
    assert epoch < 300 and epoch - best == 3, "stops the epoch the plateau is reached"
    assert results[1]["progress"]["epoch"] == 50


def test_a_short_slice_trains_a_group_for_about_its_time():
    jobs = [job(Run(RunConfig(seed=s)), f"k{s}", None, seconds=0.01) for s in range(4)]
    results = worker_main.handle({}, jobs)
    epochs = [r["progress"]["epoch"] for r in results]
    assert all(e >= 1 for e in epochs), "every member trains"
    assert max(epochs) < 5000, "the slice is bounded in time, not by the epochs"


def test_a_missing_copy_is_reported_and_a_broken_one_does_not_stop_the_batch():
    good = job(Run(RunConfig()), "good", 2)
    missing = {**job(Run(RunConfig()), "missing", 2), "run": None}
    broken = {**job(Run(RunConfig()), "broken", 2), "run": b"not a pickle"}
    results = worker_main.handle({}, [good, missing, broken])
    assert results[0]["progress"]["epoch"] == 2
    assert results[1] == {"key": "missing", "missing": True}
    assert results[2]["key"] == "broken" and "error" in results[2]


# The heaviest run, smaller: 200 points in batches of one, all features, 6x8 hidden.
HEAVY = RunConfig(num_points=200, batch_size=1, dataset="spiral", hidden_layers=(8,) * 6,
                  features=("x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1", "sin_x2"),
                  learning_rate=0.01)


def test_heavy_runs_slice_inside_epochs_align_and_end_as_whole_epochs_alone():
    """A's slices end inside its epochs; B joins at its start; both end as alone (1e-9, 1e-6)."""
    configs = {"a": HEAVY, "b": RunConfig(**{**HEAVY.__dict__, "seed": 2})}
    runs: dict = {}
    starts = {key: job(Run(config), key, 2, seconds=0.0005) for key, config in configs.items()}
    later = {key: {**start, "run": None} for key, start in starts.items()}
    first = worker_main.handle(runs, [starts["a"]])[0]["progress"]
    assert first["epoch"] == 0 and runs["a"][1].position > 0, "A's first slice ends inside its epoch"
    worker_main.handle(runs, [starts["b"], later["a"]])     # B at its start waits for A
    progress = {"a": [], "b": []}
    for _ in range(2000):
        if all(runs[key][1].epoch >= 2 for key in runs):
            break
        jobs = [{**later[key], "epochs": 2 - runs[key][1].epoch} for key in ("a", "b")]
        for result in worker_main.handle(runs, jobs):
            progress[result["key"]].append(result["progress"])
    for key, config in configs.items():
        last = progress[key][-1]
        assert last["epoch"] == 2
        alone = trained_alone(config, 2)
        np.testing.assert_allclose(last["params"], alone.network.params,
                                   rtol=PARAMS_RELATIVE, atol=1e-12)
    positions = {runs[key][1].position for key in runs}
    assert positions == {0}, "both stopped at their count, between epochs"


def test_a_copy_shipped_again_with_the_same_points_reuses_the_held_one_and_ends_as_alone():
    """A live edit ships the run again: the worker updates its copy instead of building one."""
    from dataclasses import replace
    config = RunConfig(seed=6)
    original, runs = Run(config), {}
    worker_main.handle(runs, [job(original, "k", 3)])
    held = runs["k"][1]
    original.train(3)
    original.update(replace(config, learning_rate=0.1, batch_size=5))
    shipped = {**job(original, "k", 4), "version": 2}
    (result,) = worker_main.handle(runs, [shipped])
    assert runs["k"][1] is held, "the copy was updated in place"
    reference = Run(config)
    reference.train(3)
    reference.update(replace(config, learning_rate=0.1, batch_size=5))
    reference.train(4)
    np.testing.assert_allclose(result["progress"]["params"], reference.network.params,
                               rtol=PARAMS_RELATIVE, atol=1e-12)
    other = Run(RunConfig(seed=7))                 # other points: a new copy
    worker_main.handle(runs, [{**job(other, "k", 1), "version": 3}])
    assert runs["k"][1] is not held


def test_two_jobs_of_one_run_in_a_batch_train_the_later_only():
    run = Run(RunConfig())
    results = worker_main.handle({}, [job(run, "k", 2), job(run, "k", 3)])
    assert results[0] == {"key": "k", "missing": True}
    assert results[1]["progress"]["epoch"] == 3

"""Run: reproducibility, live updates, the loss history, bounded training, divergence."""
import subprocess
import sys
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from app.nn.activations import ACTIVATIONS
from app.nn.network import columns_with_ones
from app.nn.train import RESTART_FIELDS, Run, RunConfig

ROOT = Path(__file__).resolve().parents[2]
DIVERGENCE_EPOCH_LIMIT = 200


def test_same_config_gives_bitwise_identical_loss_history():
    config = RunConfig(dataset="xor", hidden_layers=(8, 4), noise=20.0, seed=7)
    first, second = Run(config), Run(config)
    first.train(30)
    second.train(30)
    assert np.array(first.history.train).tobytes() == np.array(second.history.train).tobytes()
    assert np.array(first.history.test).tobytes() == np.array(second.history.test).tobytes()
    assert first.network.params.tobytes() == second.network.params.tobytes()


def test_different_seed_gives_a_different_run():
    first, second = Run(RunConfig(seed=1)), Run(RunConfig(seed=2))
    first.train(5)
    second.train(5)
    assert first.history.train != second.history.train


def test_train_returns_epochs_run_and_advances_epoch():
    run = Run(RunConfig())
    assert run.epoch == 0
    assert run.train(7) == 7
    assert run.epoch == 7
    assert run.train(3) == 3
    assert run.epoch == 10
    assert len(run.history.train) == len(run.history.test) == 11


def test_train_zero_epochs_does_nothing():
    run = Run(RunConfig())
    params = run.network.params.copy()
    assert run.train(0) == 0
    assert run.epoch == 0 and len(run.history.train) == 1
    np.testing.assert_array_equal(run.network.params, params)


def test_history_starts_with_the_loss_before_training():
    run = Run(RunConfig())
    assert len(run.history.train) == len(run.history.test) == 1
    data, network = run.data, run.network
    train_loss = run.loss.value(network.predict(data.x_train), data.y_train[:, None])
    test_loss = run.loss.value(network.predict(data.x_test), data.y_test[:, None])
    # The recorded readings use float32 evaluation: ~7 significant digits.
    assert run.history.train[0] == pytest.approx(train_loss, rel=1e-5)
    assert run.history.test[0] == pytest.approx(test_loss, rel=1e-5)
    run.train(1)
    assert run.history.train[0] == pytest.approx(train_loss, rel=1e-5)


def test_training_lowers_the_loss():
    run = Run(RunConfig())
    run.train(20)
    assert run.history.train[-1] < 0.5 * run.history.train[0]


def test_update_keeps_epoch_and_weights():
    run = Run(RunConfig())
    run.train(5)
    params = run.network.params.copy()
    run.update(replace(run.config, learning_rate=0.1, activation="sigmoid", batch_size=25))
    assert run.epoch == 5
    assert len(run.history.train) == 6
    np.testing.assert_array_equal(run.network.params, params)
    assert run.network.activation is ACTIVATIONS["sigmoid"]
    assert run.config.learning_rate == 0.1 and run.config.batch_size == 25


def test_update_takes_effect_on_the_next_epoch():
    run = Run(RunConfig())
    run.train(2)
    n_train = len(run.data.x_train)
    run.update(replace(run.config, learning_rate=0.1, activation="sigmoid",
                       batch_size=n_train))
    # One batch per epoch now: one step of plain gradient descent with the new settings.
    x, y = run.data.x_train, run.data.y_train
    expected = run.network.params - 0.1 * run.network.gradients(
        columns_with_ones(x), y[None, :].copy(), run.head)
    assert run.train(1) == 1
    np.testing.assert_allclose(run.network.params, expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("field, value", [
    ("dataset", "spiral"), ("num_points", 200), ("noise", 10.0), ("train_ratio", 70.0),
    ("seed", 99), ("hidden_layers", (3,)), ("features", ("x1", "x2", "x1x2")),
    ("loss", "cross_entropy"), ("num_classes", 4), ("problem", "regression"),
])
def test_update_of_a_restart_field_raises_value_error_naming_it(field, value):
    assert field in RESTART_FIELDS
    run = Run(RunConfig())
    before = run.config
    with pytest.raises(ValueError, match=field):
        run.update(replace(before, **{field: value}))
    assert run.config is before


def test_restart_fields_cover_everything_that_needs_new_data_or_network():
    assert RESTART_FIELDS == {"problem", "dataset", "num_classes", "num_points", "noise",
                              "train_ratio", "seed", "features", "hidden_layers", "loss"}


def test_high_learning_rate_diverges_and_stops_training_early_without_warnings():
    # A linear output is unbounded: at learning rate 10 the weights overflow.
    config = RunConfig(problem="regression", dataset="plane", hidden_layers=(8, 8, 8),
                       activation="relu", learning_rate=10.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = Run(config)
        done = run.train(DIVERGENCE_EPOCH_LIMIT)
    assert run.diverged, (
        f"loss after {done} epochs: {run.history.train[-1]} (not flagged as diverged)")
    assert done < DIVERGENCE_EPOCH_LIMIT
    assert run.epoch == done


def test_importing_the_engine_loads_no_installed_package_but_numpy():
    # Flask above all; _distutils_hack is setuptools' start-up hook, loaded before any import.
    code = ("import sys, app.nn.activations, app.nn.losses, app.nn.network, "
            "app.nn.datasets, app.nn.train, app.nn.features, app.nn.heads, "
            "app.nn.optimizers, app.nn.regularization, app.nn.parameters, "
            "app.nn.images.run, app.nn.images.explain, app.nn.images.drawn; "
            "loaded = sorted({m.split('.')[0] for m, module in list(sys.modules.items()) "
            "if 'site-packages' in (getattr(module, '__file__', None) or '') "
            "and m.split('.')[0] not in ('numpy', '_distutils_hack')}); "
            "print(loaded); sys.exit(1 if loaded else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, f"app.nn pulled in {result.stdout.strip()} {result.stderr}"


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_learning_rate_ten_on_the_default_network_keeps_training_while_finite(seed):
    # A merely bad run (saturated outputs, a jumping loss) is not stopped: the
    # class should see it on the curve. Only a non-finite number stops a run.
    run = Run(RunConfig(learning_rate=10.0, seed=seed))
    done = run.train(200)
    assert done == 200 and run.failure is None
    assert max(run.history.train[1:]) > run.history.train[0], "the loss should jump up"


def test_a_non_finite_weight_stops_the_run():
    run = Run(RunConfig(activation="relu", problem="regression", dataset="plane",
                        learning_rate=10.0, hidden_layers=(8, 8, 8)))
    done = run.train(500)
    assert run.failure == "nonfinite" and done < 500


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_healthy_default_run_is_never_flagged(seed):
    run = Run(RunConfig(seed=seed))
    assert run.train(1500) == 1500 and run.failure is None

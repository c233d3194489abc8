"""Run, protocol 2: heads per problem, custom data, live edits, metrics, state and restore."""
import math
from dataclasses import replace

import numpy as np
import pytest

from app.nn import parameters
from app.nn.datasets import Split
from app.nn.train import Run, RunConfig

BLOBS = RunConfig(dataset="blobs", num_classes=4, loss="cross_entropy", hidden_layers=(5,))
PLANE = RunConfig(problem="regression", dataset="plane")


@pytest.mark.parametrize("config, classes, output, sizes", [
    (RunConfig(), 2, "tanh", (2, 4, 2, 1)),
    (RunConfig(loss="cross_entropy"), 2, "sigmoid", (2, 4, 2, 1)),
    (BLOBS, 4, "softmax", (2, 5, 4)),
    (PLANE, 1, "linear", (2, 4, 2, 1)),
    (RunConfig(features=("x1", "x2", "x1_sq", "sin_x2"), hidden_layers=()), 2, "tanh", (4, 1)),
])
def test_network_shape_and_output_follow_problem_classes_and_features(config, classes, output,
                                                                      sizes):
    run = Run(config)
    assert run.classes == classes
    assert run.network.output_activation.name == output
    assert run.network.sizes == sizes
    assert run.data.y_train.shape == (len(run.data.x_train),)


def test_lists_in_config_compare_equal_to_tuples():
    config = RunConfig(features=["x1", "x2"], hidden_layers=[4, 2])
    assert config == RunConfig()


def test_dataset_of_the_other_problem_is_refused():
    with pytest.raises(ValueError, match="plane"):
        Run(RunConfig(dataset="plane"))


def custom_split(labels_train, labels_test):
    rng = np.random.default_rng(0)
    return Split(rng.uniform(-5, 5, (len(labels_train), 2)), np.array(labels_train, float),
                 rng.uniform(-5, 5, (len(labels_test), 2)), np.array(labels_test, float))


def test_custom_data_is_used_as_given_and_classes_read_off_the_labels():
    data = custom_split([0, 1, 2, 3, 1], [2, 0])
    run = Run(RunConfig(dataset="custom", loss="cross_entropy"), data=data)
    assert run.classes == 4 and run.network.sizes[-1] == 4
    np.testing.assert_array_equal(run.data.x_train, data.x_train)
    assert run.train(3) == 3
    two = Run(RunConfig(dataset="custom"), data=custom_split([1, -1, 1], [-1]))
    assert two.classes == 2 and two.network.output_activation.name == "tanh"


def test_custom_dataset_without_data_is_refused():
    with pytest.raises(ValueError, match="custom"):
        Run(RunConfig(dataset="custom"))


def test_metrics_name_and_values():
    run = Run(RunConfig())
    name, train, test = run.metrics()
    assert name == "accuracy" and 0.0 <= train <= 1.0 and 0.0 <= test <= 1.0
    run.train(30)
    assert run.metrics()[1:] == (1.0, 1.0)
    assert Run(PLANE).metrics()[0] == "r2"


def test_replace_data_keeps_network_epoch_and_history_and_trains_on_the_new_points():
    run = Run(RunConfig())
    run.train(5)
    params, history = run.network.params.copy(), list(run.history.train)
    data = run.data
    smaller = Split(data.x_train[:40], data.y_train[:40], data.x_test[:10], data.y_test[:10])
    run.replace_data(smaller)
    # Every epoch's losses stay but the last: it is read again on the points as they are now.
    assert run.epoch == 5 and run.history.train[:-1] == history[:-1]
    assert run.history.train[-1] != history[-1]
    assert (run.history.train[-1], run.history.test[-1]) == run._readings()
    np.testing.assert_array_equal(run.network.params, params)
    assert len(run.data.x_train) == 40 and run.best_test_epoch == 5
    assert run.train(2) == 2 and len(run.history.train) == 8
    assert math.isfinite(run.history.train[-1])


def test_replace_data_with_an_empty_test_set_records_nan_and_keeps_training():
    run = Run(RunConfig())
    run.replace_data(Split(run.data.x_train[:3], run.data.y_train[:3],
                           np.empty((0, 2)), np.empty(0)))
    assert run.train(3) == 3 and not run.diverged
    assert math.isnan(run.history.test[-1]) and math.isfinite(run.history.train[-1])
    assert run.metrics()[2] is None


def test_replace_data_refuses_labels_that_change_the_class_count():
    run = Run(BLOBS)
    data = run.data
    before = run.data
    with pytest.raises(ValueError, match="output layer"):
        run.replace_data(Split(data.x_train, np.full(len(data.y_train), 4.0),
                               data.x_test, data.y_test))
    with pytest.raises(ValueError, match="output layer"):
        Run(RunConfig()).replace_data(Split(data.x_train, data.y_train, data.x_test, data.y_test))
    assert run.data is before


def test_a_run_with_no_training_point_trains_no_epoch_and_has_not_diverged():
    none = Split(np.empty((0, 2)), np.empty(0), np.empty((0, 2)), np.empty(0))
    run = Run(RunConfig(dataset="custom"), data=none, classes=2)   # "Your own points", none yet
    assert run.train(5) == 0 and run.epoch == 0 and not run.diverged and not run.has_points
    assert math.isnan(run.history.train[-1]) and run.metrics()[1:] == (None, None)
    run.replace_data(Split(np.array([[1.0, 1.0], [-1.0, -1.0]]), np.array([1.0, -1.0]),
                           np.empty((0, 2)), np.empty(0)))
    assert run.has_points and run.train(2) == 2 and math.isfinite(run.history.train[-1])


def test_set_parameter_sets_a_weight_or_a_bias():
    run = Run(RunConfig())
    parameters.set_parameter(run, 1, 1, 3, 0.75)
    assert run.network.weights[1][3, 1] == 0.75
    parameters.set_parameter(run, 2, 0, None, -2.5)
    assert run.network.biases[2][0] == -2.5


@pytest.mark.parametrize("args, error, words", [
    ((3, 0, 0, 1.0), IndexError, "layer 3"),
    ((-1, 0, 0, 1.0), IndexError, "layer -1"),
    ((0, 4, 0, 1.0), IndexError, "to 4"),
    ((0, 0, 2, 1.0), IndexError, "from 2"),
    ((0, 0, None, math.nan), ValueError, "finite"),
    ((0, 0, 1, math.inf), ValueError, "finite"),
])
def test_set_parameter_refuses_bad_indices_and_values(args, error, words):
    run = Run(RunConfig())
    params = run.network.params.copy()
    with pytest.raises(error, match=words):
        parameters.set_parameter(run, *args)
    np.testing.assert_array_equal(run.network.params, params)


@pytest.mark.parametrize("config", [RunConfig(), BLOBS, PLANE,
                                    replace(RunConfig(), regularization="l2",
                                            regularization_rate=0.01)])
def test_restore_then_train_continues_exactly_like_the_original(config):
    original = Run(config)
    original.train(10)
    state = original.state()
    restored = Run.restore(config, original.data, state["weights"], state["biases"],
                           state["epoch"], state["history"])
    assert restored.epoch == 10 and restored.state() == state
    original.train(5)
    restored.train(5)
    assert restored.history.train == original.history.train
    assert restored.history.test == original.history.test
    assert restored.network.params.tobytes() == original.network.params.tobytes()


def test_restore_names_the_part_that_does_not_fit():
    run = Run(RunConfig())
    state = run.state()
    bad = [list(w) for w in state["weights"]]
    bad[1] = [[0.0]]
    with pytest.raises(ValueError, match=r"weights\[1\]"):
        Run.restore(run.config, run.data, bad, state["biases"], 0, state["history"])
    with pytest.raises(ValueError, match=r"biases\[2\]"):
        Run.restore(run.config, run.data, state["weights"], state["biases"][:2] + [[math.nan]],
                    0, state["history"])
    with pytest.raises(ValueError, match="history.train"):
        Run.restore(run.config, run.data, state["weights"], state["biases"], 3, state["history"])


def test_best_test_epoch_follows_the_lowest_test_loss():
    run = Run(RunConfig())
    run.train(20)
    test = run.history.test
    assert run.best_test_epoch == int(np.argmin(test))


@pytest.mark.parametrize("optimizer", ["momentum", "adam", "sgd"])
def test_update_of_optimizer_keeps_weights_and_epoch_and_starts_fresh_state(optimizer):
    run = Run(RunConfig(optimizer="momentum"))
    run.train(3)
    params, old = run.network.params.copy(), run.optimizer
    run.update(replace(run.config, optimizer=optimizer, regularization="l1",
                       regularization_rate=0.001))
    assert run.epoch == 3
    np.testing.assert_array_equal(run.network.params, params)
    assert (run.optimizer is old) == (optimizer == "momentum")
    assert run.optimizer.name == optimizer and run.regularizer.name == "l1"
    assert run.train(3) == 3 and not run.diverged


def test_invalid_live_update_changes_nothing():
    run = Run(RunConfig())
    before = run.config
    with pytest.raises(KeyError):
        run.update(replace(before, optimizer="rmsprop", learning_rate=0.5))
    assert run.config is before


@pytest.mark.parametrize("name", ["l1", "l2"])
def test_regularization_shrinks_the_weights(name):
    plain, shrunk = Run(RunConfig()), Run(RunConfig(regularization=name, regularization_rate=0.3))
    plain.train(30)
    shrunk.train(30)
    norm = lambda run: sum(float(np.abs(w).sum()) for w in run.network.weights)  # noqa: E731
    assert norm(shrunk) < 0.7 * norm(plain)


def test_regularization_changes_only_the_weight_update_by_its_gradient():
    # One full batch of SGD with L2: θ ← θ - η (∇L + rate · mask · θ).
    run = Run(RunConfig(batch_size=30, num_points=60))
    run.update(replace(run.config, regularization="l2", regularization_rate=0.5))
    network, data = run.network, run.data
    before = network.params.copy()
    from app.nn.network import columns_with_ones  # noqa: PLC0415
    grads = network.gradients(columns_with_ones(data.x_train), data.y_train[None, :].copy(),
                              run.head).copy()
    expected = before - 0.03 * (grads + 0.5 * network.weight_mask * before)
    run.train(1)
    np.testing.assert_allclose(network.params, expected, rtol=1e-12, atol=1e-15)

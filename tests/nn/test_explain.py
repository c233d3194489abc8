"""The backpropagation view's numbers are the training kernel's numbers."""
import numpy as np
import pytest

from app.nn.explain import explain
from app.nn.features import feature_matrix
from app.nn.network import columns_with_ones
from app.nn.train import Run, RunConfig

CONFIGS = [
    RunConfig(),
    RunConfig(activation="relu", hidden_layers=(5, 3), features=("x1", "x2", "x1x2", "sin_x1")),
    RunConfig(dataset="blobs", num_classes=4, loss="cross_entropy", activation="sigmoid"),
    RunConfig(dataset="blobs", num_classes=3, loss="mse", hidden_layers=(3,)),
    RunConfig(loss="cross_entropy", activation="elu"),
    RunConfig(problem="regression", dataset="plane", hidden_layers=()),
]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c.dataset}-{c.loss}-{c.activation}")
def test_gradients_equal_the_kernel_for_a_batch_of_that_point(config):
    run = Run(config)
    run.train(3)
    point, label = run.data.x_train[7], run.data.y_train[7]
    shown = explain(run, point, label)
    features = feature_matrix(point.reshape(1, 2), config.features)
    targets = run.head.targets(np.array([label]))
    grads = run.network.gradients(columns_with_ones(features), targets.T.copy(), run.head)
    kernel = run.network.grad_blocks  # (n_out, n_in + 1): [dW.T | db]
    for layer, block in enumerate(kernel):
        np.testing.assert_allclose(np.asarray(shown["backward"][layer]["dL_dw"]),
                                   block[:, :-1].T, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(shown["backward"][layer]["dL_db"], block[:, -1],
                                   rtol=1e-12, atol=1e-15)
    assert grads is run.network.grads


def test_forward_numbers_and_update_follow_their_formulas():
    run = Run(RunConfig(learning_rate=0.1))
    shown = explain(run, run.data.x_train[0], run.data.y_train[0])
    a = np.asarray(shown["inputs"])
    for layer, (w, b) in enumerate(zip(run.network.weights, run.network.biases)):
        z = a @ w + b
        np.testing.assert_allclose(shown["layers"][layer]["z"], z, rtol=1e-12)
        a = np.asarray(shown["layers"][layer]["a"])
        np.testing.assert_allclose(a, np.tanh(z), rtol=1e-12)
        step = w - 0.1 * np.asarray(shown["backward"][layer]["dL_dw"])
        np.testing.assert_allclose(shown["updated_weights"][layer], step, rtol=1e-12)
    y, y_hat = shown["target"][0], shown["output"][0]
    assert shown["loss"] == pytest.approx((y - y_hat) ** 2)
    assert shown["backward"][-1]["dL_da"][0] == pytest.approx(2 * (y_hat - y))

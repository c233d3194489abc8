"""Network: backpropagation against finite differences, fast vs plain forward, layout.

The gradient check covers EVERY entry of ``params`` (weights and biases of all
layers) for every activation, so the fast kernel is held to the plain maths.
"""
import numpy as np
import pytest

from app.nn.activations import ACTIVATIONS
from app.nn.heads import HEADS, make_head
from app.nn.network import Network, StackedNetworks, columns_with_ones, parameter_count

from .numerics import RTOL, central_differences, relative_error

SHAPES = [(2, 1), (2, 4, 2, 1), (2, 8, 8, 8, 1)]
MSE = HEADS["tanh_mse"]  # tanh output, mean squared error: the default head
KINK_MARGIN = 1e-4  # ReLU: no pre-activation may sit within this of 0 (h is 1e-6)


def make_network(sizes, activation, seed=0, weight_range=1.0):
    network = Network(sizes, activation, "tanh")
    network.initialize(np.random.default_rng(seed), weight_range=weight_range)
    return network


def batch(n, seed):
    rng = np.random.default_rng(seed)
    return rng.uniform(-2, 2, (n, 2)), rng.choice([-1.0, 1.0], size=(n, 1))


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("sizes", SHAPES, ids=lambda s: "x".join(map(str, s)))
@pytest.mark.parametrize("n", [1, 10])
def test_gradients_match_central_differences_for_every_parameter(activation, sizes, n):
    # The first seed whose pre-activations all keep clear of 0 (ReLU-like kinks).
    for seed in range(n, n + 1000, 100):
        network = make_network(sizes, activation, seed=seed)
        x, y = batch(n, seed=100 + seed)
        zs, _ = network.forward(x)
        if min(np.abs(z).min() for z in zs) > KINK_MARGIN:
            break
    else:
        pytest.fail("no seed keeps the pre-activations away from 0")

    analytic = network.gradients(columns_with_ones(x), y.T, MSE).copy()
    numeric = central_differences(lambda: MSE.loss_value(network.predict(x), y), network.params)
    assert analytic.shape == network.params.shape
    assert relative_error(analytic, numeric) < RTOL


def test_gradients_use_current_parameters_after_an_update():
    network = make_network((2, 4, 2, 1), "tanh")
    x, y = batch(10, seed=1)
    columns, targets = columns_with_ones(x), y.T
    network.gradients(columns, targets, MSE)
    network.params -= 0.5 * network.grads
    analytic = network.gradients(columns, targets, MSE).copy()
    numeric = central_differences(lambda: MSE.loss_value(network.predict(x), y), network.params)
    assert relative_error(analytic, numeric) < RTOL


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("sizes", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_predict_columns_equals_transposed_predict(activation, sizes):
    network = make_network(sizes, activation)
    x, _ = batch(25, seed=2)
    np.testing.assert_allclose(network.predict_columns(columns_with_ones(x)),
                               network.predict(x).T, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_float32_predict_columns_agrees_with_float64(activation):
    network = make_network((2, 8, 8, 8, 1), activation, weight_range=0.5)
    x, _ = batch(500, seed=3)
    x *= 3  # the whole [-6, 6]² domain
    fast = network.predict_columns(columns_with_ones(x), np.float32)
    assert fast.dtype == np.float32
    np.testing.assert_allclose(fast, network.predict(x).T, rtol=0, atol=1e-5)


def test_float32_predict_columns_follows_parameter_changes():
    network = make_network((2, 4, 2, 1), "tanh")
    x, _ = batch(20, seed=4)
    columns = columns_with_ones(x)
    network.predict_columns(columns, np.float32)
    network.params *= -2.0
    np.testing.assert_allclose(network.predict_columns(columns, np.float32),
                               network.predict(x).T, rtol=0, atol=1e-5)


def test_weights_and_biases_are_views_into_params():
    network = Network((2, 4, 2, 1), "tanh", "tanh")
    assert all(np.shares_memory(w, network.params) for w in network.weights)
    assert all(np.shares_memory(b, network.params) for b in network.biases)
    network.weights[1][3, 0] = 7.0
    network.biases[2][0] = -3.0
    assert np.count_nonzero(network.params == 7.0) == 1
    assert np.count_nonzero(network.params == -3.0) == 1
    network.params[:] = 0.0
    assert network.weights[1][3, 0] == 0.0 and network.biases[2][0] == 0.0


def test_weight_and_bias_shapes_follow_layer_sizes():
    network = Network((2, 4, 2, 1), "tanh", "tanh")
    assert [w.shape for w in network.weights] == [(2, 4), (4, 2), (2, 1)]
    assert [b.shape for b in network.biases] == [(4,), (2,), (1,)]
    assert network.params.size == parameter_count((2, 4, 2, 1)) == 12 + 10 + 3


def test_initialize_draws_weights_in_range_and_sets_biases():
    network = Network((2, 8, 8, 1), "tanh", "tanh")
    network.initialize(np.random.default_rng(0))
    weights = np.concatenate([w.ravel() for w in network.weights])
    assert np.all(np.abs(weights) < 0.5)
    assert weights.std() > 0.2  # spread over the range, not a constant
    assert all(np.all(b == 0.1) for b in network.biases)


def test_initialize_is_deterministic_for_the_same_seed():
    first, second, other = (Network((2, 4, 2, 1), "relu", "tanh") for _ in range(3))
    first.initialize(np.random.default_rng(42))
    second.initialize(np.random.default_rng(42))
    other.initialize(np.random.default_rng(43))
    np.testing.assert_array_equal(first.params, second.params)
    assert not np.array_equal(first.params, other.params)


@pytest.mark.parametrize("sizes", [(2,), (2, 0, 1), ()])
def test_network_rejects_layers_without_neurons(sizes):
    with pytest.raises(ValueError):
        Network(sizes, "tanh", "tanh")


def test_unknown_activation_is_rejected():
    with pytest.raises(KeyError):
        Network((2, 1), "nope", "tanh")


def test_columns_with_ones_appends_a_row_of_ones():
    x = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    columns = columns_with_ones(x)
    np.testing.assert_array_equal(columns, [[1, 3, 5], [2, 4, 6], [1, 1, 1]])
    assert columns.flags.c_contiguous


def test_gradients_scale_multiplies_every_gradient():
    # Run folds the learning rate into ``scale``: SGD is then params -= grads.
    network = make_network((2, 4, 2, 1), "tanh")
    x, y = batch(10, seed=5)
    plain = network.gradients(columns_with_ones(x), y.T, MSE).copy()
    scaled = network.gradients(columns_with_ones(x), y.T, MSE, 0.03)
    np.testing.assert_allclose(scaled, 0.03 * plain, rtol=1e-13, atol=1e-18)


# (problem, classes, loss) of every head, and labels to draw for it.
HEAD_CASES = [("regression", 1, "mse"), ("classification", 2, "mse"),
              ("classification", 2, "cross_entropy"), ("classification", 3, "mse"),
              ("classification", 3, "cross_entropy"), ("classification", 5, "cross_entropy")]


def test_head_cases_cover_every_head():
    assert {make_head(*case).name for case in HEAD_CASES} == set(HEADS)


def draw_labels(rng, n, problem, classes):
    if problem == "regression":
        return rng.uniform(-1, 1, n)
    if classes == 2:
        return rng.choice([-1.0, 1.0], n)
    return rng.integers(0, classes, n).astype(float)


@pytest.mark.parametrize("problem, classes, loss", HEAD_CASES)
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "elu", "sine"])
def test_gradients_match_central_differences_for_every_head(problem, classes, loss, activation):
    head = make_head(problem, classes, loss)
    network = Network((3, 5, 4, head.outputs), activation, head.output_activation.name)
    network.initialize(np.random.default_rng(classes), weight_range=1.0)
    rng = np.random.default_rng(11)
    x = rng.uniform(-2, 2, (7, 3))
    t = head.targets(draw_labels(rng, 7, problem, classes))
    analytic = network.gradients(columns_with_ones(x), t.T.copy(), head, 0.5).copy()
    numeric = central_differences(lambda: head.loss_value(network.predict(x), t), network.params)
    assert relative_error(analytic / 0.5, numeric) < RTOL  # scale 0.5 multiplies the gradient


def test_weight_mask_marks_weights_not_biases():
    network = Network((2, 4, 3), "tanh", "softmax")
    network.params[:] = np.arange(network.params.size)
    weights = np.concatenate([w.ravel() for w in network.weights])
    assert sorted(network.params[network.weight_mask == 1.0]) == sorted(weights)
    biases = np.concatenate([b.ravel() for b in network.biases])
    assert sorted(network.params[network.weight_mask == 0.0]) == sorted(biases)


def test_softmax_network_outputs_sum_to_one_in_both_forward_passes():
    network = Network((2, 4, 3), "relu", "softmax")
    network.initialize(np.random.default_rng(0), weight_range=3.0)
    x, _ = batch(20, seed=6)
    plain = network.predict(x)
    np.testing.assert_allclose(plain.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(network.predict_columns(columns_with_ones(x)), plain.T,
                               rtol=1e-12, atol=1e-15)
    assert network.output_activation.name == "softmax"


@pytest.mark.parametrize("problem, classes, loss", HEAD_CASES)
@pytest.mark.parametrize("activation", ["tanh", "relu", "softplus"])
@pytest.mark.parametrize("m", [1, 7])
def test_a_stack_computes_each_network_s_gradients_and_outputs(problem, classes, loss,
                                                                activation, m):
    head = make_head(problem, classes, loss)
    networks = [Network((3, 5, 4, head.outputs), activation, head.output_activation.name)
                for _ in range(3)]
    rng = np.random.default_rng(classes + m)
    for network in networks:
        network.initialize(rng, weight_range=1.0)
    xs = [columns_with_ones(rng.uniform(-2, 2, (m, 3))) for _ in networks]
    ts = [head.targets(draw_labels(rng, m, problem, classes)).T.copy() for _ in networks]
    scales = np.array([[0.5], [0.03], [1.0]])
    stack = StackedNetworks(networks)
    stacked = stack.gradients(np.stack(xs), np.stack(ts), head, scales)
    for i, network in enumerate(networks):
        expected = network.gradients(xs[i], ts[i], head, scales[i, 0])
        np.testing.assert_allclose(stacked[i], expected, rtol=1e-13, atol=1e-16)
        for dtype, rtol in ((np.float64, 1e-13), (np.float32, 1e-6)):
            np.testing.assert_allclose(stack.logits_columns(np.stack(xs), dtype)[i],
                                       network.logits_columns(xs[i], dtype), rtol=rtol,
                                       atol=rtol * 1e-3)

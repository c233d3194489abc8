"""Regularizers: gradient against finite differences, weights only, hand values."""
import numpy as np
import pytest

from app.nn import regularization
from app.nn.network import Network
from app.nn.regularization import REGULARIZERS

from .numerics import RTOL, central_differences, relative_error

ACTIVE = [name for name, r in REGULARIZERS.items() if r.gradient is not None]


def network_params():
    network = Network((2, 4, 3), "tanh", "softmax")
    network.initialize(np.random.default_rng(1), weight_range=1.0)
    network.params += 0.05  # keep weights clear of L1's kink at 0 (h is 1e-6)
    return network


def test_registry_order_and_entries():
    assert list(REGULARIZERS) == ["none", "l1", "l2"]
    assert all(r.label.strip() and r.formula.strip() for r in REGULARIZERS.values())


@pytest.mark.parametrize("name", ACTIVE)
def test_gradient_matches_central_differences(name):
    network, regularizer = network_params(), REGULARIZERS[name]
    params, mask = network.params, network.weight_mask
    assert np.abs(params).min() > 1e-3
    numeric = central_differences(lambda: 0.3 * regularizer.penalty(params, mask), params)
    assert relative_error(regularizer.gradient(params, mask, 0.3), numeric) < RTOL


@pytest.mark.parametrize("name", ACTIVE)
def test_biases_are_not_penalised(name):
    network, regularizer = network_params(), REGULARIZERS[name]
    gradient = regularizer.gradient(network.params, network.weight_mask, 1.0)
    assert np.all(gradient[network.weight_mask == 0.0] == 0.0)
    assert np.all(gradient[network.weight_mask == 1.0] != 0.0)
    changed = network.params.copy()
    changed[network.weight_mask == 0.0] = 123.0
    assert (regularizer.penalty(changed, network.weight_mask)
            == regularizer.penalty(network.params, network.weight_mask))


def test_penalties_on_hand_example():
    params, mask = np.array([0.5, -2.0, 7.0]), np.array([1.0, 1.0, 0.0])
    assert REGULARIZERS["l1"].penalty(params, mask) == 2.5
    assert REGULARIZERS["l2"].penalty(params, mask) == pytest.approx(0.5 * (0.25 + 4.0))
    assert REGULARIZERS["none"].penalty(params, mask) == 0.0
    np.testing.assert_array_equal(REGULARIZERS["l1"].gradient(params, mask, 0.1), [0.1, -0.1, 0])
    np.testing.assert_allclose(REGULARIZERS["l2"].gradient(params, mask, 0.1), [0.05, -0.2, 0])


@pytest.mark.parametrize("name", ACTIVE)
def test_gradient_writes_into_out(name):
    params, mask = np.array([0.5, -2.0, 7.0]), np.array([1.0, 1.0, 0.0])
    out = np.full(3, np.nan)
    assert REGULARIZERS[name].gradient(params, mask, 0.1, out) is out
    np.testing.assert_array_equal(out, REGULARIZERS[name].gradient(params, mask, 0.1))


def test_unknown_regularization_raises_key_error():
    with pytest.raises(KeyError, match="l3"):
        regularization.get("l3")


def _crossing_run(regularization):
    """A run where the L1 push on one weight is far larger than that weight."""
    from app.nn.train import Run, RunConfig
    # 20 points, half for training, batch 10: one step per epoch.
    run = Run(RunConfig(regularization=regularization, regularization_rate=1.0,
                        learning_rate=0.03, num_points=20, batch_size=10))
    run.network.weights[0][0, 0] = 1e-4    # one L1 step moves it by ~0.03: across zero
    run.network.weights[0][1, 0] = -1e-4
    return run


def test_a_weight_crossing_zero_under_l1_becomes_exactly_zero():
    run = _crossing_run("l1")
    run.train(1)
    weights = np.concatenate([w.ravel() for w in run.network.weights])
    assert (weights == 0.0).sum() >= 2, "weights that cross zero stop at exactly 0"
    biases = np.concatenate(run.network.biases)
    assert (biases != 0.0).all(), "biases are never clamped"


def test_l1_makes_a_network_sparse_where_it_used_to_oscillate():
    run = _crossing_run("l1")
    run.train(100)
    weights = np.concatenate([w.ravel() for w in run.network.weights])
    assert (weights == 0.0).mean() > 0.5, weights


def test_l2_does_not_clamp_weights_to_zero():
    run = _crossing_run("l2")
    run.train(5)
    weights = np.concatenate([w.ravel() for w in run.network.weights])
    assert not (weights == 0.0).any()

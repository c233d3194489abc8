"""ImageNetwork: every gradient against central differences, the forward pass against plain loops.

The gradient check covers EVERY entry of ``params`` (kernels, conv biases,
dense weights and biases) for every registered activation, several
architectures (no conv layer, pooled and unpooled, 3×3 and 5×5, odd sizes
whose pooling drops a row) and both softmax heads.
"""
from dataclasses import replace

import numpy as np
import pytest

from app.nn.activations import ACTIVATIONS
from app.nn.heads import HEADS
from app.nn.images.network import ConvSpec, ImageNetwork, network_cost

from ..numerics import RTOL, central_differences, relative_error
from . import naive

CLASSES = 3
# (name, image size, conv layers, pool, hidden layers)
ARCHITECTURES = [
    ("dense-only", 5, [], False, [4]),
    ("softmax-on-pixels", 4, [], False, []),
    ("conv3-pool", 6, [ConvSpec(2, 3)], True, [3]),
    ("conv3-conv5-pool-odd", 7, [ConvSpec(2, 3), ConvSpec(3, 5)], True, []),
    ("conv3x2-no-pool", 5, [ConvSpec(2, 3), ConvSpec(2, 3)], False, [3]),
]
KINK_MARGIN = 1e-4   # no pre-activation within this of 0, no pooling near-tie (h = 1e-6)


def make(architecture, activation, seed):
    _, size, conv, pool, hidden = architecture
    network = ImageNetwork(size, conv, pool, hidden, CLASSES, activation)
    network.initialize(np.random.default_rng(seed))
    network.params += np.random.default_rng(seed + 1).normal(0, 0.3, network.params.size)
    return network


def batch(size, n, seed):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 1, (n, size, size, 1)), np.eye(CLASSES)[rng.integers(0, CLASSES, n)]


def clear_of_kinks(network, images) -> bool:
    """No z near 0 (ReLU-like kinks) and no pooling window with a near-tie for the maximum."""
    result = network.forward(images)
    zs = [z for _, _, z, _, _, _ in result.conv] + [z for _, z, _ in result.dense]
    if min(np.abs(z).min() for z in zs) <= KINK_MARGIN:
        return False
    for _, _, _, a, pooled, _ in result.conv:
        if pooled is not None:
            h, w = pooled.shape[1:3]
            windows = np.sort(np.stack([a[:, r:2 * h:2, c:2 * w:2] for r in (0, 1) for c in (0, 1)]),
                              axis=0)
            if np.min(windows[-1] - windows[-2]) <= KINK_MARGIN:
                return False
    return True


@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("architecture", ARCHITECTURES, ids=[a[0] for a in ARCHITECTURES])
def test_gradients_match_central_differences_for_every_parameter(architecture, activation, loss):
    head = replace(HEADS[f"softmax_{loss}"], outputs=CLASSES)
    for seed in range(0, 2000, 7):
        network = make(architecture, activation, seed)
        images, targets = batch(architecture[1], 3, seed)
        if clear_of_kinks(network, images):
            break
    else:
        pytest.fail("no seed keeps pre-activations and pooling windows clear of kinks")
    analytic = network.gradients(images, targets, head).copy()
    numeric = central_differences(
        lambda: head.loss_value(network.predict(images), targets), network.params)
    assert relative_error(analytic, numeric) < RTOL


def test_gradients_are_scaled_by_scale():
    head = replace(HEADS["softmax_cross_entropy"], outputs=CLASSES)
    network = make(ARCHITECTURES[2], "tanh", 1)
    images, targets = batch(6, 4, 2)
    plain = network.gradients(images, targets, head).copy()
    np.testing.assert_allclose(network.gradients(images, targets, head, 0.25), 0.25 * plain,
                               rtol=1e-13)


@pytest.mark.parametrize("architecture", ARCHITECTURES, ids=[a[0] for a in ARCHITECTURES])
@pytest.mark.parametrize("activation", ["relu", "tanh", "elu"])
def test_whole_network_matches_the_plain_loop_implementation(architecture, activation):
    network = make(architecture, activation, 5)
    images, _ = batch(architecture[1], 2, 6)
    result = network.forward(images)
    for i, image in enumerate(images[..., 0]):
        conv, dense, probabilities = naive.forward(network, image)
        for l, (z, a, pooled) in enumerate(conv):
            _, _, fast_z, fast_a, fast_pooled, _ = result.conv[l]
            np.testing.assert_allclose(np.moveaxis(fast_z[i], -1, 0), z, rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(np.moveaxis(fast_a[i], -1, 0), a, rtol=1e-10, atol=1e-12)
            if pooled is not None:
                np.testing.assert_allclose(np.moveaxis(fast_pooled[i], -1, 0), pooled,
                                           rtol=1e-10, atol=1e-12)
        for l, (z, _) in enumerate(dense):
            np.testing.assert_allclose(result.dense[l][1][i], z, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(result.outputs[i], probabilities, rtol=1e-10, atol=1e-14)


def test_loss_of_the_engine_equals_the_naive_cross_entropy():
    head = HEADS["softmax_cross_entropy"]
    network = make(ARCHITECTURES[3], "sigmoid", 9)
    images, targets = batch(7, 4, 10)
    labels = targets.argmax(axis=1)
    engine = head.loss_value(network.predict(images), targets)
    assert engine == pytest.approx(naive.cross_entropy(network, images[..., 0], labels), rel=1e-12)


def test_float32_forward_agrees_with_float64_to_single_precision():
    network = make(ARCHITECTURES[2], "tanh", 3)
    images, _ = batch(6, 5, 4)
    wide = network.forward(images, winners=False).logits
    narrow = network.forward(images.astype(np.float32), False, np.float32).logits
    assert narrow.dtype == np.float32
    np.testing.assert_allclose(narrow, wide, rtol=1e-5, atol=1e-6)


def test_parameters_are_views_of_one_buffer_and_biases_are_unmasked():
    network = ImageNetwork(8, [ConvSpec(4, 3), ConvSpec(2, 5)], True, [6], 10, "relu")
    expected = (4 * 9 + 4) + (2 * 4 * 25 + 2) + (2 * 2 * 2 * 6 + 6) + (6 * 10 + 10)
    assert network.parameter_count == network.params.size == expected
    assert network.sizes == (8, 6, 10) and network.map_sizes == [8, 4, 2]
    for array in network.conv_kernels + network.conv_biases + network.weights + network.biases:
        assert np.shares_memory(array, network.params)
    biases = network.conv_biases + network.biases
    assert network.weight_mask.sum() == expected - sum(b.size for b in biases) == expected - 22
    network.params[...] = network.weight_mask       # 1 at every weight, 0 at every bias
    assert all((b == 0).all() for b in biases)
    assert all((w == 1).all() for w in network.conv_kernels + network.weights)


def test_same_seed_same_initial_weights_and_biases_start_at_a_tenth():
    first, second = (make(ARCHITECTURES[2], "relu", 0) for _ in range(2))
    np.testing.assert_array_equal(first.params, second.params)
    fresh = ImageNetwork(6, [ConvSpec(2, 3)], True, [3], CLASSES, "relu")
    fresh.initialize(np.random.default_rng(0))
    assert all((b == 0.1).all() for b in fresh.conv_biases + fresh.biases)
    limit = np.sqrt(6.0 / ((1 + 2) * 9))
    assert np.abs(fresh.conv_kernels[0]).max() <= limit


@pytest.mark.parametrize("conv, message", [
    ([ConvSpec(2, 4)], "odd kernel"),
    ([ConvSpec(0, 3)], ">= 1 filter"),
    ([ConvSpec(2, 3)] * 4, "shrink 8×8 images to nothing"),
])
def test_an_impossible_architecture_is_refused_naming_conv_layers(conv, message):
    with pytest.raises(ValueError, match=f"conv_layers: .*{message}"):
        ImageNetwork(8, conv, True, [], 10, "relu")


@pytest.mark.parametrize("architecture", ARCHITECTURES, ids=[a[0] for a in ARCHITECTURES])
def test_network_cost_counts_the_parameters_built_and_the_multiply_adds_of_a_forward_pass(
        architecture):
    _, size, conv, pool, hidden = architecture
    parameters, multiply_adds = network_cost(size, conv, pool, hidden, CLASSES)
    network = ImageNetwork(size, conv, pool, hidden, CLASSES, "relu")
    assert parameters == network.parameter_count
    # Counted the plain way: every conv pixel of every filter sums C·k² products, every
    # dense output n_in products.
    expected, channels = 0, 1
    for spec, side in zip(conv, network.map_sizes):
        expected += side * side * spec.filters * channels * spec.kernel ** 2
        channels = spec.filters
    expected += sum(w.size for w in network.weights)
    assert multiply_adds == expected


def test_default_digit_network_cost():
    assert network_cost(8, [ConvSpec(8, 3)], True, [], 10) == (1370, 8 * 8 * 8 * 9 + 128 * 10)

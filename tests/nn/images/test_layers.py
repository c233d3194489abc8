"""Convolution and pooling kernels against the plain loops of ``naive`` and finite differences."""
import numpy as np
import pytest

from app.nn.images import layers

from ..numerics import RTOL, central_differences, relative_error
from . import naive


def channels_last(maps_first):
    return np.moveaxis(maps_first, 0, -1)[None]


@pytest.mark.parametrize("size, channels, filters, k", [
    (5, 1, 2, 3), (6, 2, 3, 3), (7, 3, 2, 5), (4, 1, 1, 5), (1, 2, 2, 3)])
def test_conv_forward_matches_plain_loops(size, channels, filters, k):
    rng = np.random.default_rng(size * 10 + k)
    maps = rng.normal(size=(channels, size, size))
    kernels, biases = rng.normal(size=(filters, channels, k, k)), rng.normal(size=filters)
    z, cols = layers.conv_forward(channels_last(maps), kernels, biases)
    expected = naive.conv_same(maps, kernels, biases)
    assert z.shape == (1, size, size, filters)
    np.testing.assert_allclose(np.moveaxis(z[0], -1, 0), expected, rtol=1e-12, atol=1e-12)
    assert cols.shape == (size * size, channels * k * k)


def test_patches_are_zero_padded_and_ordered_channel_row_column():
    maps = np.arange(2 * 3 * 3, dtype=np.float64).reshape(2, 3, 3)   # (C, H, W)
    cols = layers.patches(channels_last(maps), 3)
    centre = cols[4].reshape(2, 3, 3)           # pixel (1, 1): the whole map
    np.testing.assert_array_equal(centre, maps)
    corner = cols[0].reshape(2, 3, 3)           # pixel (0, 0): top row and left column padded
    assert (corner[:, 0, :] == 0).all() and (corner[:, :, 0] == 0).all()
    np.testing.assert_array_equal(corner[:, 1:, 1:], maps[:, :2, :2])


def test_max_pool_matches_plain_loops_with_ties_and_odd_sizes():
    rng = np.random.default_rng(3)
    maps = rng.integers(0, 3, size=(3, 7, 6)).astype(np.float64)   # many ties; 7 rows: one dropped
    pooled, winners = layers.pool_forward(channels_last(maps))
    expected, expected_winners = naive.max_pool(maps)
    np.testing.assert_array_equal(np.moveaxis(pooled[0], -1, 0), expected)
    for (c, y, x), (dy, dx) in expected_winners.items():
        assert winners[0, y, x, c] == 2 * dy + dx, f"window {(c, y, x)}"


def test_pool_without_winners_gives_the_same_maxima():
    maps = np.random.default_rng(4).normal(size=(2, 4, 4, 3))
    with_winners, won = layers.pool_forward(maps)
    without, none = layers.pool_forward(maps, winners=False)
    assert none is None and won is not None
    np.testing.assert_array_equal(with_winners, without)


def test_pool_backward_routes_each_gradient_to_its_winner_only():
    maps = np.random.default_rng(5).normal(size=(2, 5, 4, 3))
    pooled, winners = layers.pool_forward(maps)
    upstream = np.random.default_rng(6).normal(size=pooled.shape)
    d_maps = layers.pool_backward(upstream, winners, maps.shape)
    assert d_maps.shape == maps.shape
    assert (d_maps[:, 4] == 0).all(), "the dropped last row gets no gradient"
    assert np.count_nonzero(d_maps) == upstream.size
    np.testing.assert_allclose(d_maps.sum(), upstream.sum(), rtol=1e-12)
    numeric = central_differences(lambda: float(np.vdot(layers.pool_forward(maps)[0], upstream)),
                                  maps)
    assert relative_error(d_maps, numeric) < RTOL


@pytest.mark.parametrize("k", [3, 5])
def test_conv_backward_matches_central_differences(k):
    rng = np.random.default_rng(k)
    maps = rng.normal(size=(2, 6, 5, 3))
    kernels, biases = rng.normal(size=(4, 3, k, k)), rng.normal(size=4)
    upstream = rng.normal(size=(2, 6, 5, 4))

    def loss():
        return float(np.vdot(layers.conv_forward(maps, kernels, biases)[0], upstream))

    _, cols = layers.conv_forward(maps, kernels, biases)
    grad_kernels, grad_biases = np.zeros_like(kernels), np.zeros_like(biases)
    d_maps = layers.conv_backward(upstream, cols, kernels, grad_kernels, grad_biases)
    assert relative_error(grad_kernels, central_differences(loss, kernels)) < RTOL
    assert relative_error(grad_biases, central_differences(loss, biases)) < RTOL
    assert relative_error(d_maps, central_differences(loss, maps)) < RTOL
    assert layers.conv_backward(upstream, cols, kernels, grad_kernels, grad_biases,
                                input_gradient=False) is None

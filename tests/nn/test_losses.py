"""Every registered loss: value on a hand example, gradient against finite differences."""
import numpy as np
import pytest

from app.nn import losses
from app.nn.losses import LOSSES

from .numerics import RTOL, central_differences, relative_error


def test_mse_value_is_mean_squared_difference_on_hand_example():
    y_hat = np.array([[0.5], [-1.0], [2.0], [0.0]])
    y = np.array([[1.0], [-1.0], [-1.0], [1.0]])
    # (0.25 + 0 + 9 + 1) / 4
    assert losses.get("mse").value(y_hat, y) == pytest.approx(10.25 / 4, rel=1e-15)


def test_mse_value_matches_numpy_mean():
    rng = np.random.default_rng(3)
    y_hat, y = rng.normal(size=(17, 1)), rng.choice([-1.0, 1.0], size=(17, 1))
    assert losses.get("mse").value(y_hat, y) == pytest.approx(np.mean((y - y_hat) ** 2), rel=1e-13)


def test_mse_of_perfect_prediction_is_zero():
    y = np.array([[1.0], [-1.0]])
    assert losses.get("mse").value(y.copy(), y) == 0.0


def loss_inputs(name, n, k, rng):
    """Predictions and targets in the domain each loss is used on.

    MSE: any outputs, targets ±1 or one-hot. Cross-entropy: probabilities
    (kept away from the clipping at 0 and 1), targets 0/1 or one-hot.
    """
    if k == 1:
        targets = rng.choice([0.0, 1.0], size=(n, 1))
    else:
        targets = np.eye(k)[rng.integers(0, k, n)]
    if name == "cross_entropy":
        return rng.uniform(0.05, 0.95, (n, k)), targets
    return rng.uniform(-1, 1, (n, k)), 2 * targets - 1 if k == 1 else targets


@pytest.mark.parametrize("name", sorted(LOSSES))
@pytest.mark.parametrize("n", [1, 10])
@pytest.mark.parametrize("k", [1, 3])
def test_gradient_matches_central_differences(name, n, k):
    loss = LOSSES[name]
    y_hat, y = loss_inputs(name, n, k, np.random.default_rng(n + k))
    numeric = central_differences(lambda: loss.value(y_hat, y), y_hat)
    assert relative_error(loss.gradient(y_hat, y), numeric) < RTOL


def test_binary_cross_entropy_on_hand_example():
    p, t = np.array([[0.8], [0.3]]), np.array([[1.0], [0.0]])
    expected = -(np.log(0.8) + np.log(0.7)) / 2
    assert losses.get("cross_entropy").value(p, t) == pytest.approx(expected, rel=1e-14)


def test_categorical_cross_entropy_on_hand_example():
    p = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    t = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    expected = -(np.log(0.7) + np.log(0.1)) / 2
    assert losses.get("cross_entropy").value(p, t) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("k", [1, 3])
def test_cross_entropy_of_certain_wrong_answers_is_finite(k):
    p = np.zeros((2, k)) if k > 1 else np.array([[0.0], [1.0]])
    t = np.eye(k)[[0, 1 % k]] if k > 1 else np.array([[1.0], [0.0]])
    loss = losses.get("cross_entropy")
    assert np.isfinite(loss.value(p, t)) and loss.value(p, t) > 20
    assert np.all(np.isfinite(loss.gradient(p, t)))


def test_cross_entropy_of_float32_predictions_is_finite():
    p = np.array([[1.0], [0.0]], dtype=np.float32)
    assert np.isfinite(losses.get("cross_entropy").value(p, np.array([[1.0], [0.0]])))


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_gradient_leaves_inputs_untouched(name):
    y_hat, y = np.array([[0.25], [0.5]]), np.array([[1.0], [0.0]])
    LOSSES[name].gradient(y_hat, y)
    np.testing.assert_array_equal(y_hat, [[0.25], [0.5]])
    np.testing.assert_array_equal(y, [[1.0], [0.0]])


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_every_loss_has_formula_and_label(name):
    assert LOSSES[name].formula.strip() and LOSSES[name].label.strip()


def test_unknown_loss_raises_key_error_naming_valid_names():
    with pytest.raises(KeyError) as info:
        losses.get("nope")
    assert "nope" in str(info.value)
    assert all(name in str(info.value) for name in LOSSES)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_gradient_scale_multiplies_the_gradient(name):
    y_hat, y = np.array([[0.25], [0.5], [0.9]]), np.array([[1.0], [0.0], [0.0]])
    plain = LOSSES[name].gradient(y_hat, y)
    np.testing.assert_allclose(LOSSES[name].gradient(y_hat, y, 0.03), 0.03 * plain, rtol=1e-15)


@pytest.mark.parametrize("name", sorted(LOSSES))
@pytest.mark.parametrize("k", [1, 3])
def test_a_stack_of_sets_gives_each_set_its_own_loss(name, k):
    # (R, n, k) is R sets: what stacked training reads its losses from.
    loss, rng = LOSSES[name], np.random.default_rng(k)
    pairs = [loss_inputs(name, 6, k, rng) for _ in range(4)]
    y_hat, y = np.stack([p for p, _ in pairs]), np.stack([t for _, t in pairs])
    expected = [loss.value(p, t) for p, t in pairs]
    np.testing.assert_allclose(loss.value(y_hat, y), expected, rtol=1e-13)
    if loss.value_from_logits is not None:
        z = rng.uniform(-4, 4, y.shape)
        np.testing.assert_allclose(loss.value_from_logits(z, y),
                                   [loss.value_from_logits(one, t) for one, (_, t) in
                                    zip(z, pairs)], rtol=1e-13)

"""Optimizers: first steps computed by hand, fresh state, in-place updates."""
import numpy as np
import pytest

from app.nn import optimizers
from app.nn.optimizers import OPTIMIZERS

RATE = 0.1
G1 = np.array([0.5, -2.0, 0.0])
G2 = np.array([1.0, 1.0, -4.0])


def step(optimizer, params, grads):
    """One step the way Run calls it: η folded into the gradient when ``scaled``."""
    optimizer.step(params, RATE * grads if optimizer.scaled else grads.copy(), RATE)


def test_registry_order_and_entries():
    assert list(OPTIMIZERS) == ["sgd", "momentum", "adam"]
    for info in OPTIMIZERS.values():
        assert info.label.strip() and info.formula.strip()
        assert optimizers.make(info.name, 4).name == info.name


def test_sgd_subtracts_the_scaled_gradient():
    params = np.array([1.0, 2.0, 3.0])
    step(optimizers.make("sgd", 3), params, G1)
    np.testing.assert_allclose(params, [1.0 - 0.05, 2.0 + 0.2, 3.0], rtol=1e-15)


def test_momentum_first_two_steps_by_hand():
    params = np.array([1.0, 2.0, 3.0])
    momentum = optimizers.make("momentum", 3)
    step(momentum, params, G1)
    # v1 = η g1 = [0.05, -0.2, 0]; θ1 = θ0 - v1
    np.testing.assert_allclose(params, [0.95, 2.2, 3.0], rtol=1e-15)
    step(momentum, params, G2)
    # v2 = 0.9 v1 + η g2 = [0.145, -0.08, -0.4]; θ2 = θ1 - v2
    np.testing.assert_allclose(params, [0.805, 2.28, 3.4], rtol=1e-14)


def textbook_adam(params, gradients, rate, beta1=0.9, beta2=0.999, eps=1e-8):
    """Kingma & Ba, Algorithm 1, written out plainly."""
    m, v = np.zeros_like(params), np.zeros_like(params)
    params = params.copy()
    for t, g in enumerate(gradients, start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
        params = params - rate * m_hat / (np.sqrt(v_hat) + eps)
    return params


def test_adam_first_step_moves_each_parameter_by_the_rate_against_its_gradient_sign():
    params = np.array([1.0, 2.0, 3.0])
    step(optimizers.make("adam", 3), params, G1)
    # m̂ = g, v̂ = g², so the step is η·g/(|g| + ε): ±η, and 0 for a zero gradient.
    np.testing.assert_allclose(params, [1.0 - RATE * 0.5 / (0.5 + 1e-8),
                                        2.0 + RATE * 2.0 / (2.0 + 1e-8), 3.0], rtol=1e-15)


def test_adam_matches_the_textbook_formula_over_several_steps():
    rng = np.random.default_rng(0)
    gradients = [rng.normal(size=5) for _ in range(6)]
    params = rng.normal(size=5)
    start = params.copy()
    adam = optimizers.make("adam", 5)
    for g in gradients:
        adam.step(params, g.copy(), RATE)
    np.testing.assert_allclose(params, textbook_adam(start, gradients, RATE), rtol=1e-13)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_make_gives_fresh_state_each_time(name):
    # A used optimizer's second step remembers G1; a fresh one's first step does not.
    used, params = optimizers.make(name, 3), np.zeros(3)
    step(used, params, G1)
    before = params.copy()
    step(used, params, G2)
    remembered = params - before
    params = np.zeros(3)
    step(optimizers.make(name, 3), params, G2)
    if name == "sgd":
        np.testing.assert_allclose(remembered, params, rtol=1e-15)
    else:
        assert not np.allclose(remembered, params)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_step_updates_in_place_and_keeps_the_gradient(name):
    params, grads = np.array([1.0, 2.0, 3.0]), RATE * G2
    before = grads.copy()
    buffer = params
    optimizers.make(name, 3).step(params, grads, RATE)
    assert params is buffer and not np.array_equal(params, [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(grads, before)


def test_unknown_optimizer_raises_key_error_naming_valid_names():
    with pytest.raises(KeyError) as info:
        optimizers.make("rmsprop", 3)
    assert "rmsprop" in str(info.value) and "adam" in str(info.value)


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_a_stacked_optimizer_steps_each_member_as_its_own(name):
    rng = np.random.default_rng(5)
    members = [optimizers.make(name, 3) for _ in range(3)]
    params = rng.uniform(-1, 1, (3, 3))
    for steps, member in enumerate(members):   # different histories: t = 0, 1, 2
        for _ in range(steps):
            step(member, params[steps], rng.uniform(-1, 1, 3))
    stacked = optimizers.stack(members, 3)
    stacked_params, grads = params.copy(), rng.uniform(-1, 1, (3, 3))
    rates = np.array([[RATE], [0.5], [0.01]])
    for _ in range(2):
        stacked.step(stacked_params, rates * grads if stacked.scaled else grads.copy(), rates)
        for i, member in enumerate(members):
            member.step(params[i], rates[i, 0] * grads[i] if member.scaled else grads[i].copy(),
                        rates[i, 0])
    np.testing.assert_allclose(stacked_params, params, rtol=1e-15)
    for i, member in enumerate(members):
        copy = optimizers.make(name, 3)
        optimizers.unstack(stacked, i, copy)
        for state in member.state:
            np.testing.assert_allclose(getattr(copy, state), getattr(member, state), rtol=1e-15)
            assert type(getattr(copy, state)) is type(getattr(member, state))

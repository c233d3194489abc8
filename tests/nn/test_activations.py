"""Every registered activation: derivative, ``out=`` form, range, stability, formulas.

Parametrised over ``ACTIVATIONS`` so a new activation is tested for free.
"""
import warnings

import numpy as np
import pytest

from app.nn import activations
from app.nn.activations import ACTIVATIONS

from .numerics import H, RTOL, relative_error

NAMES = sorted(ACTIVATIONS)
# Away from ReLU's kink at 0 by far more than H, and not so far out that
# sigmoid/tanh derivatives shrink to the size of the rounding error.
Z = np.concatenate([np.linspace(-4.0, -0.01, 25), np.linspace(0.01, 4.0, 25)])


@pytest.fixture(params=NAMES)
def activation(request):
    return ACTIVATIONS[request.param]


def test_derivative_matches_central_differences(activation):
    numeric = (activation.fn(Z + H) - activation.fn(Z - H)) / (2 * H)
    analytic = activation.derivative(Z, activation.fn(Z))
    assert relative_error(analytic, numeric) < RTOL


def test_function_writes_into_out_and_matches_allocating_form(activation):
    expected = activation.fn(Z)
    for call in (lambda out: activation.fn(Z, out=out), lambda out: activation.fn(Z, out)):
        out = np.full_like(Z, np.nan)
        result = call(out)
        assert result is out
        np.testing.assert_array_equal(out, expected)


def test_derivative_writes_into_out_and_matches_allocating_form(activation):
    a = activation.fn(Z)
    expected = activation.derivative(Z, a)
    for call in (lambda out: activation.derivative(Z, a, out=out),
                 lambda out: activation.derivative(Z, a, out)):
        out = np.full_like(Z, np.nan)
        result = call(out)
        assert result is out
        np.testing.assert_array_equal(out, expected)


def test_allocating_form_leaves_input_untouched(activation):
    z = Z.copy()
    activation.derivative(z, activation.fn(z))
    np.testing.assert_array_equal(z, Z)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_large_inputs_raise_no_floating_point_warning(activation, dtype):
    z = np.array([-1000.0, -710.0, -100.0, -1.0, 0.0, 1.0, 100.0, 710.0, 1000.0], dtype)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        a = activation.fn(z)
        da = activation.derivative(z, a)
        activation.fn(z, out=np.empty_like(z))
        activation.derivative(z, a, out=np.empty_like(z))
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(da))


def test_outputs_stay_within_output_range(activation):
    z = np.linspace(-1000.0, 1000.0, 2001)
    low, high = activation.output_range
    a = activation.fn(z)
    assert np.all(a >= low) and np.all(a <= high)


def test_every_activation_has_both_formulas(activation):
    assert activation.formula.strip()
    assert activation.derivative_formula.strip()
    assert activation.label.strip()


def test_registry_keys_are_activation_names():
    assert all(name == act.name for name, act in ACTIVATIONS.items())


def test_get_returns_registered_activation():
    assert activations.get("tanh") is ACTIVATIONS["tanh"]


def test_unknown_name_raises_key_error_naming_valid_names():
    with pytest.raises(KeyError) as info:
        activations.get("nope")
    message = str(info.value)
    assert "nope" in message
    assert all(name in message for name in ACTIVATIONS)


@pytest.mark.parametrize("name, z, expected", [
    ("sigmoid", 0.0, 0.5),
    ("sigmoid", 2.0, 1 / (1 + np.exp(-2.0))),
    ("sigmoid", -30.0, 1 / (1 + np.exp(30.0))),
    ("tanh", 1.0, np.tanh(1.0)),
    ("relu", -2.0, 0.0),
    ("relu", 3.5, 3.5),
    ("linear", -7.25, -7.25),
    ("leaky_relu", 2.5, 2.5),
    ("leaky_relu", -3.0, -0.03),
    ("elu", 1.5, 1.5),
    ("elu", -2.0, np.exp(-2.0) - 1),
    ("elu", -1000.0, -1.0),
    ("softplus", 0.0, np.log(2.0)),
    ("softplus", 3.0, np.log1p(np.exp(3.0))),
    ("softplus", -3.0, np.log1p(np.exp(-3.0))),
    ("softplus", 800.0, 800.0),
    ("softplus", -40.0, np.exp(-40.0)),
    ("sine", 1.25, np.sin(1.25)),
])
def test_reference_values(name, z, expected):
    result = ACTIVATIONS[name].fn(np.array([z]))
    np.testing.assert_allclose(result, [expected], rtol=1e-12, atol=1e-15)


def test_relu_derivative_at_kink_is_zero():
    z = np.array([0.0])
    assert ACTIVATIONS["relu"].derivative(z, ACTIVATIONS["relu"].fn(z))[0] == 0.0


def test_registry_order():
    assert list(ACTIVATIONS) == ["sigmoid", "tanh", "relu", "linear", "leaky_relu", "elu",
                                 "softplus", "sine"]


@pytest.mark.parametrize("name, z, expected", [
    ("leaky_relu", -2.0, 0.01), ("leaky_relu", 2.0, 1.0), ("leaky_relu", 0.0, 0.01),
    ("elu", -1.0, np.exp(-1.0)), ("elu", 0.5, 1.0),
    ("softplus", 1.0, 1 / (1 + np.exp(-1.0))), ("sine", 0.5, np.cos(0.5)),
])
def test_derivative_reference_values(name, z, expected):
    act = ACTIVATIONS[name]
    zs = np.array([z])
    np.testing.assert_allclose(act.derivative(zs, act.fn(zs)), [expected], rtol=1e-12)

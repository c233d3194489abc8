"""Output heads: delta against finite differences, targets, predictions and metrics.

Every head's ``delta`` is checked against central differences of its loss
through its output function, including softmax + MSE's Jacobian-vector
product, so a new head is tested for free.
"""
import math

import numpy as np
import pytest

from app.nn.heads import HEADS, SOFTMAX, make_head, output_function

from .numerics import RTOL, central_differences, relative_error

CLASSES = {"linear_mse": ("regression", 1, "mse"), "tanh_mse": ("classification", 2, "mse"),
           "sigmoid_cross_entropy": ("classification", 2, "cross_entropy"),
           "softmax_cross_entropy": ("classification", 4, "cross_entropy"),
           "softmax_mse": ("classification", 4, "mse")}


def labels_for(head, n, rng):
    if head.metric_name == "r2":
        return rng.uniform(-1, 1, n)
    if head.outputs == 1:
        return rng.choice([-1.0, 1.0], n)
    return rng.integers(0, head.outputs, n).astype(float)


def test_cases_cover_every_head():
    assert set(CLASSES) == set(HEADS)


@pytest.mark.parametrize("name", sorted(HEADS))
@pytest.mark.parametrize("n", [1, 6])
def test_delta_matches_central_differences_of_the_loss(name, n):
    head = make_head(*CLASSES[name])
    rng = np.random.default_rng(n)
    z = rng.uniform(-2, 2, (n, head.outputs))
    t = head.targets(labels_for(head, n, rng))
    fn = head.output_activation.fn
    numeric = central_differences(lambda: head.loss_value(fn(z), t), z)
    analytic = head.delta(z, fn(z), t)
    assert analytic.shape == z.shape
    assert relative_error(analytic, numeric) < RTOL


@pytest.mark.parametrize("name", sorted(HEADS))
def test_delta_writes_into_out_and_honours_scale(name):
    head = make_head(*CLASSES[name])
    rng = np.random.default_rng(2)
    z = rng.uniform(-2, 2, (5, head.outputs))
    a, t = head.output_activation.fn(z), head.targets(labels_for(head, 5, rng))
    plain = head.delta(z, a, t)
    out = np.full(z.T.shape, np.nan).T  # a transposed view, as the kernel passes
    assert head.delta(z, a, t, 0.25, out) is out
    np.testing.assert_allclose(out, 0.25 * plain, rtol=1e-14, atol=1e-17)


@pytest.mark.parametrize("problem, classes, loss, name, outputs, activation", [
    ("regression", 1, "mse", "linear_mse", 1, "linear"),
    ("classification", 2, "mse", "tanh_mse", 1, "tanh"),
    ("classification", 2, "cross_entropy", "sigmoid_cross_entropy", 1, "sigmoid"),
    ("classification", 3, "cross_entropy", "softmax_cross_entropy", 3, "softmax"),
    ("classification", 5, "mse", "softmax_mse", 5, "softmax"),
])
def test_make_head_follows_the_protocol_pairing(problem, classes, loss, name, outputs,
                                                activation):
    head = make_head(problem, classes, loss)
    assert (head.name, head.outputs, head.output_activation.name) == (name, outputs, activation)


@pytest.mark.parametrize("args", [("regression", 1, "cross_entropy"), ("clustering", 2, "mse"),
                                  ("classification", 1, "mse"), ("classification", 3, "hinge")])
def test_make_head_refuses_combinations_the_protocol_has_not(args):
    with pytest.raises(ValueError):
        make_head(*args)


def test_targets_follow_label_conventions():
    labels = np.array([1.0, -1.0, 1.0])
    np.testing.assert_array_equal(make_head("classification", 2, "mse").targets(labels),
                                  [[1.0], [-1.0], [1.0]])
    np.testing.assert_array_equal(make_head("classification", 2, "cross_entropy").targets(labels),
                                  [[1.0], [0.0], [1.0]])
    np.testing.assert_array_equal(make_head("classification", 3, "mse").targets([2.0, 0.0]),
                                  [[0, 0, 1], [1, 0, 0]])
    np.testing.assert_array_equal(make_head("regression", 1, "mse").targets([0.25, -0.5]),
                                  [[0.25], [-0.5]])


def test_softmax_is_stable_and_sums_to_one():
    z = np.array([[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0], [-800.0, -800.0, -800.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        p = SOFTMAX.fn(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(p[1], np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum(), rtol=1e-15)
    np.testing.assert_allclose(p[2], 1 / 3, rtol=1e-15)
    assert output_function("softmax") is SOFTMAX and output_function("tanh").name == "tanh"
    assert SOFTMAX.formula.strip()


@pytest.mark.parametrize("case, outputs, labels, expected", [
    (("classification", 2, "mse"), [[0.3], [-0.2], [0.9], [-0.8]], [1, 1, -1, -1], 0.5),
    (("classification", 2, "cross_entropy"), [[0.6], [0.4], [0.51], [0.2]], [1, 1, -1, -1], 0.5),
    (("classification", 3, "mse"), [[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]], [1, 2], 0.5),
])
def test_accuracy_counts_predicted_classes(case, outputs, labels, expected):
    head = make_head(*case)
    assert head.metric_name == "accuracy"
    assert head.metric(np.array(outputs, float), np.array(labels, float)) == expected


def test_r2_is_one_minus_residual_over_total_variance():
    head = make_head("regression", 1, "mse")
    labels = np.array([1.0, 2.0, 3.0, 4.0])
    outputs = np.array([[1.5], [2.0], [2.5], [4.0]])
    assert head.metric_name == "r2"
    assert head.metric(outputs, labels) == pytest.approx(1 - 0.5 / 5.0, rel=1e-15)


def test_metric_is_none_for_no_points_or_constant_labels():
    head = make_head("regression", 1, "mse")
    assert head.metric(np.empty((0, 1)), np.empty(0)) is None
    assert head.metric(np.array([[0.1], [0.3]]), np.array([0.5, 0.5])) is None
    assert make_head("classification", 3, "mse").metric(np.empty((0, 3)), np.empty(0)) is None


@pytest.mark.parametrize("name", sorted(HEADS))
def test_loss_from_logits_equals_the_loss_of_the_outputs_where_both_are_exact(name):
    head = make_head(*CLASSES[name])
    rng = np.random.default_rng(3)
    z = rng.uniform(-4, 4, (5, head.outputs))
    targets = head.targets(labels_for(head, 5, rng))
    expected = head.loss_value(head.output_activation.fn(z.copy()), targets)
    assert head.loss_from_logits(z, targets) == pytest.approx(expected, rel=1e-12)


def test_a_confidently_wrong_sigmoid_output_costs_its_logit_not_a_clipped_log():
    # sigmoid(-20) ≈ 2e-9 for a target of 1: the loss is -ln sigmoid(-20) = softplus(20) ≈ 20.
    # Read from a probability clipped at 1e-12 (or rounded in float32) it showed 27.63.
    head = make_head("classification", 2, "cross_entropy")
    loss = head.loss_from_logits(np.array([[-20.0]]), np.array([[1.0]]))
    assert loss == pytest.approx(20.0 + math.log1p(math.exp(-20.0)), rel=1e-12)


def test_a_confidently_wrong_softmax_output_costs_its_logit_gap():
    head = make_head("classification", 3, "cross_entropy")
    z = np.array([[60.0, 0.0, 0.0]])
    loss = head.loss_from_logits(z, np.array([[0.0, 1.0, 0.0]]))
    assert loss == pytest.approx(60.0 + math.log1p(2 * math.exp(-60.0)), rel=1e-12)


@pytest.mark.parametrize("name", sorted(HEADS))
def test_a_stack_gets_each_member_s_delta_with_its_own_scale(name):
    head, rng = make_head(*CLASSES[name]), np.random.default_rng(4)
    z = rng.uniform(-2, 2, (3, 5, head.outputs))           # 3 networks, 5 samples each
    t = np.stack([head.targets(labels_for(head, 5, rng)) for _ in range(3)])
    a = head.output_activation.fn(z)
    scales = np.array([0.03, 1.0, 0.5])
    stacked = head.delta(z, a, t, scales[:, None, None])
    for member, scale in enumerate(scales):
        np.testing.assert_allclose(stacked[member], head.delta(z[member], a[member], t[member],
                                                               scale), rtol=1e-15, atol=1e-17)
    np.testing.assert_allclose(head.losses_from_logits(z, t),
                               [head.loss_from_logits(one, targets) for one, targets in zip(z, t)],
                               rtol=1e-13)

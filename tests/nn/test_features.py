"""Input features: values on hand-picked points, the matrix, the registry."""
import math

import numpy as np
import pytest

from app.nn import features
from app.nn.features import FEATURES, feature_matrix

POINTS = np.array([[0.0, 0.0], [1.0, -2.0], [-3.5, 4.25]])
EXPECTED = {
    "x1": [0.0, 1.0, -3.5],
    "x2": [0.0, -2.0, 4.25],
    "x1_sq": [0.0, 1.0, 12.25],
    "x2_sq": [0.0, 4.0, 18.0625],
    "x1x2": [0.0, -2.0, -14.875],
    "sin_x1": [0.0, math.sin(1.0), math.sin(-3.5)],
    "sin_x2": [0.0, math.sin(-2.0), math.sin(4.25)],
}


def test_registry_order_and_labels_follow_tensorflow_playground():
    assert list(FEATURES) == ["x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1", "sin_x2"]
    assert [f.label for f in FEATURES.values()] == [
        "X₁", "X₂", "X₁²", "X₂²", "X₁X₂", "sin(X₁)", "sin(X₂)"]


def test_expected_values_cover_every_feature():
    assert set(EXPECTED) == set(FEATURES)


@pytest.mark.parametrize("name", list(FEATURES))
def test_feature_values_on_hand_points(name):
    values = FEATURES[name].fn(POINTS)
    assert values.shape == (3,)
    np.testing.assert_allclose(values, EXPECTED[name], rtol=1e-15, atol=0)


@pytest.mark.parametrize("name", list(FEATURES))
def test_every_feature_has_label_and_formula(name):
    assert FEATURES[name].label.strip() and FEATURES[name].formula.strip()


def test_feature_matrix_stacks_the_named_features_in_order():
    matrix = feature_matrix(POINTS, ["x2", "x1x2", "x1"])
    assert matrix.shape == (3, 3) and matrix.dtype == np.float64
    np.testing.assert_array_equal(matrix, np.column_stack(
        [EXPECTED["x2"], EXPECTED["x1x2"], EXPECTED["x1"]]))


def test_feature_matrix_of_x1_x2_is_the_points_themselves():
    np.testing.assert_array_equal(feature_matrix(POINTS, ["x1", "x2"]), POINTS)


def test_feature_matrix_leaves_points_untouched_and_takes_no_points():
    points = POINTS.copy()
    feature_matrix(points, list(FEATURES))[:] = 99.0
    np.testing.assert_array_equal(points, POINTS)
    assert feature_matrix(np.empty((0, 2)), ["x1", "sin_x2"]).shape == (0, 2)


def test_unknown_feature_raises_key_error_naming_valid_names():
    with pytest.raises(KeyError) as info:
        features.get("x3")
    assert "x3" in str(info.value) and "x1x2" in str(info.value)

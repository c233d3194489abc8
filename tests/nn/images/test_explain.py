"""Per-image explanations: every number shown recomputes from the others and from the network."""
import json
import math

import numpy as np
import pytest

from app.nn.images.explain import explain_image, explain_pixel, explain_pooled
from app.nn.images.run import ImageRun
from app.nn.images.run_config import ImageRunConfig

TWO_LAYERS = ImageRunConfig(dataset="shapes", num_points=60, num_classes=3, image_size=10,
                            conv_layers=[{"filters": 3, "kernel": 3}, {"filters": 2, "kernel": 5}],
                            hidden_layers=[4], activation="tanh")


@pytest.fixture(scope="module")
def run():
    run = ImageRun(TWO_LAYERS)
    run.train(2)
    return run


def test_image_explanation_is_strict_json_with_every_layer(run):
    image, label = run.data.x_test[0], int(run.data.y_test[0])
    explained = json.loads(json.dumps(explain_image(run, image, label), allow_nan=False))
    assert [np.shape(layer["z"]) for layer in explained["conv"]] == [(3, 10, 10), (2, 5, 5)]
    assert [np.shape(layer["pooled"]) for layer in explained["conv"]] == [(3, 5, 5), (2, 2, 2)]
    assert [len(layer["z"]) for layer in explained["dense"]] == [4, 3]
    outputs = explained["outputs"]
    assert sum(outputs) == pytest.approx(1.0, abs=1e-12)
    assert explained["dense"][-1]["a"] == outputs
    assert explained["predicted"] == int(np.argmax(outputs))
    assert explained["loss"] == pytest.approx(-math.log(outputs[label]), rel=1e-9)
    np.testing.assert_allclose(outputs, run.network.predict(image[None])[0], rtol=1e-12)


def test_image_explanation_without_a_label_has_no_loss(run):
    assert explain_image(run, run.data.x_test[1])["loss"] is None


@pytest.mark.parametrize("layer, map_index, y, x", [(0, 0, 0, 0), (0, 2, 4, 9), (1, 1, 2, 3),
                                                    (1, 0, 0, 4)])
def test_a_feature_map_pixel_recomputes_from_patch_kernel_and_bias(run, layer, map_index, y, x):
    image = run.data.x_test[2]
    pixel = explain_pixel(run, image, layer, map_index, y, x)
    patch, kernel = np.array(pixel["patch"]), np.array(pixel["kernel"])
    assert patch.shape == kernel.shape == ((1, 3, 3) if layer == 0 else (3, 5, 5))
    assert pixel["z"] == pytest.approx(float(np.sum(patch * kernel)) + pixel["bias"], rel=1e-12)
    assert pixel["a"] == pytest.approx(math.tanh(pixel["z"]), rel=1e-12)
    shown = explain_image(run, image)["conv"][layer]
    assert pixel["z"] == shown["z"][map_index][y][x] and pixel["a"] == shown["a"][map_index][y][x]


def test_a_border_pixel_patch_is_padded_with_zeros(run):
    image = np.ones((10, 10))
    pixel = explain_pixel(run, image, 0, 0, 0, 9)
    assert np.array(pixel["patch"])[0].tolist() == [[0, 0, 0], [1, 1, 0], [1, 1, 0]]


@pytest.mark.parametrize("layer, y, x", [(0, 0, 0), (0, 4, 2), (1, 1, 1)])
def test_a_pooled_pixel_names_the_input_that_won(run, layer, y, x):
    image = run.data.x_test[3]
    pooled = explain_pooled(run, image, layer, 1, y, x)
    window = np.array(pooled["window"])
    row, column = pooled["winner"]
    assert window.shape == (2, 2) and pooled["value"] == window.max() == window[row, column]
    shown = explain_image(run, image)["conv"][layer]
    assert shown["pooled"][1][y][x] == pooled["value"]
    assert shown["winners"][1][y][x] == 2 * row + column


@pytest.mark.parametrize("call, message", [
    (lambda run, image: explain_pixel(run, image, 2, 0, 0, 0), "layer: 2 is out of range 0 … 1"),
    (lambda run, image: explain_pixel(run, image, 0, 3, 0, 0), "map: 3 is out of range 0 … 2"),
    (lambda run, image: explain_pixel(run, image, 1, 0, 5, 0), "y: 5 is out of range 0 … 4"),
    (lambda run, image: explain_pooled(run, image, 1, 0, 0, 2), "x: 2 is out of range 0 … 1"),
    (lambda run, image: explain_image(run, image[0]), "image: expected a 2-D grid"),
])
def test_out_of_range_questions_name_the_field(run, call, message):
    with pytest.raises(ValueError, match=message):
        call(run, run.data.x_test[0])

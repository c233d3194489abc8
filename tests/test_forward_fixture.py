"""The browser's forward-pass fixture is current and covers every activation.

``tests/fixtures/forward_cases.json`` is what the JS forward pass is tested
against; rebuilding it from the engine must give the committed file exactly,
so an engine change cannot leave the browser checking stale numbers.
Regenerate with ``python -m tests.fixtures.make_forward_cases``.
"""
import json

import pytest

from app.nn.activations import ACTIVATIONS
from app.nn.features import FEATURES
from tests.fixtures import make_forward_cases

REGENERATE = "stale fixture: run `python -m tests.fixtures.make_forward_cases` and commit it"


@pytest.fixture(scope="module")
def committed_text():
    return make_forward_cases.PATH.read_text()


@pytest.fixture(scope="module")
def committed(committed_text):
    return json.loads(committed_text)


@pytest.fixture(scope="module")
def rebuilt():
    return make_forward_cases.build()


def test_rebuilt_fixture_equals_committed_data(committed, rebuilt):
    # A parsed comparison first: on failure pytest shows which entry differs.
    assert json.loads(json.dumps(rebuilt)) == committed, REGENERATE


def test_rebuilt_fixture_equals_committed_file_byte_for_byte(committed_text, rebuilt):
    assert json.dumps(rebuilt, indent=1) + "\n" == committed_text, REGENERATE


def test_fixture_covers_every_activation_function(committed):
    assert set(committed["activations"]) == set(ACTIVATIONS)


def test_fixture_has_a_network_for_every_activation(committed):
    assert {case["activation"] for case in committed["networks"]} == set(ACTIVATIONS)


def test_fixture_covers_every_feature(committed):
    values = committed["features"]["values"]
    assert set(values) == set(FEATURES)
    assert all(len(v) == len(committed["features"]["points"]) for v in values.values())


def test_fixture_has_a_network_for_every_output_kind(committed):
    assert {case["output_activation"] for case in committed["networks"]} == {
        "tanh", "sigmoid", "linear", "softmax"}


def test_fixture_networks_name_features_matching_their_input_size(committed):
    for case in committed["networks"]:
        assert set(case["features"]) <= set(FEATURES)
        assert len(case["features"]) == case["sizes"][0]
        assert all(len(point) == 2 for point in case["inputs"])  # raw points


def test_fixture_networks_list_one_output_per_layer(committed):
    for case in committed["networks"]:
        n_points = len(case["inputs"])
        assert [len(layer[0]) for layer in case["layer_outputs"]] == case["sizes"][1:]
        assert all(len(layer) == n_points for layer in case["layer_outputs"])

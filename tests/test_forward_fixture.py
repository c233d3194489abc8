"""The browser's forward-pass fixture is current and covers every activation.

``tests/fixtures/forward_cases.json`` is what the JS forward pass is tested
against; rebuilding it from the engine must give the committed numbers, so an
engine change cannot leave the browser checking stale numbers.
Regenerate with ``python -m tests.fixtures.make_forward_cases``.

Floats are compared within ``ULPS`` units in the last place, never byte for
byte: NumPy's ``exp`` (and tanh, softplus, softmax built on it) may round the
last bit differently on another CPU (AVX-512 paths do), while a real change
to an activation, a feature or the forward pass moves values by far more.
"""
import json
import math

import pytest

from app.nn.activations import ACTIVATIONS
from app.nn.features import FEATURES
from tests.fixtures import make_forward_cases

REGENERATE = "stale fixture: run `python -m tests.fixtures.make_forward_cases` and commit it"
ULPS = 64   # cross-CPU rounding differences seen: 1-2 ulp


def differences(rebuilt, committed, path="") -> list[str]:
    """Where ``rebuilt`` and ``committed`` differ: structure exactly, floats within ``ULPS``."""
    if isinstance(committed, dict):
        if not isinstance(rebuilt, dict) or rebuilt.keys() != committed.keys():
            return [f"{path}: keys differ"]
        return [d for key in committed for d in differences(rebuilt[key], committed[key],
                                                             f"{path}.{key}" if path else key)]
    if isinstance(committed, list):
        if not isinstance(rebuilt, list) or len(rebuilt) != len(committed):
            return [f"{path}: lengths differ"]
        return [d for i, (r, c) in enumerate(zip(rebuilt, committed))
                for d in differences(r, c, f"{path}[{i}]")]
    if isinstance(committed, float) and isinstance(rebuilt, (int, float)):
        tolerance = ULPS * math.ulp(max(abs(committed), abs(rebuilt)))
        return [] if abs(rebuilt - committed) <= tolerance else [
            f"{path}: {rebuilt!r} != {committed!r}"]
    return [] if rebuilt == committed else [f"{path}: {rebuilt!r} != {committed!r}"]


@pytest.fixture(scope="module")
def committed():
    return json.loads(make_forward_cases.PATH.read_text())


@pytest.fixture(scope="module")
def rebuilt():
    # Through JSON, as the file was written: tuples become lists, floats stay exact.
    return json.loads(json.dumps(make_forward_cases.build()))


def test_rebuilt_fixture_equals_committed_numbers_within_a_few_ulps(committed, rebuilt):
    found = differences(rebuilt, committed)
    assert not found, f"{REGENERATE}; {len(found)} differ, first: {found[:5]}"


def test_a_stale_fixture_fails_the_comparison(committed):
    stale = json.loads(json.dumps(committed))
    stale["activations"]["tanh"]["a"][2] *= 1 + 1e-9    # what an edited formula does
    assert differences(stale, committed) == ["activations.tanh.a[2]: "
                                             f"{stale['activations']['tanh']['a'][2]!r} != "
                                             f"{committed['activations']['tanh']['a'][2]!r}"]
    one_ulp = json.loads(json.dumps(committed))
    one_ulp["activations"]["tanh"]["a"][2] = math.nextafter(
        one_ulp["activations"]["tanh"]["a"][2], math.inf)  # another CPU's rounding
    assert differences(one_ulp, committed) == []


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

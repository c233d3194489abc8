"""The browser's image forward-pass fixture is current and covers every layer kind.

``tests/fixtures/image_cases.json`` is what static/js/images/ is tested
against (tests/js/images-forward.test.mjs); rebuilding it from the engine
must give the committed numbers, compared as the point-network fixture is
(floats within a few ulps, see ``test_forward_fixture``).
Regenerate with ``python -m tests.fixtures.make_image_cases``.
"""
import json

import pytest

from tests.fixtures import make_image_cases
from tests.test_forward_fixture import differences

REGENERATE = "stale fixture: run `python -m tests.fixtures.make_image_cases` and commit it"


@pytest.fixture(scope="module")
def committed():
    return json.loads(make_image_cases.PATH.read_text())


def test_rebuilt_image_fixture_equals_committed_numbers_within_a_few_ulps(committed):
    rebuilt = json.loads(json.dumps(make_image_cases.build()))
    found = differences(rebuilt, committed)
    assert not found, f"{REGENERATE}; {len(found)} differ, first: {found[:5]}"


def test_fixture_covers_pooled_unpooled_two_conv_and_dense_only_networks(committed):
    networks = [case["network"] for case in committed["networks"]]
    assert any(n["pool"] and len(n["conv_kernels"]) == 2 for n in networks)
    assert any(not n["pool"] and n["conv_kernels"] for n in networks)
    assert any(not n["conv_kernels"] for n in networks)
    kernel_sizes = {len(kernels[0][0]) for n in networks for kernels in n["conv_kernels"]}
    assert kernel_sizes == {3, 5}
    assert all(case["pixels"] for case in committed["networks"] if case["network"]["conv_kernels"])


def test_fixture_has_reductions_to_the_uci_scale(committed):
    sizes = [(case["size"], len(case["fine"])) for case in committed["reductions"]]
    assert (8, 32) in sizes
    assert max(max(row) for case in committed["reductions"] for row in case["grid"]) == 16

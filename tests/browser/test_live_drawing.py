"""Drawing at full speed: a coarse grid while training runs, the exact picture at rest."""
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import export_model, loaded
from tests.conftest import wait_for

pytestmark = pytest.mark.browser

SPIRAL_6X8 = "/?dataset=spiral&hidden_layers=8,8,8,8,8,8&speed=10000"


def frames_drawn(page) -> int:
    return int(page.locator("#heatmap").get_attribute("data-frames-drawn") or 0)


def test_training_draws_a_coarse_grid_and_a_pause_redraws_everything_exactly(open_page):
    page, record = open_page(path=SPIRAL_6X8)
    loaded(page)
    field = page.locator("#heatmap canvas.heatmap-field")
    expect(field).to_have_attribute("data-grid", "80")
    page.locator("#play").click()
    expect(field).to_have_attribute("data-grid", "32")
    before = frames_drawn(page)
    wait_for(lambda: frames_drawn(page) - before >= 5, timeout=10)  # frames keep reaching the screen

    page.locator("#play").click()  # pause
    expect(field).to_have_attribute("data-grid", "80")
    expect(page.locator("#network canvas.neuron").first).to_have_attribute("width", "80")
    model = export_model(page)
    weights = model["weights"]
    hits = page.locator("svg.link-targets path.link-hit")
    shown = hits.evaluate_all("(paths) => paths.map(p => [+p.dataset.layer, +p.dataset.from, +p.dataset.to, +p.dataset.weight])")
    assert len(shown) == sum(len(layer) * len(layer[0]) for layer in weights)
    for layer, source, target, value in shown:
        assert value == pytest.approx(weights[layer][source][target], abs=1e-4), \
            "at rest every link shows the final weight"
    assert record.errors == []

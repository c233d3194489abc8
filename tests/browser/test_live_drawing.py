"""Drawing at full speed: a coarse grid while training runs (smoothed on screen), the exact picture at rest."""
import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.helpers import export_model, loaded, poll
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


def test_the_decision_boundary_is_smooth_while_training_on_a_projector(open_page, artifacts):
    """What the screen shows, not the canvas: 32 grid cells stretched without smoothing show at
    most 32 field colours along a row of the plot (plus a few for the points over it)."""
    page, record = open_page(1920, 1080, "/?projector=1&dataset=circle&speed=10000")
    loaded(page)
    field = page.locator("#heatmap canvas.heatmap-field")
    page.locator("#play").click()
    expect(field).to_have_attribute("data-grid", "32")  # the coarse grid while training
    poll(lambda: frames_drawn(page), lambda n: n > 10, 10, page)
    shot = Image.open(io.BytesIO(page.locator("#heatmap").screenshot())).convert("RGB")
    assert shot.width >= 600, f"the plot is small at projector size: {shot.size}"
    colours = {shot.getpixel((x, shot.height // 2)) for x in range(shot.width)}
    assert len(colours) > 2 * 32, f"blocky boundary: {len(colours)} colours along a {shot.width} px row"
    shot.save(artifacts / "smooth-boundary.png")
    assert record.errors == []

"""Drawing at full speed: a coarse grid while training runs, the exact picture at rest."""
import pytest
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


# Along the plot's middle row: how many distinct colours, and the largest colour jump between
# neighbouring pixels (a stretched coarse grid shows few colours and sharp steps at cell edges).
ROW_STATS = """(canvas) => {
  const y = Math.floor(canvas.height / 2);
  const d = canvas.getContext('2d').getImageData(0, y, canvas.width, 1).data;
  const colours = new Set();
  let jump = 0;
  for (let i = 0; i < d.length; i += 4) {
    colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    if (i) jump = Math.max(jump, Math.abs(d[i] - d[i - 4]) + Math.abs(d[i + 1] - d[i - 3]) + Math.abs(d[i + 2] - d[i - 2]));
  }
  return {width: canvas.width, colours: colours.size, jump};
}"""


def test_the_decision_boundary_is_smooth_while_training_on_a_projector(open_page, artifacts):
    page, record = open_page(1920, 1080, "/?projector=1&dataset=circle&speed=10000")
    loaded(page)
    field = page.locator("#heatmap canvas.heatmap-field")
    page.locator("#play").click()
    expect(field).to_have_attribute("data-grid", "32")  # the coarse grid while training
    poll(lambda: frames_drawn(page), lambda n: n > 10, 10, page)
    stats = field.evaluate(ROW_STATS)
    # 32 cells stretched without smoothing show at most 32 colours along a row.
    assert stats["width"] >= 300 and stats["colours"] > 3 * 32, f"blocky boundary: {stats}"
    page.locator(".panel-output").screenshot(path=str(artifacts / "smooth-boundary.png"))
    assert record.errors == []

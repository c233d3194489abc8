"""Problem types in the browser: regression on "plane", three classes on "blobs"."""
import math
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import choose_dataset, expect_dataset, loaded, metric, poll, set_max_speed

pytestmark = pytest.mark.browser

# Classes' colours as the page defines them (static/js/classcolors.js, Okabe–Ito).
CLASS_COLORS = [(230, 159, 0), (0, 114, 178), (0, 158, 115), (204, 121, 167), (86, 180, 233)]
# The direction (255 − r, 255 − g, 255 − b) of a canvas's most tinted pixel: away from white.
STRONGEST_TINT = """(canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let best = [0, 0, 0], size = -1;
  for (let i = 0; i < data.length; i += 4) {
    const d = [255 - data[i], 255 - data[i + 1], 255 - data[i + 2]];
    const s = d[0] + d[1] + d[2];
    if (s > size) { size = s; best = d; }
  }
  return best;
}"""
FIELD_STATS = """(canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set();
  for (let i = 0; i < data.length; i += 4) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  return colours.size;
}"""


def test_regression_on_plane_reaches_r2_above_0_9(open_page, artifacts):
    page, record = open_page()
    loaded(page)
    page.get_by_label("Problem type", exact=True).select_option("regression")
    expect_dataset(page, "plane")
    visible = page.locator("#control-dataset .thumb:not([hidden]) input").evaluate_all("(rs) => rs.map(r => r.value)")
    assert set(visible) <= {"plane", "multi_gauss", "custom"} and {"plane", "multi_gauss"} <= set(visible)
    expect(page.locator("#control-loss option[value=cross_entropy]")).to_be_disabled()
    expect(page.locator("#metric-label")).to_have_text("R²")
    expect(page.locator("#epoch")).to_have_text("0")
    set_max_speed(page)
    page.get_by_role("button", name="Play", exact=True).click()
    poll(lambda: metric(page, "test"), lambda r2: r2 > 0.9, 30, page)
    page.get_by_role("button", name="Pause", exact=True).click()
    assert page.locator("#heatmap canvas.heatmap-field").evaluate(FIELD_STATS) > 20
    page.locator(".panel-output").screenshot(path=str(artifacts / "regression-output.png"))
    assert record.errors == []


def test_three_blobs_train_above_90_percent_test_accuracy(open_page, artifacts):
    page, record = open_page()
    loaded(page)
    expect(page.get_by_label("Number of classes", exact=True)).to_be_hidden()
    choose_dataset(page, "blobs")
    classes = page.get_by_label("Number of classes", exact=True)
    expect(classes).to_be_visible()
    expect(page.locator("#value-num_classes")).to_have_text("3")
    expect(page.locator("canvas.neuron-output")).to_have_count(3)
    expect(page.locator("#metric-label")).to_have_text("Accuracy")
    set_max_speed(page)
    page.get_by_role("button", name="Play", exact=True).click()
    poll(lambda: metric(page, "test"), lambda acc: not math.isnan(acc) and acc > 0.9, 30, page)
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_label("Show test data", exact=True).check()
    expect(page.locator("#output-legend")).to_contain_text("class 2")
    page.locator(".panel-output").screenshot(path=str(artifacts / "multiclass-output.png"))
    # Each output neuron: its class's probability in its class's colour, and its class's name.
    for k, rgb in enumerate(CLASS_COLORS[:3]):
        canvas = page.locator(f"canvas.neuron-output[data-neuron='{k}']")
        direction = canvas.evaluate(STRONGEST_TINT)
        wanted = [255 - c for c in rgb]
        cosine = sum(a * b for a, b in zip(direction, wanted)) / math.hypot(*direction) / math.hypot(*wanted)
        assert cosine > 0.98, f"output neuron {k} is tinted {direction}, not class {k}'s colour {rgb}"
        label = page.locator(f"#network .class-label[data-class='{k}']")
        expect(label).to_have_text(re.compile(rf"^\S class {k}$"))
        label_box, neuron_box = label.bounding_box(), canvas.bounding_box()
        assert label_box["x"] >= neuron_box["x"] + neuron_box["width"] and abs(
            (label_box["y"] + label_box["height"] / 2) - (neuron_box["y"] + neuron_box["height"] / 2)) < 4
    page.locator(".panel-network").screenshot(path=str(artifacts / "multiclass-network.png"))
    assert record.errors == []

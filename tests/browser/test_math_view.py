"""The math, live, in real Chromium: the neuron inspector's equation and the one-point backpropagation view.

The inspector's numbers are recomputed here from what the page displays; the
backpropagation view's gradients are compared with the engine's own training
kernel (``Network.gradients`` on a batch of that one point), computed in this
process from the exported model.
"""
import json
import math
import re

import numpy as np
import pytest
from playwright.sync_api import expect

from app.nn.features import feature_matrix
from app.nn.heads import make_head
from app.nn.network import Network, columns_with_ones
from tests.browser.helpers import epoch, export_model, loaded, open_math, poll, shown_number, step

pytestmark = pytest.mark.browser

NUMBER = re.compile(r"^-?\d")


def displayed(inspector, name):
    return json.loads(inspector.get_attribute(f"data-{name}"))


def check_equation(inspector):
    """z = Σ w·x + b and a = tanh(z) from the displayed numbers agree with the displayed z and a.

    Every displayed number has 4 significant digits, so a sum of products can
    lose digits by cancellation: the tolerance is relative to
    max(|z|, Σ|w·x|, |b|), at 3 significant digits.
    """
    weights, inputs = displayed(inspector, "weights"), displayed(inspector, "inputs")
    bias, z, a = displayed(inspector, "bias"), displayed(inspector, "z"), displayed(inspector, "a")
    assert len(weights) == len(inputs) > 0
    products = [w * x for w, x in zip(weights, inputs)]
    scale = max(abs(z), sum(abs(p) for p in products), abs(bias))
    assert abs(sum(products) + bias - z) <= 5e-3 * scale, (weights, inputs, bias, z)
    assert abs(math.tanh(z) - a) <= 5e-3 * max(abs(a), 1e-3), (z, a)
    return weights


def test_inspector_shows_a_neurons_equation_with_the_live_numbers(open_page, artifacts):
    page, record = open_page()
    loaded(page)
    step(page, 30)
    page.locator("canvas.neuron[data-layer='1'][data-neuron='2']").click()
    expect(page.get_by_role("tab", name="Neuron inspector")).to_have_attribute("aria-selected", "true")
    box = page.locator("#heatmap").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.35)
    inspector = page.locator("#inspector")
    expect(inspector).to_have_attribute("data-z", NUMBER)
    expect(inspector).to_have_attribute("data-layer", "1")
    expect(inspector).to_have_attribute("data-activation", "tanh")
    assert len(check_equation(inspector)) == 2  # the two features
    maths = inspector.locator("#inspector-math math")
    expect(maths.first).to_be_visible()
    text = " ".join(maths.all_text_contents())
    assert "tanh" in text and str(displayed(inspector, "a")).replace("-", "−") in text
    expect(page.locator("#lens")).to_have_attribute("data-marks", "6")  # 4 + 2 hidden neurons
    page.locator(".panel-math").screenshot(path=str(artifacts / "math-inspector.png"))

    # A second-layer neuron reads the first layer's activations, and follows training.
    page.locator("canvas.neuron[data-layer='2'][data-neuron='0']").click()
    expect(inspector).to_have_attribute("data-layer", "2")
    before = check_equation(inspector)
    assert len(before) == 4
    step(page, 1)
    poll(lambda: displayed(inspector, "weights"), lambda w: w != before, 5, page)
    check_equation(inspector)
    assert record.errors == []


def engine_gradients(model, index):
    """∂L/∂W of every layer for training point `index` alone, from the engine's training kernel."""
    settings = model["settings"]
    sizes = model["sizes"]
    head = make_head(settings["problem"], 2, settings["loss"])
    network = Network(sizes, settings["activation"], head.output_activation.name)
    for target, value in zip(network.weights + network.biases, model["weights"] + model["biases"]):
        target[...] = np.asarray(value)
    x1, x2, label = model["data"]["train"][index]
    inputs = feature_matrix(np.array([[x1, x2]]), settings["features"])
    targets = head.targets(np.array([label], dtype=float))
    network.gradients(columns_with_ones(inputs), np.ascontiguousarray(targets.T), head)
    return [block[:, :-1].T.copy() for block in network.grad_blocks]


def test_backprop_view_shows_the_engines_gradients_for_one_point(open_page, artifacts):
    page, record = open_page()
    loaded(page)
    step(page, 5)
    open_math(page)
    page.get_by_role("tab", name="Backpropagation").click()
    view = page.locator("#backprop")
    index = page.get_by_label("Training point", exact=True)
    index.fill("7")
    index.press("Tab")
    expect(view).to_have_attribute("data-index", "7")
    expect(view).to_have_attribute("data-kind", "forward")
    expect(view.locator("#bp-neurons tr")).to_have_count(1 + 4)

    shown = {}
    pane = page.locator("#pane-backprop")
    for step_number in range(1, 7):
        if step_number % 2:
            page.get_by_role("button", name="Next", exact=True).click()
        else:
            pane.focus()
            pane.press("ArrowRight")  # inside the pane → walks the steps, not training
        expect(page.locator("#bp-progress")).to_have_text(f"Step {step_number + 1} of 7")
        if view.get_attribute("data-kind") == "backward":
            layer = int(view.get_attribute("data-layer"))
            shown[layer] = json.loads(view.get_attribute("data-dl-dw"))
            labels = page.locator(f"svg.overlay text.grad-label[data-layer='{layer}']")
            expect(labels.first).to_be_visible()
            if layer == 1:
                page.screenshot(path=str(artifacts / "math-backprop.png"), full_page=True)
    assert epoch(page) == 5, "the arrow key inside the pane trained the network"
    assert sorted(shown) == [0, 1, 2]

    expected = engine_gradients(export_model(page), 7)
    for layer, rows in shown.items():
        assert len(rows) == expected[layer].size
        for i, j, value in rows:
            want = expected[layer][i][j]
            assert abs(value - want) <= 1e-6 * max(abs(want), 1e-9) + 1e-12, (layer, i, j, value, want)
    # The table shows the same numbers with 4 significant digits.
    first = view.locator("#bp-links tr").nth(1).locator("td.num")
    i, j, value = shown[0][0]
    assert "^" not in first.text_content()
    assert shown_number(first.text_content()) == pytest.approx(value, rel=1e-3)
    assert record.errors == []


# Every number written on the drawing, and every neuron, bias and feature, as boxes on the screen.
DRAWING_BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height, text: el.textContent }; };
  const texts = [...document.querySelectorAll('#network svg.overlay text:not([visibility=hidden])')].map(box);
  const items = [...document.querySelectorAll('#network canvas.neuron, #network .bias, #network .feature')].map(box);
  return { texts, items };
}"""


def overlapping(a, b) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


@pytest.mark.parametrize("size, query", [((1366, 768), "/?hidden_layers=4,2"), ((1280, 720), "/?projector=1"),
                                         ((1920, 1080), "/?hidden_layers=6,4,3")])
def test_backprop_numbers_on_the_drawing_cover_no_neuron_and_no_other_number(open_page, artifacts, size, query):
    page, record = open_page(*size, path=query)
    loaded(page)
    step(page, 1)
    open_math(page)
    page.get_by_role("tab", name="Backpropagation").click()
    progress = page.locator("#bp-progress")
    expect(progress).to_contain_text("Step 1 of")
    count = int(progress.text_content().split()[-1])
    written = 0
    for number in range(2, count + 1):
        page.get_by_role("button", name="Next", exact=True).click()
        expect(progress).to_have_text(f"Step {number} of {count}")
        expect(page.locator("svg.overlay text.neuron-badge, svg.overlay text.grad-label").first).to_be_attached()
        found = page.evaluate(DRAWING_BOXES)
        written += len(found["texts"])
        for k, text in enumerate(found["texts"]):
            assert "^" not in text["text"], text
            assert not [item for item in found["items"] if overlapping(text, item)], (number, text)
            assert not [other for other in found["texts"][k + 1:] if overlapping(text, other)], (number, text)
        if number == count - 1:
            page.screenshot(path=str(artifacts / f"backprop-{size[0]}x{size[1]}.png"))
    assert written > 0, "no number fitted on the drawing at all"
    assert record.errors == []

"""Editing the network in the browser: feature toggles, weights and biases, live versus restart changes."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import epoch, loaded, poll, step

pytestmark = pytest.mark.browser

RESTART_NOTICE = "Network changed: training restarted"


def test_feature_thumbnail_toggles_an_input_and_restarts(open_page, artifacts):
    page, record = open_page()
    loaded(page)
    step(page, 2)
    links = page.locator("svg.links path.link")
    expect(links).to_have_count(2 * 4 + 4 * 2 + 2)

    square = page.get_by_role("button", name="Feature X₁²", exact=True)
    expect(square).to_have_attribute("aria-pressed", "false")
    square.click()
    expect(square).to_have_attribute("aria-pressed", "true")
    expect(links).to_have_count(3 * 4 + 4 * 2 + 2)
    expect(page.locator("#epoch")).to_have_text("0")
    expect(page.locator("#notice-restart")).to_have_text(RESTART_NOTICE)
    expect(page).to_have_url(re.compile(r"features=x1,x2,x1_sq"))
    page.locator("#network").screenshot(path=str(artifacts / "feature-thumbnails.png"))

    # The last feature left cannot be switched off.
    page.get_by_role("button", name="Feature X₁", exact=True).click()
    expect(links).to_have_count(2 * 4 + 4 * 2 + 2)
    page.get_by_role("button", name="Feature X₂", exact=True).click()
    expect(links).to_have_count(1 * 4 + 4 * 2 + 2)
    page.get_by_role("button", name="Feature X₁²", exact=True).click()
    expect(links).to_have_count(1 * 4 + 4 * 2 + 2)
    expect(square).to_have_attribute("aria-pressed", "true")
    assert record.errors == []


def test_a_link_opens_an_editor_that_sets_its_weight(open_page, artifacts):
    page, record = open_page()
    loaded(page)
    step(page, 3)
    link = page.get_by_role("button", name="Weight from input X₁ to neuron 1 of layer 1", exact=True)
    link.focus()
    link.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    value = dialog.get_by_label("Value", exact=True)
    expect(value).to_have_value(re.compile(r"^-?\d"))
    page.screenshot(path=str(artifacts / "link-editor.png"))

    value.fill("1e9")
    dialog.get_by_role("button", name="Set", exact=True).click()
    expect(dialog.locator("#param-error")).to_be_visible()  # the server refuses and says why
    value.fill("1.25")
    dialog.get_by_role("button", name="Set", exact=True).click()
    expect(dialog).to_be_hidden()
    expect(link).to_have_attribute("data-weight", "1.25")
    expect(page.locator("#epoch")).to_have_text("3")

    page.get_by_role("button", name="Bias of output neuron 1", exact=True).click()
    expect(dialog).to_be_visible()
    dialog.get_by_label("Value", exact=True).fill("-0.5")
    dialog.get_by_role("button", name="Set", exact=True).click()
    expect(dialog).to_be_hidden()
    assert epoch(page) == 3
    assert record.errors == []


def test_live_settings_keep_the_curve_and_architecture_restarts(open_page):
    page, record = open_page()
    loaded(page)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#epoch")).not_to_have_text("0")

    rate = page.get_by_label("Learning rate", exact=True)
    rate.focus()
    rate.press("ArrowRight")
    page.get_by_label("Activation", exact=True).select_option("elu")
    page.get_by_label("Optimizer", exact=True).select_option("adam")
    page.get_by_label("Regularization", exact=True).select_option("l2")
    page.get_by_label("Regularization rate", exact=True).select_option("0.001")
    at_change = epoch(page)
    readings = poll(lambda: epoch(page), lambda e: e > at_change + 100, 15, page)
    assert all(b >= a for a, b in zip(readings, readings[1:])), f"epoch went back: {readings}"
    expect(page.locator("#notice-restart")).to_be_hidden()
    expect(page).to_have_url(re.compile(r"activation=elu.*optimizer=adam"))

    page.get_by_role("button", name="Pause", exact=True).click()
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    page.get_by_role("button", name="Add neuron to layer 1", exact=True).click()
    expect(page.locator("#epoch")).to_have_text("0")
    expect(page.locator("#notice-restart")).to_have_text(RESTART_NOTICE)
    expect(page.locator("svg.links path.link")).to_have_count(2 * 5 + 5 * 2 + 2)
    assert record.errors == []


def test_hovering_a_link_shows_its_weight_without_a_dialog(open_page):
    page, record = open_page()
    loaded(page)
    step(page, 2)
    link = page.locator("#network [data-key='w:1:0:1']")
    # A point on the curve (its box centre is often off the stroke; the middle is where links cross).
    x, y = link.evaluate("""(path) => { const p = path.getPointAtLength(path.getTotalLength() * 0.25);
      const r = path.ownerSVGElement.getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""")
    page.mouse.move(x, y)
    tip = page.locator("#weight-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Weight from neuron 1 of layer 1 to neuron 2 of layer 2")
    shown = float(tip.locator(".weight-tip-value").text_content().replace("−", "-"))
    assert abs(shown - float(link.get_attribute("data-weight"))) <= 5e-4
    expect(page.get_by_role("dialog")).to_be_hidden()
    page.mouse.move(2, 2)
    expect(tip).to_be_hidden()
    assert record.errors == []


def test_a_tap_shows_the_weight_and_a_second_tap_edits_it(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        loaded(page)
        link = page.locator("#network [data-key='w:0:1:2']")
        link.scroll_into_view_if_needed()
        link.tap()
        expect(page.locator("#weight-tip")).to_contain_text("Weight from input X₂ to neuron 3 of layer 1")
        expect(page.get_by_role("dialog")).to_be_hidden()
        link.tap()
        expect(page.get_by_role("dialog")).to_be_visible()
    finally:
        context.close()


BIAS_LOOK = """(el) => { const fill = el.querySelector('.bias-fill'); const s = getComputedStyle(fill);
  return {colour: s.backgroundColor, scale: new DOMMatrix(s.transform).a, border: getComputedStyle(el).borderTopStyle}; }"""


def test_a_bias_shows_its_sign_and_size_at_a_glance(open_page, artifacts):
    page, record = open_page()
    loaded(page)
    start = page.locator("#network [data-key='b:1:0']")  # every bias starts at 0.1
    expect(start).to_have_attribute("data-value", "0.1")
    assert start.evaluate(BIAS_LOOK)["scale"] ** 2 >= 0.2, "a starting bias looks like an empty checkbox"
    dialog = page.get_by_role("dialog")
    looks = {}
    for value in ("1.8", "0.05", "-1.8"):
        page.get_by_role("button", name="Bias of output neuron 1", exact=True).click()
        dialog.get_by_label("Value", exact=True).fill(value)
        dialog.get_by_role("button", name="Set", exact=True).click()
        expect(dialog).to_be_hidden()
        bias = page.locator("#network [data-key='b:3:0']")
        expect(bias).to_have_attribute("data-value", value)
        looks[value] = bias.evaluate(BIAS_LOOK)
    big, small, negative = looks["1.8"], looks["0.05"], looks["-1.8"]
    assert big["colour"] not in ("rgb(255, 255, 255)", small["colour"]), looks
    assert big["scale"] > 2 * small["scale"], f"size does not follow |b|: {looks}"
    assert negative["colour"] != big["colour"] and negative["border"] == "dashed" and big["border"] == "solid", looks
    page.locator(".panel-network").screenshot(path=str(artifacts / "biases.png"))
    assert record.errors == []


def test_on_a_phone_a_tapped_neuron_shows_where_the_person_looks(open_phone, artifacts):
    page, record = open_phone()
    loaded(page)
    neuron = page.locator("canvas.neuron[data-layer='1'][data-neuron='1']")
    neuron.scroll_into_view_if_needed()
    expect(page.locator("#heatmap")).not_to_be_in_viewport()  # the plot is a screen above
    assert page.evaluate("""() => { const r = (el) => el.getBoundingClientRect();
      const over = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const neurons = [...document.querySelectorAll('#network canvas.neuron')].map(r);
      return [...document.querySelectorAll('#network .layer-title')].every((t) => neurons.every((n) => !over(r(t), n))); }"""), \
        "a layer's title (its neuron count) sits on its first neuron"
    neuron.tap()
    peek = page.locator("#neuron-peek")
    expect(peek).to_be_visible()
    expect(peek).to_be_in_viewport(ratio=1)
    expect(page.locator("#peek-caption")).to_have_text("Neuron 2 of layer 1 over the plane. Tap it again to close.")
    expect(page.locator("#heatmap-caption")).to_contain_text("Tap it again")  # pinned, not "Move away"
    assert page.locator("#peek-plot canvas.heatmap-field").evaluate("(c) => c.width") > 1
    page.screenshot(path=str(artifacts / "phone-neuron-tap.png"))
    neuron.tap()
    expect(peek).to_be_hidden()
    expect(page.locator("#heatmap-caption")).to_contain_text("Network output")
    neuron.tap()
    expect(peek).to_be_visible()
    page.get_by_role("button", name="Close the neuron's picture").tap()
    expect(peek).to_be_hidden()
    assert record.errors == []


def test_on_a_wide_screen_the_output_plot_shows_the_neuron_and_no_sheet_opens(open_page):
    page, record = open_page()
    loaded(page)
    page.locator("canvas.neuron[data-layer='1'][data-neuron='0']").hover()
    expect(page.locator("#heatmap-caption")).to_contain_text("Showing neuron 1 of layer 1")
    expect(page.locator("#neuron-peek")).to_be_hidden()
    assert record.errors == []

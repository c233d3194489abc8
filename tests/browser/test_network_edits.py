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

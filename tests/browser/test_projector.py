"""Projector mode: axe finds nothing, no text under 24 px, the palette switch, screenshots."""
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import loaded

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

SMALLEST_TEXT = """() => {
  let smallest = {size: Infinity, text: ''};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('svg, script, style, template')) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || el.closest('.visually-hidden')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest.size) smallest = {size, text: node.textContent.trim().slice(0, 40), tag: el.tagName, cls: el.className};
  }
  return smallest;
}"""


def run_axe(page) -> list:
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci`")
    # Evaluated over the DevTools protocol: a <script> tag would (rightly) be refused
    # by the page's Content-Security-Policy.
    page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate("async () => JSON.stringify((await axe.run(document)).violations)")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in json.loads(result)]


def test_projector_mode_has_no_accessibility_violations(open_page, artifacts):
    page, record = open_page(1600, 900, "/?projector=1")
    loaded(page)
    expect(page.locator("body")).to_have_class("projector")
    page.get_by_role("button", name="Tools").click()  # on a projector the tools fold behind it
    expect(page.get_by_role("button", name="Projector mode")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Escape")
    page.screenshot(path=str(artifacts / "projector.png"))
    assert run_axe(page) == []
    assert record.errors == []


def test_no_visible_text_under_24px_in_projector_mode(open_page):
    page, _ = open_page(1600, 900, "/?projector=1")
    loaded(page)
    smallest = page.evaluate(SMALLEST_TEXT)
    assert smallest["size"] >= 24, smallest


def test_projector_toggle_keeps_the_flag_in_the_address_and_hides_advanced_controls(open_page):
    page, _ = open_page()
    loaded(page)
    expect(page.get_by_label("Batch size", exact=True)).to_be_visible()
    page.get_by_role("button", name="Projector mode").click()
    expect(page.locator("body")).to_have_class("projector")
    expect(page.get_by_label("Batch size", exact=True)).to_be_hidden()
    assert "projector=1" in page.url
    page.reload()
    loaded(page)
    expect(page.locator("body")).to_have_class("projector")
    page.get_by_role("button", name="Tools").click()  # on a projector the tools fold behind it
    page.get_by_role("button", name="Projector mode").click()
    assert "projector" not in page.url


def test_colour_blind_safe_palette_recolours_weights(open_page):
    page, _ = open_page()
    loaded(page)
    page.get_by_role("button", name="Colour-blind-safe colours").click()
    assert "palette=cvd" in page.url
    swatch = page.locator(".swatch-positive")
    expect(swatch).to_have_css("border-top-color", "rgb(20, 40, 120)")
    assert page.locator(".swatch-negative").evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"

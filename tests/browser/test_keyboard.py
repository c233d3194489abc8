"""Keyboard use: shortcuts and reaching every control with Tab."""
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import epoch, loaded

pytestmark = pytest.mark.browser


def test_space_plays_and_pauses_arrow_steps_r_resets(open_page):
    page, record = open_page()
    loaded(page)
    page.locator("body").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#epoch")).to_have_text("1")
    page.keyboard.press(" ")
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_visible()
    expect(page.locator("#epoch")).not_to_have_text("1")
    page.keyboard.press(" ")
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    page.keyboard.press("r")
    expect(page.locator("#epoch")).to_have_text("0")
    assert record.errors == []


def test_keys_typed_into_a_control_are_not_shortcuts(open_page):
    page, _ = open_page()
    loaded(page)
    box = page.get_by_label("Stop after (epochs, 0 = never)", exact=True)
    box.fill("")
    box.press("ArrowRight")
    box.press("r")
    assert epoch(page) == 0


def test_tab_reaches_the_controls_with_a_visible_focus_ring(open_page):
    page, _ = open_page()
    loaded(page)
    seen = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {id: el.id || el.getAttribute('aria-label') || el.tagName,
                  ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
                        || el.classList.contains('link-hit')};
        }""")
        seen.add(info["id"])
        if info["id"] not in ("BODY",) and not info["id"].startswith("upload") and not info["id"].startswith("import"):
            assert info["ring"], f"no focus ring on {info['id']}"
    for wanted in ("play", "step", "reset", "control-dataset", "control-learning_rate", "Feature X₁²"):
        assert wanted in seen, f"Tab never reached {wanted}"

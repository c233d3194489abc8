"""Keyboard use: shortcuts, Tab to every control (the network once), arrows inside the network."""
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


FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const stroke = style.stroke !== 'none' && !/rgba\\(0, 0, 0, 0\\)|transparent/.test(style.stroke) && parseFloat(style.strokeWidth) >= 4;
  return {id: el.id || el.getAttribute('aria-label') || el.tagName, key: el.dataset?.key ?? null,
          ring: ring || (el.classList.contains('link-hit') && stroke), stroke: style.stroke, width: style.strokeWidth};
}"""


def tab_cycle(page, limit=120):
    """Press Tab until the focus comes back round; return what each press focused."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        if seen and info["id"] == seen[0]["id"]:
            break
        seen.append(info)
    return seen


def test_tab_reaches_the_controls_with_a_visible_focus_ring_and_the_network_once(open_page):
    page, _ = open_page()
    loaded(page)
    stops = tab_cycle(page)
    ids = [s["id"] for s in stops]
    for wanted in ("play", "step", "reset", "control-learning_rate", "projector-toggle"):
        assert wanted in ids, f"Tab never reached {wanted}: {ids}"
    in_network = [s for s in stops if s["key"]]
    assert len(in_network) == 1, f"the network drawing should be one Tab stop: {in_network}"
    assert any(s["id"] == "INPUT" or s["id"].startswith("control-") for s in stops)
    for s in stops:
        if s["id"] not in ("BODY",) and not s["id"].startswith(("upload", "import")):
            assert s["ring"], f"no focus ring on {s['id']}"


def test_arrows_move_along_neurons_biases_and_links_with_a_ring_and_the_weight_shows(open_page):
    page, _ = open_page()
    loaded(page)
    page.locator("#network [data-key='f:0']").focus()
    page.keyboard.press("ArrowRight")  # X₁ → its first link
    info = page.evaluate(FOCUSED)
    assert info["key"] == "w:0:0:0" and info["ring"], info
    tip = page.locator("#weight-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Weight from input X₁ to neuron 1 of layer 1")
    weight = float(page.locator("#network [data-key='w:0:0:0']").get_attribute("data-weight"))
    shown = float(tip.locator(".weight-tip-value").text_content().replace("−", "-"))
    assert abs(shown - weight) <= 5e-4 * max(1.0, abs(weight)), (shown, weight)  # 4 significant digits
    page.keyboard.press("ArrowDown")
    assert page.evaluate(FOCUSED)["key"] == "w:0:0:1"
    page.keyboard.press("ArrowRight")  # the link's target neuron
    info = page.evaluate(FOCUSED)
    assert info["key"] == "n:1:1" and info["ring"], info
    page.keyboard.press("ArrowLeft")  # its bias
    info = page.evaluate(FOCUSED)
    assert info["key"] == "b:1:1" and info["ring"], info
    expect(tip).to_contain_text("Bias of neuron 2 of layer 1")
    assert epoch(page) == 0, "the arrows trained the network"
    page.keyboard.press("Enter")  # Enter edits the bias, as a click would
    expect(page.get_by_role("dialog")).to_be_visible()


def test_space_after_clicking_projector_mode_plays_instead_of_pressing_it_again(open_page):
    page, record = open_page()
    loaded(page)
    page.get_by_role("button", name="Projector mode").click()
    expect(page.locator("body")).to_have_class("projector")
    page.keyboard.press(" ")
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_visible()
    expect(page.locator("body")).to_have_class("projector")
    page.keyboard.press(" ")
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    expect(page.locator("body")).to_have_class("projector")
    assert record.errors == []

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
    expect(page.locator("#heatmap-caption")).to_have_text("Network output: blue +1, orange −1")
    page.get_by_role("button", name="Colour-blind-safe colours").click()
    assert "palette=cvd" in page.url
    # The words follow the colours: the caption and the classes a drawn point can take.
    expect(page.locator("#heatmap-caption")).to_have_text("Network output: dark blue +1, yellow −1")
    expect(page.locator("#draw-class option")).to_have_text(["Class +1 (dark blue)", "Class −1 (yellow)"])
    swatch = page.locator(".swatch-positive")
    expect(swatch).to_have_css("border-top-color", "rgb(20, 40, 120)")
    assert page.locator(".swatch-negative").evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"


def assert_no_text_under_24px(page, where):
    smallest = page.evaluate(SMALLEST_TEXT)
    assert smallest["size"] >= 24, f"{where}: {smallest}"


@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
def test_projector_text_is_24px_everywhere_including_the_charts_and_every_formula_card(open_page, artifacts, width, height):
    page, record = open_page(width, height, "/?projector=1")
    loaded(page)
    assert_no_text_under_24px(page, "settings")
    chart = page.locator("#loss-chart")
    expect(chart).to_have_attribute("data-axis-font", "24")  # the font uPlot draws its axes in
    page.get_by_role("button", name="The math", exact=True).click()
    cards = page.locator("#formulas figure.formula")
    expect(cards).to_have_count(6)
    expect(cards.locator(".math math")).to_have_count(6)
    for k in range(6):
        card = cards.nth(k)
        expect(card).to_be_visible()
        expect(card.locator("figcaption")).to_be_visible()
        fit = card.evaluate("""(fig) => { const m = fig.querySelector('.math'); const math = m.querySelector('math');
          const a = math.getBoundingClientRect(), f = fig.getBoundingClientRect();
          return {scroll: m.scrollWidth, client: m.clientWidth, inside: a.left >= f.left - 1 && a.right <= f.right + 1}; }""")
        assert fit["scroll"] <= fit["client"] + 1 and fit["inside"], f"formula card {k} is clipped: {fit}"
    assert_no_text_under_24px(page, "the math")
    page.screenshot(path=str(artifacts / f"projector-math-{width}x{height}.png"))
    page.get_by_role("tab", name="Neuron inspector").click()
    page.locator("canvas.neuron[data-layer='1'][data-neuron='0']").click()
    expect(page.locator("#lens")).to_have_attribute("data-font", "24")
    assert record.errors == []


def test_show_qr_fills_the_screen_with_the_code_and_the_qr(open_page, artifacts):
    page, record = open_page(1280, 720, "/?projector=1")
    loaded(page)
    page.get_by_role("button", name="Tools").click()
    page.get_by_role("button", name="Share with class").click()
    expect(page.locator("body")).to_have_attribute("data-role", "teacher")
    code = page.locator("#room-code").text_content()
    page.get_by_role("button", name="Show QR").first.click()
    dialog = page.get_by_role("dialog", name="Join the class")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#qr-code")).to_have_text(code)
    expect(dialog.locator("#qr-url")).to_have_text(page.evaluate("location.host") + "/join/" + code.replace(" ", ""))
    box = dialog.bounding_box()
    assert box["width"] >= 1280 - 1 and box["height"] >= 720 - 1, f"the QR view does not fill the screen: {box}"
    qr = dialog.locator("#qr-image")
    expect(qr).to_have_js_property("complete", True)
    size = qr.evaluate("(img) => [img.naturalWidth, img.getBoundingClientRect().width, img.getBoundingClientRect().height]")
    assert size[0] > 0 and min(size[1], size[2]) >= 400, f"the QR code is not large: {size}"
    page.screenshot(path=str(artifacts / "projector-show-qr.png"))
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert record.errors == []


VIEWS = {
    "normal": (1366, 768, "/", None),
    "projector": (1280, 720, "/?projector=1", None),
    "lesson": (1366, 768, "/?lesson=first-lecture", "lesson"),
    "room": (1366, 768, "/", "room"),
    "phone": (390, 844, "/", None),
}


@pytest.mark.parametrize("view", list(VIEWS))
def test_no_accessibility_violations_in_any_view(open_page, view):
    width, height, path, extra = VIEWS[view]
    page, record = open_page(width, height, path)
    expect(page.locator("html")).to_have_attribute("data-address-applied", "true", timeout=10_000)
    if extra == "lesson":
        expect(page.locator("#lesson")).to_have_attribute("data-applied", "1", timeout=10_000)
    else:
        loaded(page)
    if extra == "room":
        page.get_by_role("button", name="Share with class").click()
        expect(page.locator("body")).to_have_attribute("data-role", "teacher")
        page.get_by_role("button", name="Ask", exact=True).click()
        expect(page.get_by_role("button", name="Ask again")).to_be_visible()
    assert run_axe(page) == [], view
    assert record.errors == []


def test_no_accessibility_violations_for_a_student_in_a_class(open_page):
    from tests.browser.classroom_helpers import open_student, share
    teacher, _ = open_page()
    loaded(teacher)
    code = share(teacher)
    student, record = open_student(open_page, code, "Ana")
    teacher.get_by_role("button", name="Ask", exact=True).click()
    expect(student.locator("#question-text")).to_be_visible()
    assert run_axe(student) == []
    assert record.errors == []

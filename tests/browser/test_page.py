"""The playground page in real Chromium against the real server.

Acceptance checks: training runs and is drawn, live changes keep it going,
everything comes from the app's own origin, text is projector-sized, and the
page works on a phone. Pages are synchronised with expect() polling or with
readings polled against a deadline, never with fixed sleeps.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import epoch, loaded, poll

pytestmark = pytest.mark.browser

EPOCH_ABOVE_100 = re.compile(r"^(10[1-9]|1[1-9]\d|[2-9]\d\d|\d{4,})$")

# (pixel count, distinct colours, bluish count, orangish count) of a canvas.
CANVAS_STATS = """(canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set();
  let blue = 0, orange = 0, training = 0, painted = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
    if (a === 0) continue;
    painted++;
    if (colours.size < 5000) colours.add((r << 16) | (g << 8) | b);
    if (b > r + 40) blue++;
    if (r > b + 40) orange++;
    if (Math.abs(r - 11) < 30 && Math.abs(g - 61) < 30 && Math.abs(b - 98) < 30) training++;
  }
  return {painted, distinct: colours.size, blue, orange, training};
}"""

LINK_STYLES = "(paths) => paths.map(p => [p.getAttribute('stroke'), p.getAttribute('stroke-width'), p.getAttribute('stroke-dasharray')].join(' '))"

SMALL_TEXT = """() => {
  const small = [];
  for (const el of document.querySelectorAll('body *')) {
    const text = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent.trim()).join('');
    if (!text) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    const size = parseFloat(style.fontSize);
    if (size < 14) small.push(`${el.tagName.toLowerCase()} "${text.slice(0, 30)}" ${size}px`);
  }
  return small;
}"""


def test_play_trains_and_draws_everything(open_page, artifacts):
    page, record = open_page()
    first_loss = loaded(page)
    links_before = page.locator("svg.links path.link").evaluate_all(LINK_STYLES)

    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_visible()
    expect(page.locator("#epoch")).to_have_text(EPOCH_ABOVE_100, timeout=10_000)
    poll(lambda: float(page.locator("#loss-train").text_content()),
         lambda loss: loss < first_loss / 2, 5, page)

    chart = page.locator("#loss-chart canvas").first.evaluate(CANVAS_STATS)
    assert chart["training"] > 50, f"no training-loss curve on the chart: {chart}"
    field = page.locator("#heatmap canvas.heatmap-field").evaluate(CANVAS_STATS)
    assert field["distinct"] > 20 and field["blue"] > 100 and field["orange"] > 100, field
    points = page.locator("#heatmap canvas.heatmap-points").evaluate(CANVAS_STATS)
    assert points["painted"] > 500, f"data points not drawn: {points}"
    thumbnails = page.locator("canvas.neuron, button.feature.is-on canvas")
    expect(thumbnails).to_have_count(2 + 4 + 2 + 1)
    for stats in thumbnails.evaluate_all(f"(canvases) => canvases.map({CANVAS_STATS})"):
        assert stats["painted"] > 0 and stats["distinct"] > 3, f"blank neuron thumbnail: {stats}"
    links_after = page.locator("svg.links path.link").evaluate_all(LINK_STYLES)
    assert len(links_after) == 2 * 4 + 4 * 2 + 2 * 1
    assert links_after != links_before, "link colours and widths did not follow the weights"
    assert any("none" not in style for style in links_after), "no negative (dashed) link"
    page.screenshot(path=str(artifacts / "trained-1366x768.png"))
    assert record.errors == []


def test_live_changes_keep_training_without_restarting(open_page):
    page, record = open_page()
    loaded(page)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#epoch")).not_to_have_text("0")

    rate = page.get_by_label("Learning rate", exact=True)
    expect(page.locator("#value-learning_rate")).to_have_text("0.03")
    rate.focus()
    rate.press("ArrowRight")
    expect(page.locator("#value-learning_rate")).to_have_text("0.05")
    page.get_by_label("Activation", exact=True).select_option("sigmoid")
    readings_at_change = epoch(page)

    readings = poll(lambda: epoch(page), lambda e: e > readings_at_change + 100, 15, page)
    assert all(b >= a for a, b in zip(readings, readings[1:])), f"epoch went back: {readings}"
    assert 0 not in readings, f"training restarted: {readings}"
    expect(page.locator("#value-learning_rate")).to_have_text("0.05")
    expect(rate).to_have_attribute("aria-valuetext", "0.05")
    expect(page.get_by_label("Activation", exact=True)).to_have_value("sigmoid")
    expect(page.locator("#error-learning_rate")).to_be_hidden()
    expect(page.locator("#error-activation")).to_be_hidden()
    expect(page.locator("#notice-restart")).to_be_hidden()
    assert record.errors == []


def test_every_request_stays_on_the_apps_origin(open_page, base_url):
    page, record = open_page()
    loaded(page)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#epoch")).to_have_text(EPOCH_ABOVE_100, timeout=10_000)
    page.get_by_role("button", name="Pause", exact=True).click()
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    assert record.requests, "no requests recorded"
    foreign = [url for url in record.requests if not url.startswith(base_url + "/")]
    assert foreign == [], f"requests outside {base_url}: {foreign}"
    assert record.errors == [], f"console errors: {record.errors}"


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_no_visible_text_is_smaller_than_14px(open_page, width, height):
    page, _ = open_page(width, height)
    loaded(page)
    page.get_by_label("Show test data", exact=True).check()
    assert page.evaluate(SMALL_TEXT) == []


def test_phone_layout_stacks_and_fits(open_page, artifacts):
    page, record = open_page(390, 844)
    loaded(page)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#epoch")).to_have_text(EPOCH_ABOVE_100, timeout=10_000)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, "page scrolls sideways"
    boxes = [page.locator(selector).bounding_box()
             for selector in (".panel-output", ".panel-network", ".dock")]
    assert all(abs(box["x"] - boxes[0]["x"]) < 1 for box in boxes), "columns did not stack"
    page.screenshot(path=str(artifacts / "phone-390x844.png"), full_page=True)
    assert record.errors == []


def test_data_sets_are_picked_from_thumbnails_of_their_points(open_page, artifacts):
    page, record = open_page()
    loaded(page)
    thumbs = page.locator("#control-dataset .thumb:not([hidden]) canvas")
    expect(thumbs.first).to_have_attribute("data-points", "90")
    points = thumbs.evaluate_all("(cs) => cs.map((c) => +c.dataset.points)")
    assert len(points) >= 6 and sum(p > 0 for p in points) >= 6, points
    page.get_by_role("radio", name="Spiral", exact=True).check()
    expect(page).to_have_url(re.compile(r"dataset=spiral"))
    expect(page.locator("#epoch")).to_have_text("0")
    page.locator("#control-dataset").screenshot(path=str(artifacts / "dataset-thumbnails.png"))
    assert record.errors == []


@pytest.mark.parametrize("query, field", [("features=x1,banana", "features[1]"), ("features=", "features"),
                                          ("noise=abc&features=x9", "noise")])
def test_a_bad_address_value_is_said_next_to_its_control_and_stays(open_page, query, field):
    page, record = open_page(path=f"/?{query}")
    loaded(page)
    if query.startswith("features"):
        error = page.locator("#error-features")  # beside the network, whose inputs the features are
        expect(error).to_be_visible()
        expect(error).to_contain_text(f"From the address: {field}")
        assert page.locator(".panel-network").evaluate("(p, e) => p.contains(e)", error.element_handle())
        expect(page.locator("#network button.feature.is-on")).to_have_count(2)  # X₁ and X₂ kept
        page.get_by_role("button", name="Feature X₁²", exact=True).click()
        expect(error).to_be_hidden()  # choosing features clears it, as a control's own change does
    else:
        expect(page.locator("#error-noise")).to_contain_text("noise in the address is not an integer")
        expect(page.locator("#error-features")).to_contain_text("From the address: features[0]")
    assert record.errors == []


NOTICE_PLACES = """() => {
  const box = (el) => el.getBoundingClientRect();
  const shown = [...document.querySelectorAll('.notice')].filter((n) => !n.hidden && n.offsetParent !== null);
  const panels = [...document.querySelectorAll('.panel-network, .panel-output, .panel-loss')].filter((p) => !p.hidden).map((p) => [p.className, box(p)]);
  const over = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return { shown: shown.map((n) => n.id), covers: shown.flatMap((n) => panels.filter(([, b]) => over(box(n), b)).map(([c]) => c)) };
}"""


@pytest.mark.parametrize("width, height, query", [(1366, 768, ""), (1280, 720, "projector=1&"), (1920, 1080, "projector=1&"),
                                                  (1280, 720, ""), (390, 844, "phone&")])
def test_one_notice_at_a_time_and_never_over_the_network_the_plot_or_the_curve(open_page, artifacts, width, height, query):
    page, record = open_page(width, height, f"/?{query}num_points=1000")
    loaded(page)
    stage = page.locator(".stage").bounding_box()
    page.locator("#control-dataset input[value=xor]").check()
    expect(page.locator("#notice-restart")).to_be_visible()
    if width > 760:  # a phone's page scrolls: there a notice takes a row under the readouts
        assert page.locator(".stage").bounding_box() == stage, "the notice moved the stage"
        assert page.evaluate("""() => [...document.querySelector('.topbar').children].every((el) =>
          el.getBoundingClientRect().bottom <= document.querySelector('.topbar').getBoundingClientRect().bottom + 0.5)""")
    assert page.evaluate(NOTICE_PLACES) == {"shown": ["notice-restart"], "covers": []}
    if query:  # a projector hides the drawing tools; a phone is only checked for the place
        page.screenshot(path=str(artifacts / f"notice-{width}x{height}-{query.split('=')[0].rstrip('&')}.png"))
        return
    page.get_by_label("Draw points", exact=True).check()  # 1000 points already: the server refuses one more
    heatmap = page.locator("#heatmap")
    heatmap.click(position={"x": 20, "y": 20})
    expect(page.locator("#notice-error")).to_contain_text("at most 1000 points")
    places = page.evaluate(NOTICE_PLACES)
    assert places == {"shown": ["notice-error"], "covers": []}, places  # the newer one alone
    page.screenshot(path=str(artifacts / f"notice-{width}x{height}.png"))
    assert record.errors == []

"""Image runs in the page (issue 15): the digit CNN learns, the arithmetic of a clicked pixel adds
up to the value drawn, drawing changes the prediction, bad uploads and oversized networks are
refused by name, and the one-screen layout holds at projector, laptop and phone sizes."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import metric, poll, set_max_speed, show_settings
from tests.browser.test_layout import REGIONS, assert_inside, sample
from tests.browser.test_projector import SMALLEST_TEXT, run_axe

pytestmark = pytest.mark.browser

DIGITS = "/?problem=images&dataset=digits&seed=1"
NUMBER = re.compile(r"−?\d+\.\d+")
# Numbers on screen have 4 decimals: a sum of 9 products of them is good to about 1e-3.
SUM_TOLERANCE = 2e-3


def loaded_images(page):
    """Wait for the address's settings, the network drawing and a first reading."""
    expect(page.locator("html")).to_have_attribute("data-address-applied", "true", timeout=10_000)
    expect(page.locator("body")).to_have_class(re.compile(r"\bkind-images\b"))
    expect(page.locator("#cnn .cnn-conv .cnn-grid").first).to_be_visible()
    expect(page.locator("#loss-train")).not_to_have_text("—")


def value(text: str) -> float:
    return float(text.strip().replace("−", "-"))


def train_to(page, accuracy: float, timeout_s: float = 60):
    """Play at full speed (the address sets it where the speed slider is hidden) until `accuracy`."""
    if "speed=10000" not in page.url:
        set_max_speed(page)
    page.get_by_role("button", name="Play", exact=True).click()
    poll(lambda: metric(page, "test"), lambda v: v >= accuracy, timeout_s, page)
    page.get_by_role("button", name="Pause", exact=True).click()
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()


def test_the_digit_cnn_learns_and_a_dense_network_on_the_pixels_is_compared_by_parameters(open_page, artifacts):
    page, record = open_page(1366, 768, DIGITS)
    loaded_images(page)
    expect(page.locator("#param-count")).to_have_text("1,370")
    train_to(page, 0.95)
    show_settings(page)
    page.get_by_role("button", name="Remove the last").click()    # no convolution: dense on pixels
    expect(page.locator("#param-count")).to_have_text("650")
    expect(page.locator("#cnn .cnn-conv")).to_have_count(0)
    train_to(page, 0.9)
    page.get_by_role("button", name="Test set", exact=True).click()
    compared = page.locator("#compared")
    expect(compared).to_contain_text("1,370")
    expect(compared).to_contain_text("650")
    expect(compared).to_contain_text("softmax on the pixels")
    expect(page.locator("#confusion tr")).to_have_count(11)          # a header and ten digits
    page.screenshot(path=str(artifacts / "images-compared.png"))
    assert record.errors == []


def test_the_arithmetic_of_a_clicked_feature_map_pixel_adds_up_to_the_value_drawn(open_page, artifacts):
    page, record = open_page(1366, 768, DIGITS)
    loaded_images(page)
    train_to(page, 0.9)
    grid = page.locator("#cnn .cnn-conv .cnn-grid").nth(2)
    box = grid.bounding_box()
    grid.click(position={"x": box["width"] * 0.45, "y": box["height"] * 0.55})  # row 5, column 4
    expect(page.locator("#conv-title")).to_have_text("Layer 1, feature map 3, pixel (row 5, column 4)")
    expect(grid).to_have_attribute("data-picked", "4,3")
    shown = page.evaluate("""() => ({
      patch: [...document.querySelectorAll('#conv-math .conv-grid.patch td')].map((td) => td.textContent),
      kernel: [...document.querySelectorAll('#conv-math .conv-grid.kernel td')].map((td) => td.textContent),
      bias: document.querySelector('#conv-math .bias').textContent,
      z: document.querySelector('#conv-math .z').textContent,
      a: document.querySelector('#conv-math .a').textContent,
      drawn: document.querySelector('#cnn .cnn-value').textContent })""")
    assert len(shown["patch"]) == len(shown["kernel"]) == 9
    recomputed = sum(value(p) * value(k) for p, k in zip(shown["patch"], shown["kernel"])) + value(shown["bias"])
    assert abs(recomputed - value(shown["z"])) <= SUM_TOLERANCE, shown
    assert value(shown["a"]) == max(0.0, value(shown["z"])), "a = relu(z)"
    assert shown["drawn"] == f"a = {shown['a']}", "the value drawn on the map is the a written out"
    page.screenshot(path=str(artifacts / "images-arithmetic.png"))
    pooled = page.locator("#cnn .cnn-pool .cnn-grid").nth(2)
    pooled.click(position={"x": 2, "y": 2})
    expect(page.locator("#conv-title")).to_have_text("Layer 1, pooled map 3, pixel (row 1, column 1)")
    window = [value(td) for td in page.locator("#conv-math .conv-grid.window td").all_text_contents()]
    winner = value(page.locator("#conv-math .conv-grid.window td.is-winner").text_content())
    assert winner == max(window) and len(window) == 4
    expect(page.locator("#softmax-math .softmax-table tr")).to_have_count(11)
    assert record.errors == []


def draw(page, points):
    """Press Draw and stroke through `points` (fractions of the pad's side)."""
    pad = page.locator("#pad")
    box = pad.bounding_box()
    at = lambda p: (box["x"] + box["width"] * p[0], box["y"] + box["height"] * p[1])  # noqa: E731
    page.mouse.move(*at(points[0]))
    page.mouse.down()
    for p in points[1:]:
        page.mouse.move(*at(p), steps=6)
    page.mouse.up()


RING = [(0.5 + 0.32 * c, 0.5 + 0.42 * s) for c, s in
        [(1, 0), (0.7, 0.7), (0, 1), (-0.7, 0.7), (-1, 0), (-0.7, -0.7), (0, -1), (0.7, -0.7), (1, 0)]]
BAR = [(0.55, 0.08), (0.5, 0.92)]


def test_drawing_a_digit_changes_the_shown_prediction(open_page, artifacts):
    page, record = open_page(1366, 768, DIGITS)
    loaded_images(page)
    train_to(page, 0.95)
    probabilities = page.locator("#probabilities")
    page.get_by_role("button", name="Draw", exact=True).click()
    expect(page.locator("#image-which")).to_have_text("Your drawing")
    empty = probabilities.get_attribute("data-predicted")
    draw(page, RING)
    expect(probabilities).to_have_attribute("data-predicted", "0")
    expect(page.locator("#cnn .cnn-output .cnn-unit").nth(0)).to_have_class(re.compile("is-predicted"))
    page.screenshot(path=str(artifacts / "images-drawn-zero.png"))
    page.get_by_role("button", name="Clear", exact=True).click()
    expect(probabilities).to_have_attribute("data-predicted", empty)
    draw(page, BAR)
    expect(probabilities).not_to_have_attribute("data-predicted", "0")
    expect(page.get_by_role("button", name="Add to training set")).to_be_enabled()
    assert record.errors == []


@pytest.mark.parametrize("lines, message", [
    (["0," * 64 + "1", "0," * 64 + "2", "0," * 63 + "3"], "line 3: expected 64 pixel values, got 63"),
    (["0," * 64 + "1", "0," * 64 + "12"], "line 2: the label must be a whole number 0 … 9, got '12'"),
    (["0,0,0,0,x," + "0," * 59 + "1"], "line 1: pixel 5 is not a number: 'x'"),
])
def test_a_bad_image_upload_gets_a_message_naming_the_line(open_page, tmp_path, lines, message):
    page, record = open_page(1366, 768, DIGITS)
    loaded_images(page)
    show_settings(page)
    upload = tmp_path / "images.txt"
    upload.write_text("\n".join(lines) + "\n")
    page.locator("#upload-images").set_input_files(str(upload))
    expect(page.locator("#error-images")).to_have_text(f"images.txt: {message}")
    expect(page.locator("#param-count")).to_have_text("1,370")
    assert record.errors == []


def test_an_oversized_architecture_is_refused_naming_the_field(open_page):
    page, record = open_page(1366, 768, DIGITS + "&conv_layers=16x5,16x5&pool=true")
    expect(page.locator("html")).to_have_attribute("data-address-applied", "true", timeout=10_000)
    error = page.locator("#error-conv_layers")
    expect(error).to_be_visible()
    expect(error).to_contain_text("128,640 multiply-adds per image; at most 100,000")
    expect(page.locator("#param-count")).to_have_text("1,370")  # the rest of the address applied
    assert record.errors == []


@pytest.mark.parametrize("mode,width,height", [("projector", 1280, 720), ("normal", 1366, 768)])
def test_the_image_screen_stays_in_the_window_with_24px_text_on_a_projector(open_page, artifacts, mode, width, height):
    flag = "&projector=1&speed=10000" if mode == "projector" else ""
    page, record = open_page(width, height, DIGITS + flag)
    loaded_images(page)
    train_to(page, 0.9)
    page.locator("#cnn .cnn-conv .cnn-grid").first.click()
    reading = sample(page)
    assert_inside(reading, f"images {mode}", ("play", "epoch", "readings", *REGIONS))
    for selector in ("#cnn .cnn-output", "#pad", "#probabilities"):
        inside = page.locator(selector).evaluate("""(el) => { const r = el.getBoundingClientRect(),
          p = el.closest('.panel').getBoundingClientRect();
          return r.left >= p.left - 1 && r.right <= p.right + 1 && r.top >= p.top - 1 && r.bottom <= p.bottom + 1; }""")
        assert inside, f"{mode}: {selector} is outside its panel"
    if mode == "projector":
        smallest = page.evaluate(SMALLEST_TEXT)
        assert smallest["size"] >= 24, smallest
    page.screenshot(path=str(artifacts / f"images-{mode}-{width}x{height}.png"))
    assert run_axe(page) == []
    assert record.errors == []


def test_on_a_phone_the_pad_comes_first_and_its_targets_are_44px(browser, base_url, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + DIGITS)
        loaded_images(page)
        pad = page.locator("#pad").bounding_box()
        assert pad["y"] + pad["height"] <= 844 and pad["width"] >= 200, pad
        small = page.evaluate("""() => [...document.querySelectorAll('#image-view button, #image-view select, #cnn canvas[role=button]')]
          .filter((el) => el.checkVisibility())
          .map((el) => { const r = el.getBoundingClientRect(); return [el.id || el.textContent.trim().slice(0, 20) || el.tagName, r.width, r.height]; })
          .filter(([, w, h]) => Math.min(w, h) < 44)""")
        assert small == [], f"touch targets under 44 px: {small}"
        page.screenshot(path=str(artifacts / "images-phone.png"), full_page=True)
    finally:
        context.close()


def test_a_student_follows_the_teachers_cnn_then_forks_and_adds_a_drawing(open_page, artifacts):
    from tests.browser.classroom_helpers import open_student, pause_and_read_epoch, share
    teacher, teacher_record = open_page(1366, 768, DIGITS)
    loaded_images(teacher)
    code = share(teacher)
    student, student_record = open_student(open_page, code, "Ada")
    expect(student.locator("body")).to_have_class(re.compile(r"\bkind-images\b"))
    teacher.get_by_role("button", name="Play", exact=True).click()
    poll(lambda: metric(student, "test"), lambda v: v >= 0.9, 60, student)   # the teacher's CNN, followed
    paused_at = pause_and_read_epoch(teacher)
    expect(student.locator("#epoch")).to_have_text(str(paused_at))
    expect(student.locator("#cnn .cnn-conv .cnn-grid")).to_have_count(8)
    expect(student.get_by_role("button", name="Add to training set")).to_be_disabled()  # not theirs to change
    student.get_by_role("button", name="Explore on my own").click()
    expect(student.locator("#follow-note")).to_contain_text("exploring on your own")
    student.get_by_role("button", name="Draw", exact=True).click()
    draw(student, RING)
    student.get_by_label("Its class").select_option("0")
    student.get_by_role("button", name="Add to training set").click()
    expect(student.locator("#notice-restart")).to_contain_text("Your drawing is in the training set now (1259 training")
    expect(student.locator("#epoch")).to_have_text(str(paused_at))      # added live: the run goes on
    expect(teacher.locator("#epoch")).to_have_text(str(paused_at))
    teacher.get_by_role("button", name="Settings", exact=True).click()
    expect(teacher.locator("#control-dataset input[value='digits']")).to_be_checked()
    student.screenshot(path=str(artifacts / "images-student-fork.png"))
    assert teacher_record.errors == [] and student_record.errors == []

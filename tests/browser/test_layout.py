"""One screen for a class (issue 12): what a class watches stays in the window and holds still.

At projector, laptop and phone sizes the test reads, in one sample each time, the boxes of
Play, the readouts and the "Network", "Output" and "Loss" regions before Play and 3 s
after, and fails if one leaves the window or the plot or Play moves by more than 2 px;
the same during the built-in lesson and after sharing with the class and asking a question.
Screenshots of every view go to test-artifacts/.
"""
import pytest
from playwright.sync_api import expect

from tests.browser.classroom_helpers import open_student, share
from tests.browser.helpers import epoch, loaded, poll

pytestmark = pytest.mark.browser

MOVE_PX = 2
REGIONS = ("Network", "Output", "Loss")
SIZES = [  # (mode, width, height)
    ("projector", 1280, 720), ("projector", 1920, 1080),
    ("normal", 1280, 720), ("normal", 1366, 768), ("normal", 1920, 1080),
]
BIG = "hidden_layers=8,8,8,8,8,8&features=x1,x2,x1_sq,x2_sq,x1x2,sin_x1,sin_x2&dataset=spiral"

# Every box the class watches, read at one moment (the page must hold still between samples,
# so each sample is taken whole and compared with the next).
BOXES = """(names) => {
  const box = (el) => { if (!el || el.closest('[hidden]')) return null;
    const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, w: r.width, h: r.height}; };
  const region = (name) => [...document.querySelectorAll('section[aria-labelledby]')]
    .find((s) => document.getElementById(s.getAttribute('aria-labelledby'))?.textContent.trim() === name);
  const out = {play: box(document.getElementById('play')), plot: box(document.getElementById('heatmap')),
    epoch: box(document.getElementById('epoch')), readings: box(document.querySelector('.readings'))};
  for (const name of names) out[name] = box(region(name));
  return {boxes: out, width: innerWidth, height: innerHeight,
          scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight]};
}"""


def sample(page, names=REGIONS):
    return page.evaluate(BOXES, list(names))


def assert_inside(reading, where, names=("play", "epoch", "readings", *REGIONS)):
    """Every named box is laid out and wholly inside the window; the page does not scroll."""
    w, h = reading["width"], reading["height"]
    for name in names:
        b = reading["boxes"][name]
        assert b and b["w"] > 0 and b["h"] > 0, f"{where}: {name} is not shown"
        assert b["x"] >= -0.5 and b["y"] >= -0.5 and b["right"] <= w + 0.5 and b["bottom"] <= h + 0.5, \
            f"{where}: {name} {b} is outside the {w}×{h} window"
    assert reading["scroll"][0] <= w and reading["scroll"][1] <= h, f"{where}: the page scrolls {reading['scroll']}"


def assert_still(before, after, where, names=("plot", "play")):
    for name in names:
        b, a = before["boxes"][name], after["boxes"][name]
        moved = max(abs(a[k] - b[k]) for k in ("x", "y", "w", "h"))
        assert moved <= MOVE_PX, f"{where}: {name} moved by {moved:.1f} px ({b} → {a})"


def regions_are_named(page, names=REGIONS):
    for name in names:
        expect(page.get_by_role("region", name=name, exact=True)).to_be_visible()


def play_for_three_seconds(page):
    """Press Play and let it train for the acceptance's 3 s (wall time measured, not a sync)."""
    start = epoch(page)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_visible()
    page.wait_for_timeout(3000)
    poll(lambda: epoch(page), lambda e: e > start, 5, page)


def assert_trains_in_place(page, before, where, names=("play", "epoch", "readings", *REGIONS)):
    """Play for 3 s; everything named stays in the window, and the plot and Play stay put."""
    play_for_three_seconds(page)
    after = sample(page)
    assert_inside({**after, "scroll": before["scroll"]} if before.get("phone") else after, f"{where}, 3 s after Play", names)
    assert_still(before, after, where)


@pytest.mark.parametrize("mode,width,height", SIZES, ids=[f"{m}-{w}x{h}" for m, w, h in SIZES])
def test_everything_a_class_watches_is_on_screen_and_holds_still(open_page, artifacts, mode, width, height):
    page, record = open_page(width, height, "/?projector=1" if mode == "projector" else "/")
    loaded(page)  # a first visit: the glossary is open in the side panel
    regions_are_named(page)
    before = sample(page)
    assert_inside(before, "before Play")
    assert_trains_in_place(page, before, "Play")
    page.screenshot(path=str(artifacts / f"layout-{mode}-{width}x{height}.png"))
    assert record.errors == []


@pytest.mark.parametrize("mode,width,height", [("projector", 1280, 720), ("normal", 1366, 768)])
def test_a_big_network_fits_and_its_column_titles_never_overlap(open_page, artifacts, mode, width, height):
    flag = "projector=1&" if mode == "projector" else ""
    page, record = open_page(width, height, f"/?{flag}{BIG}")
    loaded(page)
    expect(page.locator("canvas.neuron")).to_have_count(6 * 8 + 1)
    assert_inside(sample(page), "6×8 network")
    titles = page.locator("#network .layer-title").evaluate_all(
        "(els) => els.map((e) => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })")
    titles.sort()
    for (_, right), (left, _) in zip(titles, titles[1:]):
        assert right <= left, f"column titles overlap: {titles}"
    labels = page.locator("#network .node-label").evaluate_all(
        "(els) => els.map((e) => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; })")
    labels.sort()
    for (_, bottom), (top, _) in zip(labels, labels[1:]):
        assert bottom <= top + 1, f"input labels overlap: {labels}"
    page.screenshot(path=str(artifacts / f"layout-6x8-{mode}.png"))
    assert record.errors == []


def test_on_a_phone_play_the_epoch_the_plot_and_the_curve_come_first(browser, base_url, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        loaded(page)
        first_screen = ("play", "epoch", "readings", "Output", "Loss")
        before = sample(page)
        assert before["scroll"][0] <= 390, "the phone page scrolls sideways"
        before = {**before, "scroll": [390, 844], "phone": True}  # a phone page scrolls down, by design
        assert_inside(before, "phone", first_screen)
        assert_trains_in_place(page, before, "phone", first_screen)
        # Buttons on the first screen (a checkbox's target is its label's row, so boxes are checked as buttons).
        small = page.evaluate("""() => [...document.querySelectorAll('button, [role=button], select, label.btn')]
          .filter((el) => el.checkVisibility() && !el.closest('#network, .dock, .visually-hidden'))
          .map((el) => { const r = el.getBoundingClientRect(); return [el.id || el.textContent.trim().slice(0, 20) || el.tagName, r.width, r.height, r.top]; })
          .filter(([, w, h, top]) => top < innerHeight && Math.min(w, h) < 44)""")
        assert small == [], f"touch targets under 44 px on the first screen: {small}"
        page.screenshot(path=str(artifacts / "layout-phone.png"))
    finally:
        context.close()


def test_a_student_on_a_phone_sees_the_teachers_plot_and_curve_first(open_page, browser, base_url, artifacts):
    teacher, _ = open_page()
    loaded(teacher)
    code = share(teacher)
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        student = context.new_page()
        student.goto(f"{base_url}/join/{code}")
        expect(student.locator("#follow-note")).to_contain_text("following the teacher", timeout=10_000)
        teacher.get_by_role("button", name="Play", exact=True).click()
        poll(lambda: epoch(student), lambda e: e > 5, 10, student)
        reading = sample(student)
        assert_inside({**reading, "scroll": [390, 844]}, "student phone", ("epoch", "readings", "Output", "Loss"))
        student.screenshot(path=str(artifacts / "layout-student-phone.png"))
    finally:
        context.close()


@pytest.mark.parametrize("mode,width,height", [("projector", 1280, 720), ("normal", 1366, 768)])
def test_during_the_built_in_lesson_the_caption_and_next_stay_on_screen(open_page, artifacts, mode, width, height):
    page, record = open_page(width, height, "/?projector=1" if mode == "projector" else "/")
    loaded(page)
    if mode == "projector":
        page.get_by_role("button", name="Tools").click()
    page.get_by_role("button", name="Start lesson: first lecture").click()
    lesson = page.locator("#lesson")
    steps = int(page.locator("#lesson-count").text_content().split()[-1])
    for k in range(1, steps + 1):
        if k > 1:
            page.get_by_role("button", name="Next", exact=True).click()
        expect(lesson).to_have_attribute("data-applied", str(k), timeout=10_000)
        shown = [n for n in REGIONS if page.get_by_role("region", name=n, exact=True).is_visible()]
        reading = page.evaluate(BOXES, shown)
        for name, selector in (("caption", "#lesson-caption"), ("next", "#lesson-next"), ("previous", "#lesson-prev")):
            reading["boxes"][name] = page.locator(selector).evaluate(
                "(e) => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, w: r.width, h: r.height}; }")
        assert_inside(reading, f"lesson step {k}", ("play", "epoch", "readings", "caption", "next", "previous", *shown))
        if k == 6:
            before = sample(page, shown)
            page.wait_for_timeout(3000)  # the step plays: 3 s of training, measured
            assert_still(before, sample(page, shown), f"lesson step {k}")
            page.screenshot(path=str(artifacts / f"layout-lesson-{mode}.png"))
    assert record.errors == []


@pytest.mark.parametrize("mode,width,height", [("projector", 1280, 720), ("normal", 1366, 768)])
def test_after_sharing_and_asking_the_code_and_the_stage_stay_on_screen(open_page, artifacts, mode, width, height):
    teacher, record = open_page(width, height, "/?projector=1" if mode == "projector" else "/")
    loaded(teacher)
    if mode == "projector":
        teacher.get_by_role("button", name="Tools").click()
    code = share(teacher)
    open_student(open_page, code, "Ana")
    teacher.get_by_role("button", name="Ask", exact=True).click()
    expect(teacher.get_by_role("button", name="Ask again")).to_be_visible()
    before = sample(teacher)
    assert_inside(before, "shared, one question")
    seen = teacher.locator("#room-code").evaluate("""(el) => { const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return {box: [r.x, r.y, r.right, r.bottom], seen: el.contains(top), text: el.textContent}; }""")
    assert seen["seen"] and seen["text"].replace(" ", "") == code, f"the class code is not in sight: {seen}"
    assert_trains_in_place(teacher, before, "shared")
    teacher.screenshot(path=str(artifacts / f"layout-room-{mode}.png"))
    assert record.errors == []

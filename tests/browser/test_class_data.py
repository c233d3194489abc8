"""Class data in the page: students tap points onto the plot, the teacher sees them arrive (new
ones ringed), removes a student's, trains on the rest and saves them as CSV."""
import pytest
import socketio
from playwright.sync_api import expect

from tests.browser.classroom_helpers import share
from tests.browser.helpers import loaded
from tests.browser.test_projector import SMALLEST_TEXT, run_axe

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def class_points(page) -> int:
    return int(page.locator("#heatmap").get_attribute("data-class-points") or 0)


def tap_plot(page, where):
    plot = page.locator("#heatmap")
    plot.scroll_into_view_if_needed()
    box = plot.bounding_box()
    for fx, fy in where:
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)


def test_students_points_reach_the_teacher_who_prunes_and_trains_on_them(open_page, base_url):
    teacher, record = open_page(1366, 768)
    loaded(teacher)
    code = share(teacher)
    teacher.get_by_role("button", name="Collect points").click()
    expect(teacher.locator("#collect-status")).to_contain_text("Collecting: 0 of")
    phone, phone_record = open_page(path=f"/join/{code}", **PHONE)
    expect(phone.locator("#collect-pad")).to_be_visible(timeout=10_000)
    for button in phone.locator("#collect-classes button").all():
        assert button.bounding_box()["height"] >= 44, "a touch target"
    phone.get_by_role("button", name="Class −1 (orange)").click()
    tap_plot(phone, [(0.2, 0.2), (0.8, 0.25), (0.5, 0.9)])
    expect(phone.locator("#collect-mine")).to_have_text("3 of 30 added")
    others = []
    for name, points in (("Bo", [[1, 1, 1], [2, 2, 1]]), ("Cy", [[-3, 3, 1]])):
        sio = socketio.Client(reconnection=False)
        sio.connect(base_url, transports=["websocket"], wait_timeout=20)
        assert sio.call("join", {"code": code, "name": name}, timeout=20)["ok"]
        assert sio.call("contribute", {"points": points}, timeout=20)["ok"]
        others.append(sio)
    plot = teacher.locator("#heatmap")
    expect(plot).to_have_attribute("data-class-points", "6")
    expect(plot).to_have_attribute("data-class-new", "6")       # all arrived just now
    expect(phone.locator("#heatmap")).to_have_attribute("data-class-points", "6")
    expect(teacher.locator("#collect-students li")).to_have_count(3)
    teacher.get_by_role("button", name="Remove Bo's 2 points").click()
    expect(plot).to_have_attribute("data-class-points", "4")
    expect(phone.locator("#heatmap")).to_have_attribute("data-class-points", "4")
    teacher.get_by_role("button", name="Tap a point to remove it").click()
    tap_plot(teacher, [(0.2, 0.2)])      # where the phone put its first point
    expect(plot).to_have_attribute("data-class-points", "3")
    expect(phone.locator("#collect-mine")).to_have_text("2 of 30 added")
    teacher.get_by_role("button", name="Tap a point to remove it").click()
    teacher.get_by_role("button", name="Lock", exact=True).click()
    expect(phone.locator("#collect-pad-note")).to_contain_text("locked")
    with teacher.expect_download() as saved:
        teacher.get_by_role("button", name="Download CSV").click()
    with open(saved.value.path(), encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines[0] == "x1,x2,label" and len(lines) == 4 and "-3,3,1" in lines
    teacher.get_by_role("button", name="Train on class data").click()
    expect(plot).to_have_attribute("data-train", "2")   # 3 points split by the ratio (50 %)
    expect(plot).to_have_attribute("data-test", "1")
    for sio in others:
        sio.disconnect()
    assert record.errors == [] and phone_record.errors == []


def test_the_class_pages_keep_projector_text_at_24px(open_page, base_url):
    page, _ = open_page(1280, 720, "/?projector=1")
    loaded(page)
    page.get_by_role("button", name="Tools").click()
    code = share(page)
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Collect points").click()
    sio = socketio.Client(reconnection=False)
    sio.connect(base_url, transports=["websocket"], wait_timeout=20)
    sio.call("join", {"code": code, "name": "Ada"}, timeout=20)
    sio.call("contribute", {"points": [[1, 1, 1]]}, timeout=20)
    sio.call("fork", timeout=20)
    expect(page.locator("#collect-students li")).to_have_count(1)
    smallest = page.evaluate(SMALLEST_TEXT)
    assert smallest["size"] >= 24, smallest
    page.get_by_role("button", name="Students", exact=True).click()
    expect(page.locator("#students-grid .tile")).to_have_count(1, timeout=10_000)
    smallest = page.evaluate(SMALLEST_TEXT)
    assert smallest["size"] >= 24, smallest
    sio.disconnect()


def test_the_class_view_the_pad_and_the_spotlight_bar_have_no_accessibility_violations(
        open_page, base_url):
    teacher, record = open_page(1366, 768)
    loaded(teacher)
    code = share(teacher)
    teacher.get_by_role("button", name="Collect points").click()
    pupil = socketio.Client(reconnection=False)
    pupil.connect(base_url, transports=["websocket"], wait_timeout=20)
    pupil.call("join", {"code": code, "name": "Ada"}, timeout=20)
    pupil.call("fork", timeout=20)
    phone, phone_record = open_page(path=f"/join/{code}", **PHONE)
    expect(phone.locator("#collect-pad")).to_be_visible(timeout=10_000)
    assert run_axe(phone) == []
    teacher.get_by_role("button", name="Students", exact=True).click()
    expect(teacher.locator("#students-grid .tile")).to_have_count(2, timeout=10_000)
    assert run_axe(teacher) == []
    teacher.locator("#students-grid .tile", has_text="Ada").click()
    expect(teacher.locator("#spotlight-bar")).to_be_visible()
    expect(phone.locator("#spotlight-bar")).to_contain_text("Ada's run")
    assert run_axe(teacher) == [] and run_axe(phone) == []
    pupil.disconnect()
    assert record.errors == [] and phone_record.errors == []

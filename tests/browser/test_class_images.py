"""Class data in image mode in the page: a student draws and sends, the teacher's grid shows it
(new ones ringed), the teacher removes, locks, saves the text of images and trains on them."""
import pytest
import socketio
from playwright.sync_api import expect

from tests.browser.classroom_helpers import share
from tests.browser.test_images import DIGITS, RING, draw, loaded_images
from tests.browser.test_projector import SMALLEST_TEXT, run_axe

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844, "touch": True}


def drawing(seed: int) -> list[int]:
    return [(seed * 5 + i * (seed + 2)) % 17 for i in range(64)]


def student_client(base_url, code, name):
    sio = socketio.Client(reconnection=False)
    sio.connect(base_url, transports=["websocket"], wait_timeout=20)
    assert sio.call("join", {"code": code, "name": name}, timeout=20)["ok"]
    return sio


def image_lines(path) -> list[tuple[list[float], int]]:
    with open(path, encoding="utf-8") as f:
        rows = [line.split(",") for line in f.read().splitlines() if not line.startswith("#")]
    return [([float(v) for v in row[:-1]], int(row[-1])) for row in rows]


def test_a_students_drawing_reaches_the_teachers_grid_who_prunes_and_trains_on_them(
        open_page, base_url, artifacts):
    teacher, record = open_page(1280, 720, DIGITS + "&projector=1")
    loaded_images(teacher)
    teacher.get_by_role("button", name="Tools").click()
    code = share(teacher)
    teacher.keyboard.press("Escape")
    teacher.get_by_role("button", name="Collect drawings").click()
    expect(teacher.locator("#collect-status")).to_contain_text("Collecting: 0 of 1000 images")
    phone, phone_record = open_page(path=f"/join/{code}", **PHONE)
    expect(phone.locator("#collect-pad")).to_be_visible(timeout=10_000)
    expect(phone.locator("#collect-pad-note")).to_have_text(
        "Class data: draw on the pad, then tap its class to send it")
    expect(phone.locator("#collect-classes button")).to_have_count(10)
    for button in phone.locator("#collect-classes button").all():
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, "a touch target"
    phone.get_by_role("button", name="Send my drawing as 0").click()
    expect(phone.locator("#notice-error")).to_have_text("Draw on the pad first, then tap its class.")
    phone.locator("#pad").scroll_into_view_if_needed()
    draw(phone, RING)
    phone.screenshot(path=str(artifacts / "class-images-phone-drawn.png"))
    phone.get_by_role("button", name="Send my drawing as 0").click()
    expect(phone.locator("#collect-mine")).to_have_text("Sent as 0. 1 of 30 sent")
    grid = teacher.locator("#collect-images")
    expect(grid).to_have_attribute("data-images", "1")
    expect(grid.locator(".class-image.is-new")).to_have_count(1)
    expect(grid.locator(".class-image").first).to_have_accessible_name("Image 1: 0, new")
    others = [student_client(base_url, code, name) for name in ("Bo", "Cy")]
    assert others[0].call("contribute", {"images": [drawing(1)], "labels": [7]}, timeout=20)["ok"]
    assert others[1].call("contribute", {"images": [drawing(2), drawing(3)], "labels": [3, 4]},
                          timeout=20)["ok"]
    expect(grid).to_have_attribute("data-images", "4")
    expect(grid).to_have_attribute("data-new", "4")            # all arrived just now
    expect(grid.locator(".class-image-caption")).to_have_text(["4", "3", "7", "0"])  # newest first
    expect(teacher.locator("#collect-students li")).to_have_count(3)
    smallest = teacher.evaluate(SMALLEST_TEXT)
    assert smallest["size"] >= 24, smallest
    assert run_axe(teacher) == [] and run_axe(phone) == []
    teacher.screenshot(path=str(artifacts / "class-images-projector.png"))
    phone.screenshot(path=str(artifacts / "class-images-phone.png"), full_page=True)

    with teacher.expect_download() as saved:
        teacher.get_by_role("button", name="Download images").click()
    lines = image_lines(saved.value.path())
    assert [label for _, label in lines] == [0, 7, 3, 4], "in the order they came"
    assert lines[1][0] == [float(v) for v in drawing(1)], "exactly the values sent"
    assert any(lines[0][0]) and all(0 <= v <= 16 for v in lines[0][0]), "the phone's ring"

    teacher.get_by_role("button", name="Remove Cy's 2 images").click()
    expect(grid).to_have_attribute("data-images", "2")
    teacher.get_by_role("button", name="Tap an image to remove it").click()
    teacher.get_by_role("button", name="Remove image 2: 7, new").click()
    expect(grid).to_have_attribute("data-images", "1")
    teacher.get_by_role("button", name="Tap an image to remove it").click()
    teacher.get_by_role("button", name="Lock", exact=True).click()
    expect(phone.locator("#collect-pad-note")).to_contain_text("locked")
    expect(phone.locator("#collect-classes")).to_be_hidden()
    teacher.get_by_role("button", name="Train on class data").click()
    expect(teacher.locator("#notice-error")).to_have_text(
        "Training data: the class's 1 images (1 training, 0 test). Press Play.")
    teacher.locator("#upload-images").set_input_files(saved.value.path())   # reused later
    expect(teacher.locator("#notice-restart")).to_contain_text(
        "Loaded 3 training and 1 test images from")
    for sio in others:
        sio.disconnect()
    assert record.errors == [] and phone_record.errors == []

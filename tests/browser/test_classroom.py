"""Live rooms with real Chromium contexts: follow, fork, late join, teacher reload."""
import pytest
from playwright.sync_api import expect

from tests.browser.classroom_helpers import FOLLOWING, open_student, pause_and_read_epoch, share
from tests.browser.helpers import epoch, loaded, poll

pytestmark = pytest.mark.browser


def test_student_follows_cannot_steer_forks_and_follows_again(open_page):
    teacher, teacher_record = open_page()
    loaded(teacher)
    code = share(teacher)
    student, student_record = open_student(open_page, code, "Ana")
    expect(teacher.locator("#room-members")).to_have_text("1 student")

    teacher.get_by_role("button", name="Play", exact=True).click()
    for _ in range(3):  # the student's counter catches up with the teacher's (within a second on a quiet machine)
        seen = epoch(teacher)
        poll(lambda: epoch(student), lambda e, seen=seen: e >= seen, 3.0, student)

    expect(student.locator("#play")).to_be_disabled()
    student.locator("body").focus()
    student.keyboard.press(" ")  # a Pause attempt: the server refuses it
    expect(student.locator("#notice-error")).to_contain_text("Only the teacher steers this run")
    before = epoch(teacher)
    poll(lambda: epoch(teacher), lambda e: e > before + 5, 5, teacher)
    expect(teacher.get_by_role("button", name="Pause", exact=True)).to_be_visible()

    paused_at = pause_and_read_epoch(teacher)
    expect(student.locator("#epoch")).to_have_text(str(paused_at))

    student.get_by_role("button", name="Explore on my own").click()
    expect(student.locator("#follow-note")).to_contain_text("exploring on your own")
    expect(student.locator("#play")).to_be_enabled()
    expect(student.locator("#epoch")).to_have_text(str(paused_at))  # the copy starts where the teacher was
    student.get_by_role("button", name="Play", exact=True).click()
    poll(lambda: epoch(student), lambda e: e > paused_at + 20, 10, student)
    assert epoch(teacher) == paused_at
    student.get_by_role("button", name="Pause", exact=True).click()

    student.get_by_role("button", name="Follow the teacher").click()
    expect(student.locator("#follow-note")).to_contain_text(FOLLOWING)
    expect(student.locator("#epoch")).to_have_text(str(paused_at))
    expect(student.locator("#play")).to_be_disabled()
    assert teacher_record.errors == [] and student_record.errors == []


def test_late_joiner_gets_the_whole_loss_history(open_page):
    teacher, _ = open_page()
    loaded(teacher)
    code = share(teacher)
    teacher.get_by_role("button", name="Play", exact=True).click()
    poll(lambda: epoch(teacher), lambda e: e > 120, 15, teacher)
    final = pause_and_read_epoch(teacher)

    student, _ = open_student(open_page, code)
    expect(student.locator("#epoch")).to_have_text(str(final))
    expect(student.locator("#loss-chart")).to_have_attribute("data-history", str(final + 1))
    expect(teacher.locator("#loss-chart")).to_have_attribute("data-history", str(final + 1))


def test_join_address_joins_on_a_phone(open_page, artifacts):
    teacher, _ = open_page()
    loaded(teacher)
    code = share(teacher)
    student, record = open_page(390, 844, f"/join/{code}")
    expect(student.locator("#follow-note")).to_contain_text(FOLLOWING, timeout=10_000)
    expect(student.get_by_role("button", name="Explore on my own")).to_be_visible()
    width = student.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the join page scrolls sideways ({width} px)"
    student.screenshot(path=str(artifacts / "classroom-join-phone.png"))
    assert record.errors == []


def test_teacher_reload_keeps_rights_and_a_wrong_token_cannot_claim(open_page, browser, base_url):
    teacher, _ = open_page()
    loaded(teacher)
    code = share(teacher)
    teacher.reload()
    loaded(teacher)
    expect(teacher.locator("body")).to_have_attribute("data-role", "teacher")
    expect(teacher.locator("#room-code")).to_have_text(f"{code[:3]} {code[3:]}")
    teacher.get_by_role("button", name="Step", exact=True).click()  # still steers the room's run
    expect(teacher.locator("#epoch")).to_have_text("1")

    stranger = browser.new_context()
    try:
        page = stranger.new_page()
        page.add_init_script(
            f"localStorage.setItem('nn-playground.teacher.{code}', 'not-the-token');"
            f"localStorage.setItem('nn-playground.teacher.last', '{code}');")
        page.goto(f"{base_url}/?room={code}")
        loaded(page)
        expect(page.get_by_role("button", name="Share with class")).to_be_enabled()
        poll(lambda: page.evaluate(f"localStorage.getItem('nn-playground.teacher.{code}')"),
             lambda token: token is None, 5, page)  # the refused token is forgotten: the claim is over
        expect(page.locator("body")).not_to_have_attribute("data-role", "teacher")
        expect(page.locator("#room-teacher")).to_be_hidden()
    finally:
        stranger.close()


def test_a_phone_that_joins_with_the_code_box_goes_back_to_the_top(open_page, artifacts):
    teacher, _ = open_page()
    loaded(teacher)
    code = share(teacher)
    student, record = open_page(390, 844)
    loaded(student)
    student.get_by_role("button", name="Tools").click()
    student.get_by_role("button", name="Join a class").click()
    box = student.get_by_label("Join a class")
    expect(student.get_by_role("button", name="Join", exact=True)).to_be_enabled(timeout=10_000)
    box.fill(code)
    assert student.evaluate("scrollY") > 844, "the code box is well below the first screen"
    student.get_by_role("button", name="Join", exact=True).click()
    expect(student.locator("#follow-note")).to_contain_text(FOLLOWING)
    poll(lambda: student.evaluate("scrollY"), lambda y: y == 0, 5, student)
    expect(student.locator("#heatmap")).to_be_in_viewport()
    student.screenshot(path=str(artifacts / "classroom-joined-phone.png"))
    assert record.errors == []

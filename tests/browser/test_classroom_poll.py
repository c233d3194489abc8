"""Predict-then-run questions and the class experiment board, with several students."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.classroom_helpers import open_student, share
from tests.browser.helpers import loaded, step

pytestmark = pytest.mark.browser


def test_ask_two_students_answer_reveal_shows_counts(open_page):
    teacher, _ = open_page()
    loaded(teacher)
    code = share(teacher)
    ana, _ = open_student(open_page, code, "Ana")
    bo, _ = open_student(open_page, code, "Bo")
    expect(teacher.locator("#room-members")).to_have_text("2 students")

    expect(teacher.get_by_label("Question", exact=True)).to_have_value("Will this learning rate converge?")
    teacher.get_by_role("button", name="Ask", exact=True).click()
    for student, choice in ((ana, "Yes"), (bo, "Slowly")):
        expect(student.locator("#question-text")).to_have_text("Will this learning rate converge?")
        student.get_by_role("button", name=choice, exact=True).click()
        expect(student.locator("#question-status")).to_contain_text(f"Your answer: {choice}")

    teacher.get_by_role("button", name="Reveal answers").click()
    for page in (teacher, ana, bo):
        expect(page.locator("#poll-bars .poll-count")).to_have_text(["1 (50%)", "0 (0%)", "1 (50%)"])
        expect(page.locator("#poll-total")).to_have_text("2 answers")
    expect(ana.locator("#question")).to_be_hidden()
    # Each student sees which answer was theirs; the teacher answered nothing.
    for student, mine in ((ana, 0), (bo, 2)):
        expect(student.locator("#poll-bars .poll-bar.is-mine")).to_have_count(1)
        expect(student.locator("#poll-bars .poll-bar").nth(mine)).to_contain_text("your answer")
    expect(teacher.locator("#poll-bars .is-mine")).to_have_count(0)


def test_students_submit_runs_to_the_board(open_page, artifacts):
    teacher, _ = open_page()
    loaded(teacher)
    code = share(teacher)
    students = {}
    for name, times in (("Ana", 12), ("Bo", 4)):
        student, _ = open_student(open_page, code, name)
        students[name] = student
        student.get_by_role("button", name="Explore on my own").click()
        expect(student.get_by_role("button", name="Submit my run")).to_be_visible()
        step(student, times)
        student.get_by_label("Label for your run (optional)").fill(f"{times} steps")
        student.get_by_role("button", name="Submit my run").click()
        expect(student.locator("#notice-error")).to_contain_text("Your run is on the class board")
    rows = teacher.locator("#board-rows tr")
    expect(rows).to_have_count(2)
    expect(teacher.locator("#board-curves")).to_have_attribute("data-entries", "2")
    curves = teacher.locator("#board-curves")
    expect(curves).to_have_attribute("data-y-scale", "log")  # good runs do not all hug zero
    assert len(curves.get_attribute("data-y-ticks").split(",")) >= 2
    assert len(curves.get_attribute("data-x-ticks").split(",")) >= 2  # not only the last epoch
    losses = [float(t) for t in teacher.locator("#board-rows tr td:nth-child(5)").all_text_contents()]
    assert losses == sorted(losses), "the board ranks by test loss, lowest first"
    expect(rows.first).to_contain_text(re.compile(r"(Ana|Bo) — \d+ steps"))
    teacher.locator("#board").screenshot(path=str(artifacts / "classroom-board.png"))
    students["Bo"].get_by_role("button", name="Leave class").click()
    expect(rows).to_have_count(1)   # board_change: a student who leaves takes their entry along
    expect(rows.first).to_contain_text("Ana")
    expect(teacher.locator("#board-curves")).to_have_attribute("data-entries", "1")

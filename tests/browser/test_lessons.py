"""Lessons: the built-in lesson steps through every preset; bad files are refused by name."""
import base64
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import loaded

pytestmark = pytest.mark.browser

LESSON = json.loads((Path(__file__).resolve().parents[2] / "static" / "lessons" / "first-lecture.json").read_text())


def address_applied(page):
    expect(page.locator("html")).to_have_attribute("data-address-applied", "true", timeout=10_000)


def address_settings(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query, keep_blank_values=True).items()}


def address_once_settled(page, wanted: dict, timeout_ms: int = 5000) -> dict:
    """The address's settings once they show ``wanted`` (the page writes the
    address on its next render after the configure ack), or as they are at the
    deadline, so the caller's assertion says what differs."""
    waited = 0
    while True:
        shown = address_settings(page)
        if all(same(value, shown.get(name, "")) for name, value in wanted.items()) \
                or waited >= timeout_ms:
            return shown
        page.wait_for_timeout(50)  # polling the address against a deadline
        waited += 50


def same(value, text: str) -> bool:
    if isinstance(value, list):
        return text == ",".join(str(v) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(text) == float(value)
    return text == str(value)


def test_built_in_lesson_steps_through_every_preset(open_page, artifacts):
    page, record = open_page()
    loaded(page)
    page.get_by_role("button", name="Start lesson: first lecture").click()
    steps = LESSON["steps"]
    lesson = page.locator("#lesson")
    for k, step in enumerate(steps, start=1):
        if k > 1:
            page.keyboard.press("PageDown")  # what a presenter clicker sends
        expect(lesson).to_have_attribute("data-applied", str(k), timeout=10_000)
        # A step changes the network on purpose and its caption says how: no restart notice.
        expect(page.locator("#notice-restart")).to_be_hidden()
        expect(page.locator("#lesson-count")).to_have_text(f"Step {k} of {len(steps)}")
        expect(page.locator("#lesson-step-title")).to_have_text(step["title"])
        wanted = {**LESSON["settings"], **step["settings"]}
        shown = address_once_settled(page, wanted)
        for name, value in wanted.items():
            assert same(value, shown.get(name, "")), f"step {k}: {name} is {shown.get(name)!r}, not {value!r}"
        assert shown.get("lesson") == "first-lecture"
        if k == 6:
            page.screenshot(path=str(artifacts / "lesson-step.png"))
    expect(page.get_by_role("button", name="Next", exact=True)).to_be_disabled()
    page.keyboard.press("PageUp")
    expect(page.locator("#lesson-count")).to_have_text(f"Step {len(steps) - 1} of {len(steps)}")
    assert record.errors == []


def test_arrow_keys_move_the_lesson_instead_of_stepping_training(open_page):
    page, _ = open_page(path="/?lesson=first-lecture")
    address_applied(page)  # not loaded(): the lesson's first step restarts the run meanwhile
    expect(page.locator("#lesson")).to_have_attribute("data-applied", "1", timeout=10_000)
    page.locator("body").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#lesson")).to_have_attribute("data-applied", "2", timeout=10_000)
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#lesson")).to_have_attribute("data-applied", "1", timeout=10_000)
    page.get_by_role("button", name="Close lesson").click()
    expect(page.locator("#lesson")).to_be_hidden()
    assert "lesson=" not in page.url


def test_a_malformed_lesson_file_is_refused_naming_the_problem(open_page):
    page, _ = open_page()
    loaded(page)
    bad = json.loads(json.dumps(LESSON))
    bad["steps"][2]["settings"]["learning_rate"] = 50
    page.locator("#import-lesson").set_input_files(
        files=[{"name": "bad.json", "mimeType": "application/json", "buffer": json.dumps(bad).encode()}])
    expect(page.locator("#lesson-error")).to_contain_text(
        "bad.json: steps[2].settings.learning_rate must be a number between 1e-05 and 10")
    expect(page.locator("#lesson")).to_be_hidden()
    page.locator("#import-lesson").set_input_files(
        files=[{"name": "notes.json", "mimeType": "application/json", "buffer": b"{ not json"}])
    expect(page.locator("#lesson-error")).to_contain_text("notes.json: The lesson file is not valid JSON")
    expect(page.locator("#lesson-problems li")).to_have_count(0)


def test_a_lesson_file_with_several_problems_lists_every_one(open_page, artifacts):
    page, _ = open_page()
    loaded(page)
    bad = json.loads(json.dumps(LESSON))
    bad["title"] = ""
    bad["steps"][0]["play"] = "yes"
    bad["steps"][1]["panels"] = ["sidebar"]
    bad["steps"][2]["settings"]["learning_rate"] = 50
    page.locator("#import-lesson").set_input_files(
        files=[{"name": "bad.json", "mimeType": "application/json", "buffer": json.dumps(bad).encode()}])
    expect(page.locator("#lesson-error-text")).to_have_text("bad.json: The lesson has 4 problems:")
    expect(page.locator("#lesson-problems li")).to_have_text([
        "title must be a non-empty text", "steps[0].play must be true or false",
        re.compile(r"^steps\[1\]\.panels\[0\] must be one of"),
        "steps[2].settings.learning_rate must be a number between 1e-05 and 10"])
    page.locator("#lesson-error").screenshot(path=str(artifacts / "lesson-problems.png"))


def test_a_lesson_shared_in_the_address_opens(open_page):
    lesson = {"format": "nn-playground-lesson", "version": 1, "title": "Learning rates",
              "steps": [{"title": "Tiny steps", "caption": "Slow.", "settings": {"learning_rate": 0.001}}]}
    param = base64.urlsafe_b64encode(json.dumps(lesson).encode()).decode().rstrip("=")
    page, _ = open_page(path=f"/?lesson={param}")
    address_applied(page)
    expect(page.locator("#lesson-title")).to_have_text("Learning rates")
    expect(page.locator("#lesson")).to_have_attribute("data-applied", "1", timeout=10_000)
    assert address_once_settled(page, {"learning_rate": 0.001})["learning_rate"] == "0.001"

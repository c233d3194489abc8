"""Classroom steps shared by the browser tests: share a run, join it, read roles and epochs."""
import re

from playwright.sync_api import expect

from tests.browser.helpers import export_model, loaded

FOLLOWING = "You are following the teacher's run"


def share(page) -> str:
    """Press "Share with class" on a loaded page; return the room code (no space)."""
    page.get_by_role("button", name="Share with class").click()
    expect(page.locator("body")).to_have_attribute("data-role", "teacher")
    code = page.locator("#room-code").text_content().replace(" ", "")
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code), code
    return code


def join_by_typing(page, code: str, name: str | None = None):
    """Type `code` (lower case, spaced) into the start page's "Join a class" box."""
    page.get_by_role("button", name="Join a class").click()  # the side panel's class page
    expect(page.get_by_role("button", name="Join", exact=True)).to_be_enabled(timeout=10_000)
    page.get_by_label("Join a class").fill(f"{code[:3].lower()} {code[3:].lower()}")
    if name:
        page.get_by_label("Your name (optional)").fill(name)
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.locator("#follow-note")).to_contain_text(FOLLOWING)


def open_student(open_page, code: str, name: str | None = None, **viewport):
    """A second browser context that joins `code` from the start page."""
    page, record = open_page(**viewport)
    loaded(page)
    join_by_typing(page, code, name)
    return page, record


def pause_and_read_epoch(page) -> int:
    """Pause and return the epoch the server paused at, once the page shows it.

    A frame sent just before the pause can land after the Pause ack, so the epoch on the
    page right after pressing Pause is not yet the final one: the model file says it.
    """
    page.get_by_role("button", name="Pause", exact=True).click()
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    paused_at = export_model(page)["epoch"]
    expect(page.locator("#epoch")).to_have_text(str(paused_at))
    return paused_at


def history_length(page) -> int:
    return int(page.locator("#loss-chart").get_attribute("data-history") or 0)

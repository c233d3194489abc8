"""A learning rate far too high: a merely bad run keeps training for the class to watch, with one
coach note; a run whose numbers stop being finite pauses, its curve shows the rise, and the page
says why in one message. Every frame stays strict JSON."""
import json

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import epoch, loaded, loss_rows, poll, stop_message

pytestmark = pytest.mark.browser

SATURATING = "?dataset=spiral&activation=tanh&learning_rate=10"
NON_FINITE = "?problem=regression&dataset=plane&activation=relu&learning_rate=3"


def _refuse(constant: str):
    raise ValueError(f"{constant} is not JSON")


def test_learning_rate_10_keeps_training_and_one_note_explains_the_jump(open_page):
    page, record = open_page(path="/" + SATURATING)
    loaded(page)
    page.get_by_role("button", name="Play", exact=True).click()
    started = epoch(page)
    notes = page.locator("#coach .coach-note")
    expect(notes.first).to_have_attribute("data-kind", "divergence", timeout=10_000)
    expect(notes.first).to_contain_text("The learning rate is too high")
    # 10 s after Play it still trains (the server pauses only for numbers that are not finite).
    page.wait_for_timeout(10_000)  # the acceptance's 10 seconds of watching, not a synchronisation
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_visible()
    poll(lambda: epoch(page), lambda e: e > started + 50, 5, page)
    expect(notes).to_have_count(1)
    expect(page.locator("#notice-error")).to_be_hidden()
    page.get_by_role("button", name="Pause", exact=True).click()
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    train = [float(row["train_loss"]) for row in loss_rows(page)]
    assert train[1] > 1.5 * train[0], f"the loss did not jump up: {train[:5]}"
    # The curve shows the jump: its axis reaches the highest loss of the run.
    poll(lambda: float(page.locator("#loss-chart").get_attribute("data-y-max")), lambda top: top >= max(train), 5, page)
    assert record.errors == []


def test_a_non_finite_run_pauses_shows_the_rise_and_says_why_once(open_page):
    page, record = open_page(path="/" + NON_FINITE)
    frames = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
    page.reload()
    loaded(page)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(stop_message(page)).to_contain_text("stopped being a finite number", timeout=10_000)
    expect(page.locator("#coach .coach-note")).to_have_count(1)  # one message, no coach note beside it
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    page.get_by_role("button", name="Play", exact=True).click()  # refused: the same reason is not said twice
    expect(page.locator("#coach .coach-note")).to_have_count(1)
    expect(page.locator("#notice-error")).to_be_hidden()
    rows = loss_rows(page)
    finite = [float(r["train_loss"]) for r in rows if r["train_loss"] not in ("", "nan", "inf")]
    assert len(finite) >= 2 and finite[-1] > 100 * finite[0], f"no rise before the stop: {finite}"
    poll(lambda: float(page.locator("#loss-chart").get_attribute("data-y-max")), lambda top: top >= finite[-1], 5, page)
    events = [p for p in frames if isinstance(p, str) and p.startswith("42")]
    assert any('"frame"' in p for p in events)
    for payload in events:                      # Socket.IO event packets: "42[name, data]"
        json.loads(payload[2:], parse_constant=_refuse)  # as strict as the browser: no NaN
    assert record.errors == []

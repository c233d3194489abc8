"""A learning rate of 10 with ReLU on a regression: training pauses itself, the page says why.

Its linear output overflows within a few epochs. (A classifier's tanh output
saturates instead: only a non-finite number pauses a run, so the spiral at
rate 10 trains on.)
"""
import json

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import loaded

pytestmark = pytest.mark.browser

SETTINGS = "?problem=regression&dataset=plane&activation=relu&learning_rate=10"


def _refuse(constant: str):
    raise ValueError(f"{constant} is not JSON")


def test_divergence_pauses_with_the_reason_and_every_frame_is_json(open_page):
    page, record = open_page(path="/" + SETTINGS)
    frames = []

    def on_socket(ws):
        ws.on("framereceived", lambda payload: frames.append(payload))

    page.on("websocket", on_socket)
    page.reload()
    loaded(page)
    page.get_by_role("button", name="Play").click()
    notice = page.locator("#notice-stopped")
    expect(notice).to_be_visible(timeout=10_000)
    expect(notice).to_contain_text("learning rate is too high")
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    assert int(page.locator("#epoch").text_content()) <= 5, "paused within a few epochs"
    events = [p for p in frames if isinstance(p, str) and p.startswith("42")]
    assert any('"frame"' in p for p in events)
    for payload in events:                      # Socket.IO event packets: "42[name, data]"
        json.loads(payload[2:], parse_constant=_refuse)  # as strict as the browser: no NaN
    assert record.errors == []

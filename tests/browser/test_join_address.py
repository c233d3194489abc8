"""The address students open is the server's, not the teacher's browser's (issue 12, item 6).

A teacher at 127.0.0.1 on a server started with ``--lan`` must see, and hand out, the
machine's LAN address: the share ack's ``join_url``, the class panel's link and the QR code.
``--lan`` sets ``PUBLIC_URL`` (tests/test_lan.py checks the launcher); this server gets the
same value through the environment, so it still binds loopback only. Without it, the panel
says in one sentence that students' devices cannot reach the address.
"""
import ipaddress
import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from app.server import lan_address
from tests.browser.classroom_helpers import share
from tests.browser.helpers import loaded
from tests.live_server import free_port, serve

pytestmark = pytest.mark.browser


def _not_loopback(url: str) -> bool:
    return not ipaddress.ip_address(urlsplit(url).hostname).is_loopback


@pytest.fixture(scope="module")
def lan_server(artifacts):
    """``python -m app`` on loopback, told its public address as ``--lan`` would tell it."""
    address = lan_address()
    if ipaddress.ip_address(address).is_loopback:
        pytest.fail("this machine has no non-loopback address to stand for the LAN")
    port = free_port()
    public = f"http://{address}:{port}/"
    with serve(artifacts / "server-lan.log", env={"PLAYGROUND_PUBLIC_URL": public},
               port=port) as url:
        yield url, public


def test_with_lan_the_share_ack_and_the_panel_give_the_lan_address(browser, lan_server):
    url, public = lan_server
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        acks = []
        page.on("websocket", lambda ws: ws.on(
            "framereceived", lambda frame: "join_url" in str(frame) and acks.append(frame)))
        page.goto(url + "/")
        loaded(page)
        code = share(page)
        link = page.locator("#room-url")
        expect(link).to_have_attribute("href", f"{public}join/{code}")
        assert _not_loopback(link.get_attribute("href"))
        expect(page.locator("#room-lan")).to_be_hidden()
        # The ack itself, as the server sent it (Socket.IO ack packet "43<id>[{...}]").
        ack = next(json.loads(frame[frame.index("["):])[0] for frame in acks
                   if isinstance(frame, str) and frame.startswith("43"))
        assert ack["join_url"] == f"{public}join/{code}" and ack["lan"] is True
        assert _not_loopback(ack["join_url"])
        svg = page.request.get(f"{url}/join/{code}/qr.svg")
        assert svg.ok and "image/svg" in svg.headers["content-type"]
    finally:
        context.close()


def test_without_lan_the_panel_says_students_cannot_reach_it(open_page):
    page, _ = open_page(1366, 768)
    loaded(page)
    share(page)
    expect(page.locator("#room-lan")).to_be_visible()
    expect(page.locator("#room-lan")).to_contain_text("scripts/run --lan")
    assert not _not_loopback(page.locator("#room-url").get_attribute("href"))

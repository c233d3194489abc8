"""Browser fixtures: the real server on a free loopback port, and headless Chromium.

The server is ``live_server`` from tests/conftest.py (``python -m app``, as a
user starts it); pages record every request URL and every console error so tests can check
them. Screenshots go to test-artifacts/ (git-ignored).
Non-goal: other browsers; Chromium at /usr/bin/chromium is the one we ship for.
"""
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VENDOR_FILES = ["socket.io.esm.min.js", "uPlot.esm.js", "uPlot.min.css"]


@pytest.fixture(scope="session")
def base_url(live_server):
    """The real app's base URL, once the browser libraries are known to be in place."""
    missing = [f for f in VENDOR_FILES if not (ROOT / "static" / "vendor" / f).exists()]
    if missing:
        pytest.fail(f"static/vendor/ lacks {missing}: run `npm ci && node tools/copy-vendor.mjs`")
    return live_server


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from /usr/bin/chromium; a missing binary fails, never skips."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with "
                    "`apt-get install -y --no-install-recommends chromium`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageRecord:
    """Every request URL and console error a page produced."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))


@pytest.fixture
def open_page(browser, base_url):
    """open_page(width, height, path, touch) → (page, record), loaded at `path` (default the root);
    `touch`: a phone's touch screen (taps, no hover)."""
    contexts = []

    def _open(width=1366, height=768, path="/", touch=False):
        context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True,
                                      has_touch=touch, is_mobile=touch)
        contexts.append(context)
        page = context.new_page()
        record = PageRecord(page)
        page.goto(base_url + path)
        return page, record

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def open_phone(open_page):
    """open_phone(path) → (page, record): a 390x844 touch screen, loaded at `path`."""
    return lambda path="/": open_page(390, 844, path, touch=True)

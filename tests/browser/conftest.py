"""Browser fixtures: the real server on a free loopback port, and headless Chromium.

The server runs as ``python -m app`` in a subprocess, exactly as a user starts
it; pages record every request URL and every console error so tests can check
them. Screenshots go to test-artifacts/ (git-ignored).
Non-goal: other browsers; Chromium at /usr/bin/chromium is the one we ship for.
"""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VENDOR_FILES = ["socket.io.esm.min.js", "uPlot.esm.js", "uPlot.min.css"]
STARTUP_DEADLINE_S = 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def base_url(artifacts):
    """Start the app on a free port; yield its base URL; stop it afterwards."""
    missing = [f for f in VENDOR_FILES if not (ROOT / "static" / "vendor" / f).exists()]
    if missing:
        pytest.fail(f"static/vendor/ lacks {missing}: run `npm ci && node tools/copy-vendor.mjs`")
    port = _free_port()
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    log = open(artifacts / "browser-server.log", "wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_DEADLINE_S
    try:
        while not _answers(url + "/"):
            if server.poll() is not None:
                pytest.fail(f"the server exited with {server.returncode}; see {log.name}")
            if time.monotonic() > deadline:
                pytest.fail(f"GET {url}/ did not answer within {STARTUP_DEADLINE_S} s; see {log.name}")
            time.sleep(0.1)  # polling the server's start against a deadline
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


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
    """open_page(width, height) → (page, record), loaded at the app's root."""
    contexts = []

    def _open(width=1366, height=768):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        record = PageRecord(page)
        page.goto(base_url + "/")
        return page, record

    yield _open
    for context in contexts:
        context.close()

"""A reload hands the tab its own run back; a restarted server rebuilds it from the address."""
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import dataset_radio, epoch, loaded, step
from tests.live_server import free_port, serve

pytestmark = pytest.mark.browser


def test_a_reload_resumes_the_same_run(open_page):
    page, record = open_page(path="/?learning_rate=0.1&seed=7")
    loaded(page)
    step(page, 5)
    weights_before = page.locator("svg.links path.link").first.get_attribute("stroke")
    page.reload()
    expect(page.locator("#epoch")).to_have_text("5", timeout=10_000)
    assert page.locator("svg.links path.link").first.get_attribute("stroke") == weights_before
    step(page, 1)
    assert epoch(page) == 6 and record.errors == []


def test_after_a_server_restart_the_page_rebuilds_its_run_from_the_address(browser, artifacts):
    port = free_port()
    context = browser.new_context()
    page = context.new_page()
    try:
        with serve(artifacts / "restart-1.log", port=port) as url:
            page.goto(url + "/?dataset=xor&hidden_layers=3&seed=5")
            loaded(page)
            step(page, 2)
        expect(page.locator("#notice-connection")).to_contain_text("Reconnecting", timeout=10_000)
        with serve(artifacts / "restart-2.log", port=port):
            expect(page.locator("#notice-connection")).to_be_hidden(timeout=20_000)
            expect(dataset_radio(page, "xor")).to_be_checked(timeout=10_000)
            expect(page.locator("#layer-count")).to_have_text("1 hidden layer")
            assert "seed=5" in page.url and "dataset=xor" in page.url
    finally:
        context.close()

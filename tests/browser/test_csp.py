"""Under the strict Content-Security-Policy the page works and nothing is blocked."""
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import loaded, open_math, set_max_speed

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


def test_the_page_runs_every_view_without_a_policy_violation(open_page):
    page, record = open_page(path="/?projector=0")
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.reload()
    loaded(page)
    response = page.request.get(page.url)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    set_max_speed(page)
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    open_math(page)
    for tab in ("Neuron inspector", "Backpropagation", "Formulas and loss"):
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
    page.get_by_role("button", name="Projector mode").click()
    expect(page.locator("body")).to_have_class("projector")
    page.get_by_role("button", name="Tools").click()  # the tools fold behind it on a projector
    page.get_by_role("button", name="Pause").click()
    assert page.evaluate("window.__csp") == []
    assert record.errors == []

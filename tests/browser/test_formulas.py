"""The formulas pane in real Chromium: every registered activation and loss renders as MathML,
the loss readings show the current values, the loss chart has a log scale, and captions behave."""
import re

import pytest
from playwright.sync_api import expect

from app.nn.activations import ACTIVATIONS
from app.nn.losses import LOSSES
from tests.browser.helpers import loaded, open_math, poll, step

pytestmark = pytest.mark.browser


def identifier(tex: str) -> str:
    """The function's name as MathML shows it: "\\mathrm{ReLU}(z) = …" → "ReLU", "\\sigma" → "σ"."""
    head = tex.split("(")[0].strip()
    head = re.sub(r"\\mathrm\{(\w+)\}", r"\1", head).lstrip("\\")
    return {"sigma": "σ"}.get(head, head)


def formula(page, key):
    return page.locator(f"#formulas figure[data-formula='{key}']")


# One reading of everything a rendered formula must be, taken at once: the pane re-renders
# while settings arrive, so separate looks (visible, then its box) could see two renders.
RENDERED = """(figure) => {
  const maths = figure.querySelectorAll('math');
  const box = maths[0]?.getBoundingClientRect();
  return {name: figure.dataset.name, count: maths.length, text: maths[0]?.textContent ?? '',
          visible: Boolean(maths[0]?.checkVisibility()), width: box?.width ?? 0, height: box?.height ?? 0};
}"""


def assert_rendered(figure, name, expected):
    """Wait until `figure` shows `name`'s formula containing `expected`, laid out with a size."""
    poll(lambda: figure.evaluate(RENDERED),
         lambda r: r["name"] == name and r["count"] == 1 and expected in r["text"] and r["visible"]
         and r["width"] > 20 and r["height"] > 10, 10, figure.page)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_every_activation_renders_its_formula_and_derivative(open_page, name):
    page, record = open_page()
    loaded(page)
    page.get_by_label("Activation", exact=True).select_option(name)
    open_math(page)
    expected = identifier(ACTIVATIONS[name].formula)
    assert_rendered(formula(page, "activation"), name, expected)
    assert_rendered(formula(page, "derivative"), name, "′")
    assert_rendered(formula(page, "linear"), "linear_step", "∑")
    assert record.errors == []


@pytest.mark.parametrize("name", list(LOSSES))
def test_every_loss_renders_its_formula_with_the_output_activation(open_page, name):
    page, record = open_page()
    loaded(page)
    page.locator("#control-loss").select_option(name)
    open_math(page)
    assert_rendered(formula(page, "loss"), name, "L")
    if name == "cross_entropy":
        assert "ln" in formula(page, "loss").locator("math").text_content()
    output = "sigmoid" if name == "cross_entropy" else "tanh"  # two classes: the protocol's output rule
    assert_rendered(formula(page, "output"), output, identifier(ACTIVATIONS[output].formula))
    expect(formula(page, "head").locator("math")).to_contain_text("δ")
    assert record.errors == []


def test_loss_panel_shows_current_values_and_the_chart_has_a_log_scale(open_page, artifacts):
    page, record = open_page()
    loaded(page)
    step(page, 3)
    open_math(page)
    reading = page.locator("#loss-reading math")
    expect(reading).to_contain_text(re.compile(r"L\s*train\s*=\s*\d"))

    def both():  # the readout and the written reading, in one look
        found = re.search(r"train\s*=\s*([\d.]+)", reading.text_content())
        return float(page.locator("#loss-train").text_content()), float(found.group(1)) if found else None
    # 4 significant digits vs the 4-decimal readout, once both show the last step
    poll(both, lambda r: r[1] is not None and abs(r[0] - r[1]) <= 1e-4, 5, page)
    expect(page.locator("#metric-reading")).to_contain_text("Training accuracy")
    page.locator(".panel-math").screenshot(path=str(artifacts / "math-formulas.png"))

    chart = page.locator("#loss-chart")
    page.get_by_label("Log scale", exact=True).check()
    expect(chart).to_have_attribute("data-scale", "log")
    expect(chart.locator("canvas")).to_have_count(1)
    step(page, 2)
    page.get_by_label("Log scale", exact=True).uncheck()
    expect(chart).to_have_attribute("data-scale", "linear")
    assert record.errors == []


def test_captions_show_on_a_first_visit_and_stay_dismissed(open_page):
    page, record = open_page()
    loaded(page)
    captions = page.locator("#captions")
    expect(captions).to_be_visible()
    for term in ("Neuron", "Layer", "Weight", "Bias", "Activation", "Loss", "Epoch", "Learning rate", "Batch"):
        expect(captions.get_by_text(term, exact=True)).to_be_visible()
    page.get_by_role("button", name="Hide explanations").click()
    expect(captions).to_be_hidden()
    page.reload()
    loaded(page)
    expect(captions).to_be_hidden()
    toggle = page.get_by_role("button", name="What is this?")
    toggle.click()
    expect(captions).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert record.errors == []


def test_captions_stay_hidden_on_a_projector(open_page):
    page, _ = open_page(path="/?projector=1")
    loaded(page)
    expect(page.locator("#captions")).to_be_hidden()
    expect(page.locator("#explain-toggle")).to_be_hidden()
    page.goto(page.url.replace("projector=1", ""))
    loaded(page)
    expect(page.locator("#captions")).to_be_visible()
    page.evaluate("() => document.body.classList.add('projector')")
    expect(page.locator("#captions")).to_be_hidden()


# Where each script and prime sits against its base, and whether each formula fits its card.
SCRIPTS = """(root) => {
  const box = (el) => el.getBoundingClientRect();
  const sups = [...root.querySelectorAll('msup')].map((s) => ({ base: s.children[0].textContent,
    script: s.children[1].textContent, b: box(s.children[0]), s: box(s.children[1]) }));
  const primes = [...root.querySelectorAll('mo')].filter((m) => m.textContent === '′').map((m) => ({
    base: m.previousElementSibling.textContent, b: box(m.previousElementSibling), s: box(m) }));
  const fit = [...root.querySelectorAll('figure:not([hidden]) .math')].map((d) => ({
    name: d.closest('figure').dataset.formula, over: d.scrollWidth - d.clientWidth }));
  const family = getComputedStyle(root.querySelector('math')).fontFamily;
  return { sups: sups.map(({ base, script, b, s }) => ({ base, script, top: b.top, bottom: b.bottom, scriptBottom: s.bottom, scriptTop: s.top })),
           primes: primes.map(({ base, b, s }) => ({ base, top: b.top, bottom: b.bottom, scriptBottom: s.bottom })),
           fit, family, loaded: document.fonts.check('20px "Noto Sans Math"') };
}"""


def sits_on_its_base(script) -> bool:
    """A script belongs to its base when it overlaps the base (by 1 px or more), not above its top.

    A text font without a MATH table (Debian's `math` is DejaVu Sans) puts every script's
    bottom exactly at its base's top, or higher.
    """
    return script["scriptBottom"] > script["top"] + 1


@pytest.mark.parametrize("query, size", [
    ("", (1366, 768)), ("?dataset=blobs&loss=mse", (1366, 768)),
    ("?dataset=blobs&loss=cross_entropy", (1366, 768)), ("?loss=cross_entropy&activation=sigmoid", (1366, 768)),
    ("?loss=cross_entropy&projector=1", (1280, 720)), ("?loss=cross_entropy", (390, 844))])
def test_primes_and_exponents_sit_on_their_base_and_every_formula_fits_its_card(open_page, artifacts, query, size):
    page, record = open_page(*size, path=f"/{query}")
    loaded(page)
    open_math(page)
    expect(formula(page, "head").locator("math")).to_be_visible()
    pane = page.locator("#pane-formulas")
    found = poll(lambda: pane.evaluate(SCRIPTS), lambda r: r["loaded"], 10, page)[-1]
    assert found["family"].startswith('"Noto Sans Math"'), found["family"]  # served by the app
    assert found["sups"] and [s for s in found["sups"] if not sits_on_its_base(s)] == []
    assert all(sits_on_its_base(p) for p in found["primes"]), found["primes"]
    assert all(f["over"] <= 1 for f in found["fit"]), found["fit"]  # nothing cut off or scrolled
    assert not any(url.startswith("http") and "127.0.0.1" not in url for url in record.requests)
    name = f"formulas-{size[0]}{query.replace('&', '-').replace('?', '-')}.png"
    page.locator("#pane-formulas").screenshot(path=str(artifacts / name))
    assert record.errors == []

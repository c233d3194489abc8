"""Readings and waits shared by the browser tests: no sleeps, only expect() and deadline polls."""
import csv
import io
import json
import re
import time

from playwright.sync_api import expect

NOT_LOADED = "—"
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def shown_number(text: str) -> float:
    """A number as the page writes it ("−1.235×10⁻⁷", "0.25") read back."""
    mantissa, _, power = text.strip().replace("−", "-").partition("×10")
    return float(mantissa) * 10 ** int(power.translate(SUPERSCRIPTS) or 0)


def poll(read, until, timeout_s, page):
    """Call read() until until(value) holds or the deadline passes; return the readings."""
    readings = [read()]
    deadline = time.monotonic() + timeout_s
    while not until(readings[-1]):
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met in {timeout_s} s; last readings {readings[-10:]}")
        page.wait_for_timeout(50)  # yields to the page's event loop between readings
        readings.append(read())
    return readings


def loaded(page):
    """Wait until the address's settings are applied and a run is drawn; return the training loss."""
    expect(page.locator("html")).to_have_attribute("data-address-applied", "true", timeout=10_000)
    expect(page.locator("#loss-train")).not_to_have_text(NOT_LOADED, timeout=10_000)
    expect(page.locator("svg.links path.link").first).to_have_attribute("stroke", re.compile(r"^rgb"))
    return float(page.locator("#loss-train").text_content())


def epoch(page) -> int:
    return int(page.locator("#epoch").text_content())


def metric(page, which: str) -> float:
    """Test or training metric as a fraction (accuracy) or R²; NaN while missing."""
    text = page.locator(f"#metric-{which}").text_content().strip()
    if text == NOT_LOADED:
        return float("nan")
    return float(text.rstrip(" %")) / 100 if text.endswith("%") else float(text)


def step(page, times: int):
    """Press Step `times` times, each time waiting for the epoch to advance."""
    start = epoch(page)
    button = page.get_by_role("button", name="Step", exact=True)
    for k in range(1, times + 1):
        button.click()
        expect(page.locator("#epoch")).to_have_text(str(start + k))


def set_max_speed(page):
    speed = page.get_by_label("Speed", exact=True)
    speed.focus()
    speed.press("End")
    expect(page.locator("#value-speed")).to_have_text("max")


def show_settings(page):
    """Show the side panel's settings page (where the file buttons are), if another page shows."""
    if page.locator("#panel-settings").is_hidden():
        page.get_by_role("button", name="Settings", exact=True).click()
    expect(page.locator("#panel-settings")).to_be_visible()


def download_text(page, button_name: str) -> str:
    """Click the button that saves a file; return the file's text."""
    show_settings(page)
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name, exact=True).click()
    with open(info.value.path(), encoding="utf-8") as f:
        return f.read()


def export_model(page) -> dict:
    return json.loads(download_text(page, "Export model"))


def loss_rows(page) -> list[dict]:
    return list(csv.DictReader(io.StringIO(download_text(page, "Export loss history"))))


def point_counts(page) -> tuple[int, int]:
    heatmap = page.locator("#heatmap")
    return int(heatmap.get_attribute("data-train")), int(heatmap.get_attribute("data-test"))


def dataset_radio(page, name: str):
    """The data set picker's thumbnail (a radio button) of data set `name`."""
    return page.locator(f"#control-dataset input[name='dataset'][value='{name}']")


def choose_dataset(page, name: str):
    """Pick data set `name` from the thumbnails."""
    dataset_radio(page, name).check()


def expect_dataset(page, name: str):
    expect(dataset_radio(page, name)).to_be_checked()


def open_math(page):
    """Show "The math" in the side panel."""
    page.get_by_role("button", name="The math", exact=True).click()
    expect(page.locator("#panel-math")).to_be_visible()


def stop_message(page):
    """The coach strip's note of a stop (the page's one message about it)."""
    return page.locator("#coach .coach-note[data-kind='stopped']")

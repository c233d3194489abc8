"""Your own data in the browser: drawing and erasing points, CSV download and upload."""
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import download_text, epoch, expect_dataset, loaded, point_counts, poll, step

pytestmark = pytest.mark.browser


def test_clicking_the_plane_in_draw_mode_adds_points_and_keeps_the_epoch(open_page, artifacts):
    page, record = open_page()
    loaded(page)
    step(page, 3)
    train, test = point_counts(page)
    page.get_by_label("Draw points", exact=True).check()
    page.get_by_label("Class of new points", exact=True).select_option("-1")
    heatmap = page.locator("#heatmap")
    box = heatmap.bounding_box()
    for fx, fy in [(0.1, 0.1), (0.15, 0.1), (0.1, 0.15)]:
        heatmap.click(position={"x": box["width"] * fx, "y": box["height"] * fy})
    expect(heatmap).to_have_attribute("data-train", str(train + 3))
    page.get_by_label("Add to", exact=True).select_option("test")
    heatmap.click(position={"x": box["width"] * 0.9, "y": box["height"] * 0.9})
    expect(heatmap).to_have_attribute("data-test", str(test + 1))
    assert epoch(page) == 3, "adding points restarted training"
    expect_dataset(page, "custom")
    page.locator(".panel-output").screenshot(path=str(artifacts / "draw-mode.png"))

    page.get_by_label("Erase", exact=True).check()
    heatmap.click(position={"x": box["width"] * 0.1, "y": box["height"] * 0.1})
    poll(lambda: point_counts(page)[0], lambda n: n < train + 3, 5, page)
    assert epoch(page) == 3
    assert record.errors == []


def test_csv_round_trip_gives_the_same_points_and_a_bad_csv_names_its_line(open_page, artifacts, tmp_path):
    page, record = open_page()
    loaded(page)
    before = download_text(page, "Download CSV")
    assert before.splitlines()[0] == "x1,x2,label,set"
    counts = point_counts(page)
    path = tmp_path / "points.csv"
    path.write_text(before)
    page.locator("#upload-csv").set_input_files(str(path))
    expect(page.locator("#notice-restart")).to_contain_text("Loaded")
    expect_dataset(page, "custom")
    assert point_counts(page) == counts
    assert download_text(page, "Download CSV") == before

    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,label\n1,2,1\n1,oops,1\n")
    page.locator("#upload-csv").set_input_files(str(bad))
    expect(page.locator("#error-csv")).to_contain_text("line 3")
    assert point_counts(page) == counts
    assert record.errors == []

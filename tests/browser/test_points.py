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


def test_your_own_points_start_empty_count_what_is_drawn_and_clear_all(open_page, artifacts, tmp_path):
    page, record = open_page()
    loaded(page)
    heatmap, count = page.locator("#heatmap"), page.locator("#value-num_points")
    expect(page.get_by_label("View", exact=True)).to_be_checked()  # a generated data set: the pointer views
    page.locator("#control-dataset input[value=custom]").check()
    expect(heatmap).to_have_attribute("data-train", "0")
    expect(heatmap).to_have_attribute("data-test", "0")
    expect(count).to_have_text("0")  # not the generated set's 500
    expect(page.get_by_label("Number of points", exact=True)).to_be_disabled()
    expect(page.get_by_label("Draw points", exact=True)).to_be_checked()  # drawing is all there is to do
    expect(page.locator("#heatmap-caption")).to_contain_text("No points yet")
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#notice-error")).to_contain_text("No training points yet")
    box = heatmap.bounding_box()
    for fx, fy, label in [(0.2, 0.2, "1"), (0.3, 0.25, "1"), (0.8, 0.8, "-1")]:
        page.get_by_label("Class of new points", exact=True).select_option(label)
        heatmap.click(position={"x": box["width"] * fx, "y": box["height"] * fy})
    expect(heatmap).to_have_attribute("data-train", "3")
    expect(count).to_have_text("3")
    expect(page.locator("#loss-train")).not_to_have_text("—")
    page.locator(".panel-output").screenshot(path=str(artifacts / "own-points.png"))
    page.get_by_role("button", name="Clear all", exact=True).click()
    expect(heatmap).to_have_attribute("data-train", "0")
    expect(count).to_have_text("0")
    expect(page.locator("#loss-train")).to_have_text("—")

    sixty = tmp_path / "sixty.csv"
    sixty.write_text("".join(f"{(k % 10) - 4.5},{(k // 10) - 2.5},{1 if k % 2 else -1}\n" for k in range(60)))
    page.locator("#upload-csv").set_input_files(str(sixty))
    expect(heatmap).to_have_attribute("data-train", "30")
    expect(count).to_have_text("60")
    assert record.errors == []

"""Model files and reproducible addresses: export, reload, import; the same URL, the same losses."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import choose_dataset, epoch, expect_dataset, export_model, loaded, loss_rows, step, stop_message

pytestmark = pytest.mark.browser


def test_an_imported_model_continues_from_the_exported_epoch_and_weights(open_page, tmp_path):
    page, record = open_page()
    loaded(page)
    choose_dataset(page, "xor")
    expect(page.locator("#epoch")).to_have_text("0")
    step(page, 6)
    exported = export_model(page)
    assert exported["epoch"] == 6
    path = tmp_path / "model.json"
    path.write_text(__import__("json").dumps(exported))

    page.reload()
    loaded(page)
    page.locator("#import-model").set_input_files(str(path))
    expect(page.locator("#epoch")).to_have_text("6")
    expect_dataset(page, "xor")
    again = export_model(page)
    for key in ("epoch", "weights", "biases", "history", "data", "sizes"):
        assert again[key] == exported[key], f"{key} changed through export → import"
    step(page, 1)
    assert epoch(page) == 7
    assert len(loss_rows(page)) == 8
    assert record.errors == []


def test_a_too_big_model_file_is_refused_before_sending(open_page, tmp_path):
    page, _ = open_page()
    loaded(page)
    path = tmp_path / "huge.json"
    path.write_text('{"format": "nn-playground-model", "pad": "' + "x" * 1_100_000 + '"}')
    page.locator("#import-model").set_input_files(str(path))
    expect(page.locator("#error-model")).to_contain_text("too big")


def run_from(open_page, query, stop_after):
    page, record = open_page(path="/?" + query)
    loaded(page)
    expect_dataset(page, "spiral")
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#epoch")).to_have_text(str(stop_after), timeout=15_000)
    expect(stop_message(page)).to_contain_text("Stopped after")
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    assert record.errors == []
    return page, loss_rows(page)


def test_the_same_address_reproduces_every_epochs_losses(open_page):
    query = ("dataset=spiral&noise=10&seed=4242&hidden_layers=6,3&activation=relu&learning_rate=0.01"
             "&features=x1,x2,sin_x1&optimizer=momentum&batch_size=7&stop_after=40&speed=10000")
    first, rows_a = run_from(open_page, query, 40)
    second, rows_b = run_from(open_page, query, 40)
    assert len(rows_a) == 41
    assert rows_a == rows_b
    expect(second).to_have_url(re.compile(r"seed=4242"))
    assert first.url == second.url

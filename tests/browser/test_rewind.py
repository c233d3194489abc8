"""Rewind in the page: the timeline under the loss curve shows a past epoch everywhere; students see it.

The drawn weights (each link's ``data-weight``, the frames' 4 decimals) are compared with the
full-precision weights of a model file exported from another run of the same seed after the
same number of epochs: they agree to the rounding, 5e-5.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.classroom_helpers import open_student, share
from tests.browser.helpers import epoch, export_model, loaded, step

pytestmark = pytest.mark.browser

ROUNDING = 5e-5 + 1e-9   # frames carry weights to 4 decimals
FINISHED = "/?dataset=xor&hidden_layers=4,3&stop_after=90&speed=10000"


def drawn_weights(page) -> dict:
    """(layer, from, to) -> the weight the drawing's link carries."""
    rows = page.locator("#network .link-hit").evaluate_all(
        "(links) => links.map(l => [+l.dataset.layer, +l.dataset.from, +l.dataset.to, +l.dataset.weight])")
    return {(l, i, j): w for l, i, j, w in rows}


def finished_run(page):
    loaded(page)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#coach .coach-note[data-kind='stopped']")).to_be_visible(timeout=30_000)
    expect(page.locator("#epoch")).to_have_text("90")


def drag_to(page, target: int):
    """Move the timeline to epoch ``target`` the way a keyboard user drags it: Home, then →."""
    slider = page.get_by_label("Rewind")
    expect(slider).to_be_enabled()
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(target):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#rewind-epoch")).to_have_text(f"epoch {target} of 90")
    expect(page.locator("#epoch")).to_have_text(str(target))
    expect(page.locator("#loss-chart")).to_have_attribute("data-marker", str(target))


def test_dragging_to_an_epoch_draws_the_weights_a_fresh_run_has_after_that_many(open_page):
    page, record = open_page(path=FINISHED)
    finished_run(page)
    drag_to(page, 37)
    reference, _ = open_page(path=FINISHED)
    loaded(reference)
    step(reference, 37)
    model = export_model(reference)
    assert model["epoch"] == 37
    shown = drawn_weights(page)
    expected = {(l, i, j): w for l, layer in enumerate(model["weights"])
                for i, row in enumerate(layer) for j, w in enumerate(row)}
    assert shown.keys() == expected.keys()
    worst = max(abs(shown[k] - expected[k]) for k in expected)
    assert worst <= ROUNDING, f"drawn weights differ by up to {worst}"
    history = int(page.locator("#loss-chart").get_attribute("data-history"))
    assert history == 91, "the curve keeps every epoch while rewound"
    assert record.errors == []


def test_back_to_now_and_play_from_here(open_page):
    page, _ = open_page(path=FINISHED)
    finished_run(page)
    drag_to(page, 20)
    page.get_by_role("button", name="Back to now").click()
    expect(page.locator("#epoch")).to_have_text("90")
    expect(page.locator("#rewind-epoch")).to_have_text("epoch 90, now")
    expect(page.locator("#loss-chart")).to_have_attribute("data-marker", "")
    drag_to(page, 20)
    page.get_by_role("button", name="Play from here").click()
    expect(page.locator("#coach .coach-note[data-kind='stopped']")).to_be_visible(timeout=30_000)
    expect(page.locator("#epoch")).to_have_text("110")   # stop_after counts 90 from the branch
    assert epoch(page) == int(page.locator("#loss-chart").get_attribute("data-history")) - 1


def test_students_see_the_rewind_the_teacher_shows(open_page):
    page, _ = open_page(path=FINISHED)
    finished_run(page)
    code = share(page)
    student, record = open_student(open_page, code, "Ada")
    expect(student.locator("#epoch")).to_have_text("90")
    expect(student.get_by_label("Rewind")).to_be_disabled()
    drag_to(page, 45)
    expect(student.locator("#epoch")).to_have_text("45")
    expect(student.locator("#rewind-epoch")).to_have_text("epoch 45 of 90")
    assert drawn_weights(student) == drawn_weights(page)
    page.get_by_role("button", name="Back to now").click()
    expect(student.locator("#epoch")).to_have_text("90")
    assert record.errors == []


def test_on_a_phone_the_timeline_and_its_buttons_are_touch_sized(open_page):
    page, _ = open_page(390, 844, FINISHED)
    finished_run(page)
    page.get_by_label("Rewind").scroll_into_view_if_needed()
    drag_to(page, 30)
    for target in (page.get_by_label("Rewind"), page.get_by_role("button", name="Back to now"),
                   page.get_by_role("button", name="Play from here")):
        assert target.bounding_box()["height"] >= 44, target


def test_an_image_run_rewound_draws_the_probabilities_it_had_then(open_page):
    page, record = open_page(path="/?problem=images&dataset=digits&seed=1")
    expect(page.locator("body")).to_have_class(re.compile(r"\bkind-images\b"), timeout=30_000)
    step(page, 1)
    expect(page.locator("#epoch")).to_have_text("1")
    then = page.locator("#probabilities").text_content()
    step(page, 3)
    expect(page.locator("#epoch")).to_have_text("4")
    assert page.locator("#probabilities").text_content() != then, "training moved the probabilities"
    slider = page.get_by_label("Rewind")
    slider.focus()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#epoch-label")).to_have_text("Rewound to")
    expect(page.locator("#epoch")).to_have_text("1")
    expect(page.locator("#probabilities")).to_have_text(then)   # drawn from the kernels of then
    assert record.errors == []

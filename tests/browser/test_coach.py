"""Coach notes in real Chromium: divergence, overfitting, and silence on a healthy run.

The overfitting settings were chosen with the engine first (see
``test_the_overfitting_settings_overfit_in_the_engine``): 40 noisy points on
an 8-8-8 network drive training loss to ~0 while test loss climbs.
"""
import numpy as np
import pytest
from playwright.sync_api import expect

from app.nn.run_config import RunConfig
from app.nn.train import Run
from tests.browser.helpers import loaded, set_max_speed

pytestmark = pytest.mark.browser

OVERFIT = {"num_points": 40, "noise": 50, "hidden_layers": (8, 8, 8)}
OVERFIT_QUERY = "/?num_points=40&noise=50&hidden_layers=8,8,8&stop_after=2000"


def coach_note(page, kind):
    return page.locator(f"#coach .coach-note[data-kind='{kind}']")


def test_the_overfitting_settings_overfit_in_the_engine():
    run = Run(RunConfig(**OVERFIT))
    run.train(2000)
    train, test = np.array(run.history.train), np.array(run.history.test)
    best = int(np.argmin(test))
    assert 2000 - best > 500, "test loss should bottom out early"
    assert test[-1] > 1.2 * test[best] and train[-1] < 0.1 * train[best]


def test_a_too_high_learning_rate_gets_one_note_and_training_goes_on(open_page):
    page, record = open_page(path="/?learning_rate=10")
    loaded(page)
    page.get_by_role("button", name="Play", exact=True).click()
    note = coach_note(page, "divergence")
    expect(note).to_be_visible(timeout=15_000)
    expect(note).to_contain_text("The learning rate is too high: the first steps threw the loss up")
    expect(note).to_contain_text("Lower it and press Reset.")
    expect(page.locator("#coach .coach-note")).to_have_count(1)
    expect(page.locator("#coach")).to_have_attribute("role", "status")
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_visible()  # still training
    assert record.errors == []


def test_a_small_noisy_data_set_on_a_big_network_gets_an_overfitting_note(open_page, artifacts):
    page, record = open_page(path=OVERFIT_QUERY)
    loaded(page)
    set_max_speed(page)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#epoch")).to_have_text("2000", timeout=60_000)
    note = coach_note(page, "overfitting")
    expect(note).to_be_visible(timeout=5_000)
    expect(note).to_contain_text("memorising the training points: test loss is rising while training loss falls")
    page.locator(".panel-network").screenshot(path=str(artifacts / "coach-overfitting.png"))
    assert record.errors == []


def test_a_healthy_default_run_gets_only_the_stop_it_asked_for(open_page):
    page, record = open_page(path="/?stop_after=1000")
    loaded(page)
    set_max_speed(page)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#epoch")).to_have_text("1000", timeout=60_000)
    coach = page.locator("#coach")
    expect(coach).to_have_attribute("data-epoch", "1000")  # the notes judged the last frame
    expect(coach.locator(".coach-note")).to_have_count(1)
    expect(coach_note(page, "stopped")).to_contain_text("Stopped after 1000 epochs")
    assert record.errors == []


def test_dead_relu_neurons_are_named_and_highlighted(open_page):
    # The engine kills one first-layer neuron with these settings (seed 2) while the loss still falls.
    page, record = open_page(path="/?activation=relu&learning_rate=0.5&seed=2&stop_after=300")
    loaded(page)
    set_max_speed(page)
    page.get_by_role("button", name="Play", exact=True).click()
    note = coach_note(page, "dead")
    expect(note).to_be_visible(timeout=30_000)
    expect(note).to_contain_text("Dead ReLU: layer 1")
    expect(page.locator("canvas.neuron.is-flagged").first).to_be_visible()
    assert record.errors == []

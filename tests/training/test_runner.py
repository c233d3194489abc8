"""The runner's two clocks: epochs owed at a speed, and when frames are due."""
import pytest

from app.training.runner import CATCH_UP_SECONDS, EpochBudget, FrameClock


def test_epochs_are_owed_at_the_speed_and_paid_once():
    budget = EpochBudget(max_speed=10_000, now=0.0)
    assert budget.owed(100, now=0.005) == 0 and budget.wait(100) == pytest.approx(0.005)
    assert budget.owed(100, now=0.031) == 3
    budget.paid(3)
    assert budget.owed(100, now=0.031) == 0, "paid epochs are not owed again"


def test_a_long_wait_is_forgiven_beyond_the_catch_up_time():
    budget = EpochBudget(max_speed=10_000, now=0.0)
    assert budget.owed(100, now=60.0) == int(100 * CATCH_UP_SECONDS + 1)


def test_full_speed_owes_no_count_and_keeps_no_credit():
    budget = EpochBudget(max_speed=10_000, now=0.0)
    assert budget.owed(10_000, now=1.0) is None
    assert budget.owed(10, now=1.05) == 0, "switching down starts from nothing owed"


def test_frames_keep_their_schedule_and_slow_down_for_many_watchers():
    clock = FrameClock(max_rate=50, fanout_budget=100, now=0.0)
    assert clock.due(0.0, 1) and not clock.due(0.019, 1)
    assert clock.due(0.021, 1) and clock.next == pytest.approx(0.04), "on the schedule, not from now"
    assert clock.due(0.5, 1) and clock.next == pytest.approx(0.5), "no burst after a long gap"
    assert clock.interval(300) == 3.0

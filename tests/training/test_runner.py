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


def test_frames_take_a_slices_metrics_until_the_run_changes(app):
    from app.training.backend import SliceResult
    from app.training.runner import Runner
    services = app.extensions["playground"]
    session = services.registry.create()
    runner = Runner(session, services.training.backend, services.publisher,
                    services.classroom.watchers, app.config, sleep=lambda _: None,
                    on_end=lambda: None)
    measured = ("accuracy", 0.125, 0.25)     # as a worker would send them with its slice

    def frame_after(result):
        runner.clock.next = 0.0               # a frame is due
        with session.lock:
            return runner._take(result).frame

    session.running = True
    first = frame_after(SliceResult(metrics=measured))
    assert (first["metric_train"], first["metric_test"]) == (0.125, 0.25)
    assert frame_after(None)["metric_train"] == 0.125, "still this state: no recomputation"
    with session.lock:
        session.set_parameter(0, 0, 0, 3.0)  # an edit: the slice's figures are stale
    name, train, test = session.run.metrics()
    after = frame_after(None)
    assert (after["metric_train"], after["metric_test"]) == (train, test)

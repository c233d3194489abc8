"""LossHistory: every recent epoch, a thinned record of older ones that keeps every minimum
and maximum, within a fixed size whatever the epoch."""
import math

import numpy as np
import pytest

from app.nn.history import LossHistory, thin


def losses(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A noisy falling curve with a few spikes, like a run's."""
    rng = np.random.default_rng(seed)
    epochs = np.arange(count)
    train = 1 / (1 + epochs / 50) + rng.normal(0, 0.01, count) ** 2
    test = train * 1.1 + rng.normal(0, 0.02, count) ** 2
    return train, test


def filled(count: int, recent: int = 100, points: int = 60, chunk: int = 37) -> LossHistory:
    history = LossHistory(recent, points)
    train, test = losses(count)
    for start in range(0, count, chunk):
        history.extend(train[start:start + chunk], test[start:start + chunk])
    return history


def test_a_short_history_keeps_every_epoch():
    train, test = losses(150)
    history = LossHistory(recent=100, points=60)
    history.extend(train, test)
    assert history.epochs == list(range(150)) and history.end == 150
    assert history.train == train.tolist() and history.test == test.tolist()
    assert history.last() == (train[-1], test[-1])


@pytest.mark.parametrize("count", [1_000, 20_000, 200_000])
def test_the_size_is_bounded_and_the_recent_epochs_all_kept(count):
    history = filled(count)
    epochs, train, test = history.readings()
    assert len(history) <= 2 * 100 + 60
    assert np.all(np.diff(epochs) > 0) and epochs[0] == 0 and epochs[-1] == count - 1
    assert epochs[-100:].tolist() == list(range(count - 100, count)), "the last 100 one by one"
    full_train, full_test = losses(count)
    np.testing.assert_array_equal(train, full_train[epochs])     # kept readings are real ones
    np.testing.assert_array_equal(test, full_test[epochs])


def test_every_minimum_and_maximum_survives_thinning():
    history = filled(50_000)
    train, test = losses(50_000)
    epochs, kept_train, kept_test = history.readings()
    for values in (train, test):
        for extreme in (np.argmin(values), np.argmax(values)):
            assert extreme in epochs
    width, bucket = history.width, epochs // history.width
    thinned_buckets = range(int(bucket[-1]) - 2 * 100 // width)   # all of them thinned ones
    for b in thinned_buckets[::7]:
        inside = bucket == b
        for full, kept in ((train, kept_train), (test, kept_test)):
            span = full[b * width:(b + 1) * width]
            assert kept[inside].min() == span.min() and kept[inside].max() == span.max()


def test_chunked_and_one_by_one_appends_keep_the_same_record():
    train, test = losses(3_000)
    one = LossHistory(100, 60)
    for a, b in zip(train, test):
        one.add(a, b)
    chunked = filled(3_000, chunk=77)
    for mine, theirs in zip(one.readings(), chunked.readings()):
        np.testing.assert_array_equal(mine, theirs)


def test_since_gives_what_came_after_an_epoch():
    history = filled(1_000)
    epochs, train, _ = history.since(995)
    assert epochs.tolist() == [996, 997, 998, 999]
    np.testing.assert_array_equal(train, losses(1_000)[0][996:])
    old_epochs = history.since(10)[0]
    assert old_epochs[0] > 10 and len(old_epochs) == len(history.readings()[0][history.readings()[0] > 10])


def test_nan_losses_of_an_empty_test_set_are_kept_and_never_chosen_over_numbers():
    history = LossHistory(10, 5)
    history.extend(np.linspace(1, 0, 100), np.full(100, math.nan))
    epochs, train, test = history.readings()
    assert np.isnan(test).all() and train.min() == 0.0 and train.max() == 1.0
    assert history.best_test() == (math.inf, 0)


def test_summary_thins_to_about_the_points_asked_keeping_the_extremes():
    history = filled(3_000, recent=1_000, points=500)
    epochs, train, _ = history.summary(100)
    assert len(epochs) <= 100
    assert train.min() == min(history.train) and train.max() == max(history.train)


def test_a_history_rebuilt_from_its_readings_reads_the_same_and_grows_on():
    history = filled(5_000)
    epochs, train, test = history.readings()
    copy = LossHistory.of(epochs, train, test, 100, 60)
    for mine, theirs in zip(history.readings(), copy.readings()):
        np.testing.assert_array_equal(mine, theirs)
    copy.extend([0.5] * 400, [0.6] * 400)
    assert copy.end == 5_400 and len(copy) <= 2 * 100 + 60


def test_a_tail_is_the_last_reading_and_grows_from_there():
    history = filled(777)
    tail = history.tail()
    assert tail.epochs == [776] and tail.last() == history.last() and tail.limits == (100, 60)
    tail.add(0.1, 0.2)
    assert tail.since(776)[0].tolist() == [777]


def test_the_best_test_loss_is_found_in_thinned_readings_too():
    history = filled(20_000)
    _, test = losses(20_000)
    assert history.best_test() == (test.min(), int(np.argmin(test)))


def test_thin_keeps_first_lowest_and_highest_of_each_bucket():
    epochs = np.arange(8)
    train = np.array([3.0, 1.0, 2.0, 5.0, 4.0, 4.0, 0.5, 9.0])
    test = np.array([1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0])
    assert thin(epochs, train, test, 4).tolist() == [0, 1, 3, 4, 6, 7]

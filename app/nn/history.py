"""A run's loss history, bounded: every epoch of the recent past, a thinned record of the rest.

A run at full speed trains thousands of epochs a second; keeping every
epoch's losses (as lists of Python floats) made a run of 10 million epochs
weigh hundreds of megabytes and every late join, export and edit carry all
of it. ``LossHistory`` keeps the readings (epoch, training loss, test loss)
in float64 arrays: at least the last ``recent`` epochs each (up to twice
that before the oldest move on), and older epochs thinned into buckets of
``width`` consecutive epochs, each keeping its first epoch and the epochs of
its lowest and highest training and test loss, so every minimum and maximum
of the whole run survives. When the thinned record outgrows ``points``
readings, the buckets double in width. Memory and every read are bounded by
``2 * recent + points`` readings, whatever the epoch.

A reading of a set without points is NaN. A history may start at a later
epoch than 0 (``first``): a worker's copy of a run needs only its last reading.
Non-goal: smoothing; each kept reading is a real one.
"""
import math

import numpy as np

RECENT_EPOCHS = 2_000     # epochs kept one by one (at least; up to twice as many)
THINNED_POINTS = 2_000    # readings kept of everything older

Array = np.ndarray


def thin(epochs: Array, train: Array, test: Array, width: int) -> Array:
    """Indices of the readings to keep at bucket ``width``: each bucket's first, and its
    lowest and highest training and test loss (NaN never counts as either while a
    number is there); sorted, so they stay in epoch order."""
    bucket = epochs // width
    kept = [np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]])]
    for values in (train, test):
        for sign in (1.0, -1.0):
            order = np.lexsort((sign * values, bucket))       # by bucket, then value (NaN last)
            heads = np.r_[True, bucket[order][1:] != bucket[order][:-1]]
            kept.append(order[heads])
    return np.unique(np.concatenate(kept))


class LossHistory:
    """Training and test loss per epoch from ``first`` on, within a fixed size."""

    def __init__(self, recent: int = RECENT_EPOCHS, points: int = THINNED_POINTS, first: int = 0):
        if recent < 1 or points < 5:
            raise ValueError(f"a history keeps recent >= 1 and points >= 5, got {recent}, {points}")
        self.recent, self.points = recent, points
        self._train = np.empty(2 * recent)          # epochs self._start ... in arrival order
        self._test = np.empty(2 * recent)
        self._start, self._count = first, 0
        self._old = (np.empty(0, np.int64), np.empty(0), np.empty(0))   # thinned: epochs, train, test
        self._width = 1

    @property
    def limits(self) -> tuple[int, int]:
        return self.recent, self.points

    @property
    def width(self) -> int:
        """Epochs per bucket of the thinned record (1 while nothing was thinned)."""
        return self._width

    # -- writing ---------------------------------------------------------------------------
    def add(self, train: float, test: float) -> None:
        """The losses after the next epoch."""
        if self._count == len(self._train):
            self._retire()
        self._train[self._count] = train
        self._test[self._count] = test
        self._count += 1

    def replace_last(self, train: float, test: float) -> None:
        """The last epoch's losses read again (its points were edited)."""
        if self._count == 0:
            raise IndexError("the history is empty")
        self._train[self._count - 1] = train
        self._test[self._count - 1] = test

    def extend(self, train, test) -> None:
        """The losses of the next ``len(train)`` epochs."""
        train, test = np.asarray(train, np.float64), np.asarray(test, np.float64)
        if train.shape != test.shape or train.ndim != 1:
            raise ValueError("train and test need one loss each per epoch")
        done = 0
        while done < len(train):
            if self._count == len(self._train):
                self._retire()
            take = min(len(train) - done, len(self._train) - self._count)
            self._train[self._count:self._count + take] = train[done:done + take]
            self._test[self._count:self._count + take] = test[done:done + take]
            self._count += take
            done += take

    def _retire(self) -> None:
        """Move the oldest ``recent`` epochs into the thinned record; widen its buckets as needed."""
        moved = self.recent
        epochs = np.concatenate([self._old[0], np.arange(self._start, self._start + moved)])
        train = np.concatenate([self._old[1], self._train[:moved]])
        test = np.concatenate([self._old[2], self._test[:moved]])
        keep = thin(epochs, train, test, self._width)
        while len(keep) > self.points:
            self._width *= 2
            keep = thin(epochs, train, test, self._width)
        self._old = (epochs[keep], train[keep], test[keep])
        rest = self._count - moved
        self._train[:rest] = self._train[moved:self._count]
        self._test[:rest] = self._test[moved:self._count]
        self._start += moved
        self._count = rest

    # -- reading ---------------------------------------------------------------------------
    @property
    def end(self) -> int:
        """One past the last epoch recorded (the number of epochs, for a history from 0)."""
        return self._start + self._count

    def __len__(self) -> int:
        """Readings kept."""
        return len(self._old[0]) + self._count

    def last(self) -> tuple[float, float]:
        """(training loss, test loss) of the last epoch."""
        if self._count == 0:
            raise IndexError("the history is empty")
        return float(self._train[self._count - 1]), float(self._test[self._count - 1])

    def since(self, epoch: int) -> tuple[Array, Array, Array]:
        """(epochs, train, test) of the kept readings after ``epoch``, oldest first."""
        old_epochs, old_train, old_test = self._old
        cut = np.searchsorted(old_epochs, epoch, side="right")
        skip = max(0, min(self._count, epoch + 1 - self._start))
        recent = np.arange(self._start + skip, self.end)
        return (np.concatenate([old_epochs[cut:], recent]),
                np.concatenate([old_train[cut:], self._train[skip:self._count]]),
                np.concatenate([old_test[cut:], self._test[skip:self._count]]))

    def readings(self) -> tuple[Array, Array, Array]:
        """(epochs, train, test) of every kept reading."""
        return self.since(-1)

    @property
    def epochs(self) -> list[int]:
        return self.readings()[0].tolist()

    @property
    def train(self) -> list[float]:
        """The kept training losses, oldest first (every epoch while none were thinned)."""
        return self.readings()[1].tolist()

    @property
    def test(self) -> list[float]:
        return self.readings()[2].tolist()

    def summary(self, points: int) -> tuple[Array, Array, Array]:
        """At most about ``points`` readings of the whole history, keeping minima and maxima."""
        epochs, train, test = self.readings()
        width = 1
        keep = np.arange(len(epochs))
        while len(keep) > points:
            width *= 2
            keep = thin(epochs, train, test, width)
        return epochs[keep], train[keep], test[keep]

    def best_test(self) -> tuple[float, int]:
        """(lowest finite test loss, its epoch), or (inf, first epoch) when there is none."""
        epochs, _, test = self.readings()
        finite = np.flatnonzero(np.isfinite(test))
        if not len(finite):
            return math.inf, int(epochs[0]) if len(epochs) else self._start
        best = finite[np.argmin(test[finite])]
        return float(test[best]), int(epochs[best])

    def tail(self) -> "LossHistory":
        """A history of the last reading only, with these limits: what a copy of the run needs."""
        tail = LossHistory(self.recent, self.points, first=self.end - 1)
        tail.add(*self.last())
        return tail

    @classmethod
    def of(cls, epochs, train, test, recent: int = RECENT_EPOCHS,
           points: int = THINNED_POINTS) -> "LossHistory":
        """A history holding these readings (epochs increasing; gaps are thinned parts)."""
        epochs = np.asarray(epochs, np.int64)
        train, test = np.asarray(train, np.float64), np.asarray(test, np.float64)
        history = cls(recent, points, first=int(epochs[0]) if len(epochs) else 0)
        if not len(epochs):
            return history
        gaps = np.flatnonzero(np.diff(epochs) != 1)
        split = gaps[-1] + 1 if len(gaps) else 0    # readings before it were thinned already
        history._old = (epochs[:split], train[:split], test[:split])
        history._start = int(epochs[split])
        history._width = max(1, int(np.diff(epochs[:split + 1]).max())) if split else 1
        history.extend(train[split:], test[split:])
        return history

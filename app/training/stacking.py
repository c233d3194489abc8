"""Training the jobs of one batch together: runs of one shape step as one computation.

In a class most sessions have the same network shape (every student forks
the teacher's run), and each of these tiny networks spends most of its time
in NumPy's call overhead. ``app.nn.stacked`` trains runs with equal
``group_key`` as one batched computation (per-run learning rates,
regularization, data and results kept). Here a worker process groups its
batch's jobs by that key and trains each group in time-bounded chunks that
never cross a job's epoch count or stop rule, so every session still stops
exactly where it would alone.

Until ``app/nn/stacked.py`` is merged, ``group_key`` and ``train_together``
below stand in for it with the agreed signatures: the same grouping, each run
trained alone. (Then: ``from ..nn.stacked import group_key, train_together``.)
"""
import time
from dataclasses import dataclass

from ..nn.train import Run
from .stops import StopRules

FIRST_CHUNK = 1   # epochs of a group's first chunk: it measures how long an epoch takes


def group_key(run: Run) -> tuple | None:
    """Runs with equal keys may be trained together; None: this one cannot be."""
    if run.diverged:
        return None
    return (run.network.sizes, run.network.activation.name, run.head.name,
            run.config.batch_size, len(run.data.y_train), run.config.optimizer)


def train_together(runs: list[Run], epochs: list[int]) -> list[int]:
    """Train ``runs[i]`` up to ``epochs[i]`` epochs; return the epochs each did."""
    return [run.train(count) for run, count in zip(runs, epochs)]


@dataclass(eq=False)
class Member:
    """One job's run in a group: at most ``epochs`` more (None: no limit), within ``rules``."""

    run: Run
    epochs: int | None
    rules: StopRules
    done: int = 0

    def wants(self, chunk: int) -> int:
        """Epochs this run may train in the next chunk of ``chunk`` epochs."""
        bounds = [chunk, self.rules.epochs_allowed(self.run)]
        if self.epochs is not None:
            bounds.append(self.epochs - self.done)
        return max(0, min(b for b in bounds if b is not None))


def groups(members: list[Member]) -> list[list[Member]]:
    """``members`` grouped by ``group_key``; a run without a key is a group of its own."""
    keyed: dict[tuple, list[Member]] = {}
    alone = []
    for member in members:
        key = group_key(member.run)
        (keyed.setdefault(key, []) if key is not None else alone).append(member)
    return list(keyed.values()) + [[member] for member in alone]


def train_group(group: list[Member], seconds: float) -> None:
    """Train ``group`` together for about ``seconds``, in chunks that respect every member.

    The first chunk is ``FIRST_CHUNK`` epochs; later ones are sized from the
    time an epoch took, to fill what is left of ``seconds``.
    """
    deadline = time.perf_counter() + seconds
    chunk = FIRST_CHUNK
    while True:
        wants = [member.wants(chunk) for member in group]
        active = [(member, want) for member, want in zip(group, wants) if want > 0]
        if not active:
            return
        started = time.perf_counter()
        done = train_together([m.run for m, _ in active], [want for _, want in active])
        for (member, _), count in zip(active, done):
            member.done += count
        now = time.perf_counter()
        if now >= deadline:
            return
        per_epoch = (now - started) / max(want for _, want in active)
        chunk = max(1, int((deadline - now) / per_epoch)) if per_epoch > 0 else chunk * 2

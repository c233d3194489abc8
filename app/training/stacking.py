"""Training the jobs of one batch together: runs of one shape step as one computation.

In a class most sessions have the same network shape (every student forks
the teacher's run), and each of these tiny networks spends most of its time
in NumPy's call overhead. ``app.nn.stacked`` trains runs with equal
``group_key`` as one batched computation (per-run learning rates,
regularization, data and results kept). Here a worker process groups its
batch's jobs by that key and trains each group for the time its jobs asked,
in calls that never cross a job's epoch count or stop rule, so every session
still stops exactly where it would alone. A run that cannot be stacked (an
image run, a diverged one) trains alone the same way. A slice may end inside
an epoch (``stacked.CHUNK_BATCHES``), so a heavy run holds its worker no
longer than its slice; runs of one group train together from the same batch
of their epochs. When a group's runs stand at different batches (one joined
late, or was shipped again after an edit), the others catch up alone to the
batch where most of them stand (``_catch_up``), and the group trains as one
again.
"""
import time
from dataclasses import dataclass

from ..nn.stacked import CHUNK_BATCHES, group_key, train_alone, train_together
from ..nn.train import Run
from .stops import StopRules

UNBOUNDED = 1_000_000_000   # "as many epochs as fit": the slice's deadline ends them


@dataclass(eq=False)
class Member:
    """One job's run in a group: at most ``epochs`` more (None: no limit), within ``rules``."""

    run: Run
    epochs: int | None
    rules: StopRules
    done: int = 0

    def wants(self) -> int:
        """Epochs this run may train before its count or a stop rule could end it."""
        bounds = [UNBOUNDED, self.rules.epochs_allowed(self.run)]
        if self.epochs is not None:
            bounds.append(self.epochs - self.done)
        return max(0, min(b for b in bounds if b is not None))


def groups(members: list[Member]) -> list[tuple[tuple | None, list[Member]]]:
    """(key, members) by ``group_key``; a run without a key (None) is a group of its own."""
    keyed: dict[tuple, list[Member]] = {}
    alone = []
    for member in members:
        key = group_key(member.run)
        (keyed.setdefault(key, []) if key is not None else alone).append(member)
    return list(keyed.items()) + [(None, [member]) for member in alone]


def train_group(key: tuple | None, group: list[Member], seconds: float) -> None:
    """Train ``group`` together for about ``seconds``, never past a member's count or rule.

    A member whose plateau bound comes first leaves the call there; the
    others go on, and the next call lets it train again if its best moved.
    A group without a key (one run that cannot be stacked) trains alone.
    """
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        active = [(member, want) for member in group if (want := member.wants()) > 0]
        if not active:
            return
        if key is None:
            member, want = active[0]
            member.done += train_alone(member.run, want, deadline)
            continue
        lead, laggards = _lead(active)
        if laggards:
            member, want = laggards[0]
            member.done += _catch_up(member.run, want, lead, deadline)
            continue
        done = train_together([m.run for m, _ in active], [want for _, want in active], deadline)
        for (member, _), count in zip(active, done):
            member.done += count


def _lead(active: list[tuple[Member, int]]) -> tuple[int, list[tuple[Member, int]]]:
    """The batch where most of a group's runs stand, and the (member, epochs) standing elsewhere."""
    counts: dict[int, int] = {}
    for member, _ in active:
        counts[member.run.position] = counts.get(member.run.position, 0) + 1
    lead = max(counts, key=lambda position: (counts[position], position))
    return lead, [(member, want) for member, want in active if member.run.position != lead]


def _catch_up(run: Run, want: int, lead: int, deadline: float) -> int:
    """Train ``run`` alone up to batch ``lead`` (through an epoch's end if it must); epochs ended.

    A run shipped again after an edit stands where the web process last
    heard of it, a slice behind its group; a run joining stands at an
    epoch's start. Catching up costs what it lags (at most an epoch), once.
    """
    steps, done = (lead - run.position) % len(run._batches), 0
    while steps > 0 and done < want and not run.diverged and time.perf_counter() < deadline:
        chunk = min(CHUNK_BATCHES, steps)
        done += run.train(want - done, chunk)
        steps -= chunk
    return done

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
late, or was shipped again after an edit), the batch where most of them stand
goes on; the others finish their epoch under way first and then wait at the
start of the next for the rest (up to an epoch of theirs), so the group
trains as one again.
"""
import time
from dataclasses import dataclass

from ..nn.stacked import group_key, train_alone, train_together
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
        part = _next_part(active)
        done = train_together([m.run for m, _ in part], [want for _, want in part], deadline)
        for (member, _), count in zip(part, done):
            member.done += count


def _next_part(active: list[tuple[Member, int]]) -> list[tuple[Member, int]]:
    """The (member, epochs) to train next so a group's runs come to one batch of their epochs.

    Runs at the batch where most stand go on, once no run elsewhere inside
    an epoch is left to finish it (one epoch: it then stands at the start);
    runs at an epoch's start wait while the most are inside one.
    """
    by_position: dict[int, list[tuple[Member, int]]] = {}
    for member, want in active:
        by_position.setdefault(member.run.position, []).append((member, want))
    lead = max(by_position, key=lambda position: (len(by_position[position]), position))
    for position, part in by_position.items():
        if position not in (lead, 0):
            return [(member, 1) for member, _ in part]
    return by_position[lead]

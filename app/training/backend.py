"""What a runner asks of whoever trains: a slice request in, a slice result out.

Two backends implement it: ``local.LocalBackend`` trains in the web process
(``TRAIN_PROCESSES = 0``; the handler tests) and ``processes.ProcessBackend``
in worker processes (the default). The runner loop (``runner.Runner``) is the
same for both: ``submit`` a request, ``collect`` its result (which the
backend has already applied to the session's run), repeat.
"""
from dataclasses import dataclass
from typing import Protocol

from .stops import StopRules


@dataclass(frozen=True)
class SliceRequest:
    """One slice of training for one session."""

    epochs: int | None   # epochs owed at the session's speed; None: as many as the slice fits
    rules: StopRules     # the play's stop rules: a slice never trains past them
    version: int         # the session's state version when asked (a later edit drops the slice)
    wait: float          # longest to wait for a turn to train (then a frame-only turn)


@dataclass(frozen=True)
class SliceResult:
    """What a slice did (already applied to the session's run by the backend)."""

    epochs: int = 0                 # epochs added to the run
    seconds: float = 0.0            # time it trained (a watched run rests a share of it)
    metrics: tuple | None = None    # ``Run.metrics()`` at its end, when computed off this process
    error: str | None = None        # why the slice failed (the runner retries)
    report: dict | None = None      # an image run's ``test_report()`` at its end, likewise


class Backend(Protocol):
    def submit(self, session, request: SliceRequest) -> object:
        """Start a slice (call with the session's lock held); returns a ticket for ``collect``."""

    def collect(self, session, ticket: object) -> SliceResult:
        """Wait for the slice (call with no lock held) and apply it to the session's run."""

    def forget(self, session_id: str) -> None:
        """The session is gone: free what the backend keeps for it."""

    def close(self) -> None:
        """Stop training for good (the app is shutting down)."""

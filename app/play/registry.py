"""All sessions of this process: created within limits, resumed with a token, expired on time.

A closed page's session is kept, paused, for ``RECONNECT_GRACE_SECONDS`` so a
reload or a network blip gets it back (with its resume token); the
classroom's sweeper removes it after that. Limits: ``MAX_SESSIONS`` in all,
``MAX_SESSIONS_PER_ADDRESS`` from one client address.
"""
import secrets
import threading
from dataclasses import dataclass, field

from ..nn.train import Run
from ..socket.settings import default_settings, run_config, settings_schema
from ..socket.values import same_secret
from .session import Session


def new_resume_token() -> str:
    return secrets.token_urlsafe(24)


def history_limits(config: dict) -> tuple[int, int]:
    """The loss history's bounds for every run of this server (``nn.history``)."""
    return config["HISTORY_RECENT_EPOCHS"], config["HISTORY_THINNED_POINTS"]


class SessionLimitError(RuntimeError):
    """Raised when a new session would pass ``MAX_SESSIONS`` or the per-address limit."""


@dataclass
class Seat:
    """What the registry keeps beside a session: where it came from, how to resume it."""

    address: str
    resume_token: str = field(default_factory=new_resume_token)
    detached_at: float | None = None      # when its page closed (None: a page holds it)


class SessionRegistry:
    """Sessions by id, each with its ``Seat``; bounded by the session limits."""

    def __init__(self, config: dict):
        self.config = config
        self.schema = settings_schema(config)
        self._sessions: dict[str, Session] = {}
        self._seats: dict[str, Seat] = {}
        self._lock = threading.Lock()

    def create(self, address: str = "") -> Session:
        """A new session for a client at ``address``, within the process and address limits."""
        settings = default_settings(self.schema)
        per_address = self.config["MAX_SESSIONS_PER_ADDRESS"]
        with self._lock:
            if len(self._sessions) >= self.config["MAX_SESSIONS"]:
                raise SessionLimitError(
                    f"the server is full ({self.config['MAX_SESSIONS']} sessions); try later")
            if sum(s.address == address for s in self._seats.values()) >= per_address:
                raise SessionLimitError(f"too many open pages from your address (at most "
                                        f"{per_address}); close some and reload")
            run = Run(run_config(settings), history_limits=history_limits(self.config))
            session = Session(secrets.token_urlsafe(12), settings, run)
            self._sessions[session.id] = session
            self._seats[session.id] = Seat(address)
        return session

    def get(self, session_id: str) -> Session | None:
        return self._sessions.get(session_id)

    def address(self, session_id: str) -> str:
        """The client address the session was opened from."""
        seat = self._seats.get(session_id)
        return seat.address if seat is not None else ""

    def resume_token(self, session_id: str) -> str:
        return self._seats[session_id].resume_token

    def resume(self, session_id: object, token: object) -> Session | None:
        """The detached session ``session_id`` if ``token`` is its resume token.

        A token works once: resuming gives the seat a new one (sent in ``hello``),
        so a token seen by someone else is worthless after the page came back.
        """
        seat = self._seats.get(session_id) if isinstance(session_id, str) else None
        if seat is None or seat.detached_at is None or not same_secret(token, seat.resume_token):
            return None
        seat.detached_at = None
        seat.resume_token = new_resume_token()
        return self._sessions[session_id]

    def detach(self, session_id: str, now: float) -> None:
        """Its page closed: keep it for a reload until the grace period ends."""
        seat = self._seats.get(session_id)
        if seat is not None:
            seat.detached_at = now

    def expired(self, grace: float, now: float) -> list[Session]:
        """Remove and return sessions detached for longer than ``grace`` seconds."""
        with self._lock:
            gone = [self._sessions[key] for key, seat in self._seats.items()
                    if seat.detached_at is not None and now - seat.detached_at >= grace]
            for session in gone:
                del self._sessions[session.id], self._seats[session.id]
        return gone

    def any_detached(self) -> bool:
        return any(seat.detached_at is not None for seat in list(self._seats.values()))

    def remove(self, session_id: str) -> Session | None:
        with self._lock:
            self._seats.pop(session_id, None)
            return self._sessions.pop(session_id, None)

    def __len__(self) -> int:
        return len(self._sessions)

"""Who owns, watches and steers which session: the connection tables and the moves between them.

Per Socket.IO connection (``sid``): the session it got at connect (owns),
the session whose frames it receives (watches; at most one, maybe a run on
another instance, ``remote``), and the sessions it may steer (controls).
``Classroom`` builds the rooms on top of this; together they are the one
owner of these tables: nothing else reads or writes them directly. Watching
means being in the session's channel, so every move also moves the
connection between channels (``publisher.enter`` / ``leave``).
"""
import threading
from collections import Counter

from ..socket.values import ProtocolError
from .registry import SessionRegistry
from .session import Session

STUDENT_REFUSAL = ("Only the teacher steers this run. Press \"Explore on my own\" "
                   "to try your own ideas.")


class Connections:
    """The tables: owner, watching, controllers, remote, and the watcher counts."""

    def __init__(self, registry: SessionRegistry, publisher):
        self.registry, self.publisher = registry, publisher
        self._owner: dict[str, str] = {}            # sid -> its own session's id
        self._watching: dict[str, str] = {}         # sid -> id of the session it watches
        self._remote: dict[str, dict] = {}          # sid -> where the class it follows lives
        self._controllers: dict[str, set[str]] = {}  # session id -> sids that may steer it
        self._watchers: Counter = Counter()          # session id -> local sids watching it
        self._lock = threading.RLock()

    # -- looking up ------------------------------------------------------------------
    def _session(self, session_id: str | None, sid: str) -> Session:
        session = self.registry.get(session_id or "")
        if session is None and sid in self._remote:
            raise ProtocolError("room", "Only the teacher steers this run.")
        if session is None:
            raise ProtocolError("session", "this connection has no session; reload the page")
        return session

    def own(self, sid: str) -> Session:
        """The connection's own session (the one it got at connect)."""
        return self._session(self._owner.get(sid), sid)

    def watched(self, sid: str) -> Session:
        """The session connection ``sid`` watches."""
        return self._session(self._watching.get(sid), sid)

    def steerable(self, sid: str) -> Session:
        """The session ``sid`` watches, if ``sid`` may steer it."""
        session = self.watched(sid)
        if not self.controls(sid, session.id):
            raise ProtocolError("room", STUDENT_REFUSAL)
        return session

    def seated(self, sid: str) -> bool:
        """True once connection ``sid`` has its own session (it connected)."""
        return sid in self._owner

    def watches(self, sid: str, session_id: str) -> bool:
        return self._watching.get(sid) == session_id

    def controls(self, sid: str, session_id: str) -> bool:
        return sid in self._controllers.get(session_id, ())

    def controllers(self, session_id: str) -> set[str]:
        return set(self._controllers.get(session_id, ()))

    def remote(self, sid: str) -> dict | None:
        return self._remote.get(sid)

    def watchers(self, session_id: str) -> int:
        """Connections of this process receiving the session's frames."""
        return self._watchers.get(session_id, 0)

    # -- moves -----------------------------------------------------------------------
    def seat(self, sid: str, session: Session) -> None:
        """At connect: ``sid`` owns and controls ``session`` (it watches it next)."""
        with self._lock:
            self._owner[sid] = session.id
            self._controllers.setdefault(session.id, set()).add(sid)

    def grant(self, sid: str, session: Session) -> None:
        """``sid`` may steer ``session`` (a teacher's share or claim)."""
        with self._lock:
            self._controllers.setdefault(session.id, set()).add(sid)

    def watch(self, sid: str, session: Session) -> None:
        """Point ``sid`` at ``session``: it gets that run at once, whole history."""
        with self._lock:
            previous = self._stop_watching(sid, keep=session.id)
            if previous != session.id:
                self._watching[sid] = session.id
                self._watchers[session.id] += 1
        if previous != session.id:
            self.publisher.enter(sid, session.id)
        self.publisher.state(sid, session)

    def watch_remote(self, sid: str, where: dict) -> None:
        """Point ``sid`` at a run on another instance: its frames come through the queue."""
        with self._lock:
            self._stop_watching(sid, keep=where["session"])
            self._watching[sid], self._remote[sid] = where["session"], where
        self.publisher.enter(sid, where["session"])

    def _stop_watching(self, sid: str, keep: str) -> str | None:
        """Leave the watched session unless it is ``keep``; return its id (lock held)."""
        previous = self._watching.get(sid)
        if previous is None or previous == keep:
            return previous
        del self._watching[sid]
        if self._remote.pop(sid, None) is None:
            self._watchers[previous] -= 1
            if self._watchers[previous] <= 0:
                del self._watchers[previous]
        self.publisher.leave(sid, previous)
        return previous

    def unseat(self, sid: str) -> str | None:
        """``sid`` closed: out of every table; return its own session's id."""
        self.publisher.forget(sid)
        with self._lock:
            self._stop_watching(sid, keep="")
            for session_id in [k for k, sids in self._controllers.items() if sid in sids]:
                self._controllers[session_id].discard(sid)
                if not self._controllers[session_id]:
                    del self._controllers[session_id]
            return self._owner.pop(sid, None)

    def forget_session(self, session_id: str) -> None:
        """The session is gone: nobody controls it any more."""
        with self._lock:
            self._controllers.pop(session_id, None)

    def tables_empty(self) -> bool:
        """True when no connection is in any table (for the leak test)."""
        return not (self._owner or self._watching or self._remote or self._controllers
                    or self._watchers)

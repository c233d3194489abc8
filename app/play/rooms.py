"""Classroom rooms: a shared run, its teacher's token, its students, board and question.

A ``Room`` wraps the teacher's ``Session``: whoever holds the token steers it,
everyone else in the room watches. Codes are short and typed by students, so
they avoid look-alike characters; tokens are long and never leave the
teacher's browser. Rooms are records the ``Classroom`` keeps (it alone adds
and removes members); nothing here emits.

Board entries and poll answers belong to a student, not a connection: the
key is the student's own session (which a reload keeps), so a student has
one of each however often the page reconnects, and both go when the student
leaves for good (``withdraw``). One address shares at most
``MAX_ROOMS_PER_ADDRESS`` rooms, and a room nobody joined closes
``RECONNECT_GRACE_SECONDS`` after its teacher left (one with students waits
``ROOM_GRACE_SECONDS``, for a reload), so a script cannot hold the classes.
"""
import secrets
import threading
from dataclasses import dataclass, field

from ..socket.values import ProtocolError, same_secret
from .session import Session

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_LENGTH = 6
CODE_ATTEMPTS = 20   # draws of a fresh class code before giving up (collisions are rare)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(value: object) -> str:
    """Upper-case, spaces and dashes removed; refuse anything that cannot be a code."""
    if not isinstance(value, str):
        raise ProtocolError("code", "code must be text")
    code = value.upper().replace(" ", "").replace("-", "")
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        raise ProtocolError("code", f"a class code is {CODE_LENGTH} letters and digits, "
                                    f"like {new_code()}")
    return code


@dataclass
class Question:
    id: int
    question: str
    options: list[str]
    answers: dict[str, int] = field(default_factory=dict)   # student -> choice

    def counts(self) -> list[int]:
        counts = [0] * len(self.options)
        for choice in self.answers.values():
            counts[choice] += 1
        return counts


@dataclass
class Room:
    """One class: the teacher's session plus the people watching it."""

    code: str
    token: str
    session: Session
    address: str = ""                  # where the teacher shared it from
    members: dict[str, str] = field(default_factory=dict)     # student sid -> name
    board: dict[str, dict] = field(default_factory=dict)      # student -> entry (with its id)
    posted: dict[str, float] = field(default_factory=dict)    # student -> when last submitted
    question: Question | None = None
    orphaned_at: float | None = None   # when the last teacher connection closed
    students_seen: int = 0
    entries_made: int = 0

    def token_matches(self, token: object) -> bool:
        return same_secret(token, self.token)

    def post(self, student: str, entry: dict, max_entries: int, interval: float,
             now: float) -> dict:
        """Put a student's run on the board (one entry each, replaced on resubmission).

        A student submits at most once every ``interval`` seconds. Returns the
        entry with its ``id`` (kept across resubmissions).
        """
        if now - self.posted.get(student, -interval) < interval:
            raise ProtocolError("rate", f"you submitted a moment ago; submit again in "
                                        f"{interval:g} s")
        old = self.board.get(student)
        if old is None and len(self.board) >= max_entries:
            raise ProtocolError("room", "the board is full")
        if old is None:
            self.entries_made += 1
        self.posted[student] = now
        self.board[student] = {**entry, "id": old["id"] if old else self.entries_made}
        return self.board[student]

    def withdraw(self, student: str) -> int | None:
        """A student left for good: their vote goes; return their board entry's id, if any."""
        if self.question is not None:
            self.question.answers.pop(student, None)
        self.posted.pop(student, None)
        entry = self.board.pop(student, None)
        return entry["id"] if entry else None

    def ask(self, question: str, options: list[str]) -> Question:
        """Open a new question; earlier answers are dropped."""
        number = self.question.id + 1 if self.question else 1
        self.question = Question(number, question, options)
        return self.question

    def answer(self, student: str, question_id: int, choice: int) -> None:
        question = self.question
        if question is None or question_id != question.id:
            raise ProtocolError("id", "that question is not open")
        if choice >= len(question.options):
            raise ProtocolError("choice", f"choice must be below {len(question.options)}")
        question.answers[student] = choice


class RoomRegistry:
    """All rooms of this process, by code; bounded by ``MAX_ROOMS``."""

    def __init__(self, config: dict):
        self.config = config
        self._rooms: dict[str, Room] = {}
        self._lock = threading.Lock()

    def share(self, session: Session, address: str = "",
              reserve=lambda code, session_id: True) -> Room:
        """The room of ``session``, made on first call from ``address``.

        ``reserve(code, session_id)`` claims a new code beyond this process
        (``cluster``); False means another instance has it: draw again.
        """
        per_address = self.config["MAX_ROOMS_PER_ADDRESS"]
        with self._lock:
            for room in self._rooms.values():
                if room.session is session:
                    return room
            if len(self._rooms) >= self.config["MAX_ROOMS"]:
                raise ProtocolError("room", "the server has as many classes as it can hold; "
                                            "try again later")
            if sum(room.address == address for room in self._rooms.values()) >= per_address:
                raise ProtocolError("room", f"your address already shares {per_address} "
                                            "classes; close one first")
            for _ in range(CODE_ATTEMPTS):
                code = new_code()
                if code not in self._rooms and reserve(code, session.id):
                    break
            else:
                raise ProtocolError("room", "could not find a free class code; try again")
            room = self._rooms[code] = Room(code, secrets.token_urlsafe(32), session, address)
            return room

    def get(self, code: str) -> Room:
        room = self._rooms.get(code)
        if room is None:
            raise ProtocolError("code", f"there is no class {code}; check the code")
        return room

    def has(self, code: str) -> bool:
        return code in self._rooms

    def of_session(self, session_id: str) -> Room | None:
        return next((r for r in list(self._rooms.values()) if r.session.id == session_id), None)

    def all(self) -> list[Room]:
        return list(self._rooms.values())

    def with_member(self, sid: str) -> Room | None:
        return next((r for r in list(self._rooms.values()) if sid in r.members), None)

    def expired(self, now: float) -> list[Room]:
        """Remove and return rooms whose teacher has been gone longer than the grace period.

        A class waits ``ROOM_GRACE_SECONDS`` for its teacher's reload; a room
        nobody ever joined only as long as a closed page (``RECONNECT_GRACE_SECONDS``).
        """
        graces = (self.config["RECONNECT_GRACE_SECONDS"], self.config["ROOM_GRACE_SECONDS"])
        with self._lock:
            gone = [r for r in self._rooms.values() if r.orphaned_at is not None
                    and now - r.orphaned_at > graces[r.students_seen > 0]]
            for room in gone:
                del self._rooms[room.code]
        return gone

    def any_orphaned(self) -> bool:
        return any(room.orphaned_at is not None for room in list(self._rooms.values()))

    def __len__(self) -> int:
        return len(self._rooms)

"""docs/PROTOCOL.md against a real server: its sample session runs as written, and every
event's ack carries exactly the fields its table row lists.

The server is the app as users start it (``python -m app``, gunicorn, real
websockets; ``tests/live_server.py``). Values that differ run to run (ids,
codes, tokens, addresses, epochs while training) are compared by type; all
else exactly.
"""
import re
import threading
from pathlib import Path

import pytest
import socketio

from tests.conftest import wait_for

DOC = (Path(__file__).resolve().parent.parent / "docs" / "PROTOCOL.md").read_text()
VARYING = {"session", "resume_token", "code", "teacher_token", "join_path", "join_url", "epoch",
           "server_time"}
ANY = object()


def _value(text: str):
    """A JSON value from the document, with its placeholders (``...``, ``[...n values]``, ``…``)."""
    import json
    text = re.sub(r"\[\.\.\.[^\]]*\]", '"<any>"', text)
    text = re.sub(r",\s*\.\.\.(?=\s*[}\]])", "", text)
    return json.loads(text, object_hook=lambda d: {k: ANY if v == "<any>" else v
                                                   for k, v in d.items()})


def sample_session() -> list[tuple[str, str, object]]:
    """("send" | "receive", event, payload) for every line of the sample session."""
    block = DOC.split("## Sample session", 1)[1].split("```")[1]
    steps = []
    for line in block.strip().splitlines():
        arrow, event, *rest = line.split(" ", 2)
        payload = _value(rest[0]) if rest else None
        steps.append(("send" if arrow == ">" else "receive", event, payload))
    return steps


def conforms(expected, actual, key: str | None = None, exact: bool = True) -> bool:
    """True when ``actual`` has every part of ``expected`` (extra keys allowed)."""
    if expected is ANY:
        return True
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and conforms(v, actual[k], k, exact) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(
            conforms(e, a, key, exact) for e, a in zip(expected, actual))
    if key in VARYING or (isinstance(expected, str) and "…" in expected):
        return type(actual) is type(expected)
    return actual == expected and type(actual) is type(expected)


class Client:
    """A Socket.IO client that keeps every event it receives, in order."""

    def __init__(self, url: str):
        self.sio = socketio.Client(reconnection=False)
        self.received: list[tuple[str, object]] = []
        self.lock = threading.Lock()
        self.sio.on("*", self._keep)
        self.sio.connect(url, transports=["websocket"], wait_timeout=20)

    def _keep(self, event, data=None):
        with self.lock:
            self.received.append((event, data))

    def call(self, event: str, payload=None) -> dict:
        return self.sio.call(event, payload, timeout=20) if payload is not None else \
            self.sio.call(event, timeout=20)

    def next(self, event: str, after: int) -> tuple[int, object]:
        """The first ``event`` received after position ``after`` (waits for it)."""
        def find():
            with self.lock:
                return next(((i, data) for i, (name, data) in enumerate(self.received)
                             if i > after and name == event), None)
        return wait_for(find, timeout=20)


def test_the_sample_session_runs_as_written(live_server):
    client, position, ack = None, -1, None
    try:
        for direction, event, payload in sample_session():
            if direction == "send" and event == "connect":
                client = Client(live_server)
            elif direction == "send":
                ack = client.call(event, payload)
            elif event == "ack":
                assert conforms(payload, ack), (payload, ack)
            else:
                position, message = client.next(event, position)
                assert conforms(payload, message), (event, payload, message)
    finally:
        if client is not None:
            client.sio.disconnect()


def _documented_acks() -> dict[str, set[str]]:
    """Each client event's ack fields, from the "ack on success" column of the tables."""
    acks = {}
    for row in re.findall(r"^\| `(\w+)` \|([^\n]*)$", DOC, flags=re.MULTILINE):
        event, cells = row[0], [c.strip() for c in row[1].split(" | ")]
        ack = next((c for c in cells if c.startswith('`{"ok": true')), None)
        if ack is not None:
            top = ack.strip("`")[1:-1]
            while re.search(r"\{[^{}]*\}", top):             # nested objects: their keys
                top = re.sub(r"\{[^{}]*\}", "object", top)  # are not the ack's
            acks[event] = set(re.findall(r'"(\w+)"(?=\s*[:,]|\s*$)', top))
    return acks


def _every_event(teacher: Client, student: Client, url: str) -> dict[str, dict]:
    """Send each client event once, valid, in an order where each can succeed."""
    acks = {}
    for event, payload in (
            ("configure", {"learning_rate": 0.1}), ("play", None), ("pause", None),
            ("step", None), ("reset", None),
            ("set_parameter", {"layer": 0, "to": 0, "from": 0, "value": 0.5}),
            ("add_points", {"points": [[1, 1, 1]], "set": "train"}),
            ("erase_points", {"x1": 1, "x2": 1, "radius": 0.5}),
            ("upload_csv", {"csv": "1,1,1\n-1,-1,-1\n2,2,1\n-2,-2,-1\n"}),
            ("export_model", None), ("explain_point", {"index": 0})):
        acks[event] = teacher.call(event, payload)
    assert teacher.call("configure", {"problem": "images", "dataset": "digits"})["ok"]
    for event, payload in (
            ("add_images", {"images": [[0] * 60 + [16] * 4], "labels": [1], "set": "test"}),
            ("export_images", None), ("upload_images", {"images": "0," * 64 + "1\n" + "16," * 64 + "2"}),
            ("share", None)):
        acks[event] = teacher.call(event, payload)
    acks["import_model"] = teacher.call("import_model", {"model": acks["export_model"]["model"]})
    code, token = acks["share"]["code"], acks["share"]["teacher_token"]
    acks["join"] = student.call("join", {"code": code, "name": "Ada"})
    acks["ask"] = teacher.call("ask", {"question": "Converge?", "options": ["Yes", "No"]})
    acks["answer"] = student.call("answer", {"id": acks["ask"]["id"], "choice": 0})
    acks["reveal"] = teacher.call("reveal")
    for event, payload in (("fork", None), ("submit_run", {"label": "mine"}), ("follow", None),
                           ("leave", None)):
        acks[event] = student.call(event, payload)
    back = Client(url)
    try:
        acks["claim"] = back.call("claim", {"code": code, "teacher_token": token})
    finally:
        back.sio.disconnect()
    return acks


def test_every_ack_has_the_fields_its_table_lists(live_server):
    documented = _documented_acks()
    teacher, student = Client(live_server), Client(live_server)
    try:
        acks = _every_event(teacher, student, live_server)
    finally:
        for client in (teacher, student):
            client.sio.disconnect()
    assert set(acks) == set(documented), "every client event is exercised"
    for event, ack in acks.items():
        assert ack["ok"] is True, (event, ack)
        assert set(ack) == documented[event], (event, sorted(ack), sorted(documented[event]))


@pytest.mark.parametrize("text, expected", [
    ('{"ok": true, "settings": {...all...}, "restarted": bool}', {"ok", "settings", "restarted"}),
    ('{"ok": true, "model": {"format": 1, "sizes": [2]}}', {"ok", "model"}),
    ('{"ok": true, "run", "epoch", "set"}', {"ok", "run", "epoch", "set"}),
    ('{"ok": true, "code": str, "join_path": "/join/CODE", "lan": bool}',
     {"ok", "code", "join_path", "lan"}),
])
def test_ack_columns_are_read_as_the_fields_they_name(text, expected, monkeypatch):
    monkeypatch.setitem(globals(), "DOC", f"| `x` | none | `{text}` | effect |")
    assert _documented_acks() == {"x": expected}

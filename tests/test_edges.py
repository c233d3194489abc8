"""Edges a script finds (issue 14, item 10): every odd value is refused by name, never an
"internal error"; model files are checked value by value; tokens are compared safely and a
resume token is used once; an unknown event is answered and logged."""
import logging

import pytest

from app import create_app
from app.config import TestConfig
from tests.conftest import Inbox, emit_any_json

HUGE = 10 ** 400                 # a 400-digit integer: valid JSON, no float can hold it
LONE = "\ud800"                  # a lone surrogate: valid JSON text, not encodable as UTF-8


def refused(ack: dict, field: str) -> bool:
    return ack["ok"] is False and ack["error"]["field"] == field \
        and "internal error" not in ack["error"]["message"]


@pytest.mark.parametrize("event, payload, field", [
    ("configure", {"learning_rate": HUGE}, "learning_rate"),
    ("configure", {"seed": -HUGE}, "seed"),
    ("configure", {"hidden_layers": [HUGE]}, "hidden_layers[0]"),
    ("set_parameter", {"layer": HUGE, "to": 0, "from": 0, "value": 1}, "layer"),
    ("set_parameter", {"layer": 0, "to": 0, "from": None, "value": HUGE}, "value"),
    ("erase_points", {"x1": HUGE, "x2": 0, "radius": 1}, "x1"),
    ("add_points", {"points": [[0, 0, HUGE]]}, "points[0]"),
    ("explain_point", {"index": HUGE}, "index"),
    ("answer", {"id": HUGE, "choice": 0}, "id"),
])
def test_a_huge_integer_is_refused_naming_its_field(sio, event, payload, field):
    assert refused(emit_any_json(sio, event, payload), field)


@pytest.mark.parametrize("event, payload, field", [
    ("upload_csv", {"csv": f"1,2,1\n{LONE},0,1"}, "csv"),
    ("join", {"code": f"ABCDE{LONE}"}, "code"),
    ("claim", {"code": "ABCDEF", "teacher_token": LONE}, "teacher_token"),
    ("submit_run", {"label": LONE}, "label"),
    ("ask", {"question": f"why{LONE}", "options": ["a", "b"]}, "question"),
    ("configure", {LONE: 1}, "?"),
])
def test_a_lone_surrogate_is_refused_naming_its_field(connect, event, payload, field):
    teacher = connect()
    code = teacher.emit("share", callback=True)["code"]
    if event == "claim":
        payload = {**payload, "code": code}
    if event in ("submit_run",):
        student = connect()
        student.emit("join", {"code": code}, callback=True)
        student.emit("fork", callback=True)
        teacher = student
    ack = emit_any_json(teacher, event, payload)
    assert refused(ack, field), ack


def test_a_lone_surrogate_as_a_resume_token_gives_a_fresh_session(app, client):
    socketio = app.extensions["socketio"]
    first = socketio.test_client(app, flask_test_client=client)
    session = Inbox(first).of("hello")[0]["session"]
    first.disconnect()
    again = socketio.test_client(app, flask_test_client=client,
                                 auth={"session": session, "resume_token": LONE})
    assert again.is_connected()
    assert Inbox(again).of("hello")[0]["session"] != session
    again.disconnect()


def test_a_resume_token_works_once_and_is_replaced(app, client):
    socketio = app.extensions["socketio"]
    first = socketio.test_client(app, flask_test_client=client)
    hello = Inbox(first).of("hello")[0]
    first.disconnect()
    auth = {"session": hello["session"], "resume_token": hello["resume_token"]}
    resumed = socketio.test_client(app, flask_test_client=client, auth=auth)
    again = Inbox(resumed).of("hello")[0]
    assert again["session"] == hello["session"], "the token gives the session back"
    assert again["resume_token"] != hello["resume_token"], "and is replaced by a new one"
    resumed.disconnect()
    replay = socketio.test_client(app, flask_test_client=client, auth=auth)
    assert Inbox(replay).of("hello")[0]["session"] != hello["session"], "the old one is spent"
    replay.disconnect()


@pytest.fixture
def model(sio):
    sio.emit("step", callback=True)
    return sio.emit("export_model", callback=True)["model"]


@pytest.mark.parametrize("change, field", [
    (lambda m: m["weights"][0][0].__setitem__(0, "0.5"), "model.weights[0][0][0]"),
    (lambda m: m["weights"][1][0].__setitem__(1, True), "model.weights[1][0][1]"),
    (lambda m: m["biases"][0].__setitem__(0, 1e308), "model.biases[0][0]"),
    (lambda m: m["biases"][2].__setitem__(0, HUGE), "model.biases[2][0]"),
    (lambda m: m["history"]["train"].__setitem__(0, "inf"), "model.history.train[0]"),
    (lambda m: m["history"]["test"].__setitem__(1, float("inf")), "model.history.test[1]"),
    (lambda m: m["history"]["test"].__setitem__(1, -1.0), "model.history.test[1]"),
    (lambda m: m.__setitem__("version", True), "model.version"),
    (lambda m: m.__setitem__("epoch", HUGE), "model.epoch"),
])
def test_a_model_file_is_checked_value_by_value(sio, model, change, field):
    change(model)
    assert refused(emit_any_json(sio, "import_model", {"model": model}), field)


def test_an_unknown_event_is_answered_and_logged(sio, caplog):
    caplog.set_level(logging.INFO, logger="app")
    ack = sio.emit("no_such_event", {"x": 1}, callback=True)
    assert refused(ack, "event") and "no_such_event" in ack["error"]["message"]
    assert any("no_such_event refused (event)" in r.getMessage() for r in caplog.records)


def test_a_connect_handled_twice_makes_no_second_session():
    """Defence in depth: the packet gate refuses "connect" as an event (tests/test_gate.py);
    should the handler run again anyway, it makes no session."""
    app = create_app(base=TestConfig)
    sio = app.extensions["socketio"].test_client(app)
    registry = app.extensions["playground"].registry
    for _ in range(5):
        sio.emit("connect", {}, callback=True)
    assert len(registry) == 1
    sio.disconnect()
    assert app.extensions["playground"].classroom.tables_empty()

"""Property-based fuzzing of every client event: nothing crashes, refusals name a field,
the session keeps training, and a student can never steer or read the teacher's run.

Each test sends thousands of generated payloads (valid, nearly valid and
garbage: NaN, integers of hundreds of digits, lone surrogates, wrong types,
unknown fields, mutated model files) and raw packets no Socket.IO client
sends (binary attachments, reserved event names such as ``connect``,
undecodable text) through the packet gate and the real Socket.IO handlers,
the path every packet takes in production. An "internal error" ack or a
logged exception means something was let through; it fails the test.
"""
import json
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from app.config import TestConfig
from app.socket.names import CLIENT_EVENTS
from tests.conftest import emit_any_json

FUZZ_CONFIG = {"MAX_EVENTS_PER_SECOND": 1e9, "EVENT_BURST": 1e9, "MAX_SESSIONS_PER_ADDRESS": 100,
               "MAX_BAD_PACKETS": 10**9}   # the gate would close a real connection; keep fuzzing
EXAMPLES = 800          # × 6 to 12 events each: about 7,000 payloads per test
STUDENT_EXAMPLES = 300
LONE_SURROGATES = ["\ud800", "a\udfffb", "\udc00" * 3]
RAW_PACKETS = [                       # what no Socket.IO client sends
    '451-["configure",{"_placeholder":true,"num":0}]', '459999999999-["x"]',
    '461-[{"_placeholder":true,"num":0}]', b"\x00\x01binary", "42[", "4", "", "42{}", "42[1,2]",
    '42["connect",{}]', '421["connect",{}]', '422["disconnect"]', '42["connect_error"]',
    "40", '40{"session":1}', '43["x"]', "49", '42["step"', '42[' + '[' * 1200 + ']' * 1200 + ']',
    '42["configure",{"seed":' + "9" * 5000 + "}]",
]

scalars = (st.none() | st.booleans() | st.integers(-10**15, 10**15)
           | st.sampled_from([10**400, -10**400, 2**1024])
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=24)
           | st.sampled_from(LONE_SURROGATES))
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=6)
    | st.dictionaries(st.text(max_size=12), inner, max_size=5), max_leaves=25)


def _field_values(name: str, spec: dict):
    """Values for one settings field: mostly in range, some at or past the edges."""
    kind = spec["type"]
    if kind in ("number", "integer"):
        low, high = spec["min"], spec["max"]
        good = (st.integers(int(low), int(high)) if kind == "integer"
                else st.floats(low, high, allow_nan=False))
        return good | st.sampled_from([low, high, low - 1, high * 10, -0.0]) | scalars
    if kind == "string":
        return st.sampled_from(spec["options"]) | scalars
    if kind == "features":
        return st.lists(st.sampled_from(spec["options"]), min_size=0, max_size=8) | scalars
    if kind == "boolean":
        return st.booleans() | scalars
    if kind == "conv_layers":
        layer = st.fixed_dictionaries({"filters": st.integers(0, spec["max"] + 1) | scalars,
                                       "kernel": st.sampled_from([1, 2, 3, 5, 7]) | scalars})
        return st.lists(layer | json_values, max_size=spec["max_layers"] + 1) | scalars
    return st.lists(st.integers(0, spec["max"] + 1), max_size=spec["max_layers"] + 1) | scalars


def _images():
    """Grids of pixel values, mostly 8×8 (the default digits), some of other sizes or garbage."""
    pixel = st.integers(0, 17) | st.floats(-1, 17) | scalars
    image = st.lists(pixel, min_size=64, max_size=64) | st.lists(pixel, max_size=70)
    return st.fixed_dictionaries({"images": st.lists(image, max_size=3) | json_values,
                                  "labels": st.lists(st.integers(-1, 11) | scalars, max_size=3)
                                  | json_values},
                                 optional={"set": st.sampled_from(["train", "test", "x"])})


def _image_text():
    """Texts of images: lines of 64 (or 63, 256, 100) values, a label and maybe a set."""
    values = st.sampled_from([63, 64, 100, 256]).flatmap(
        lambda n: st.lists(st.sampled_from(["0", "16", "8.5", "17", "-1", "x", ""]),
                           min_size=n, max_size=n))
    line = st.tuples(values, st.sampled_from(["0", "3", "9", "10", "-1", "1.5", "q"]),
                     st.sampled_from(["", ",train", ",test", ",both"])).map(
        lambda t: ",".join(t[0] + [t[1]]) + t[2])
    return st.lists(line | st.sampled_from(["", "# comment"]), max_size=6).map("\n".join)


def _settings(schema: dict):
    fields = {name: _field_values(name, spec) for name, spec in schema.items()}
    valid = st.fixed_dictionaries({}, optional={k: v for k, v in fields.items()})
    return valid | st.dictionaries(st.sampled_from(list(schema) + ["bogus", ""]), json_values,
                                   max_size=4)


def _points():
    coordinate = st.floats(-7, 7) | scalars
    return st.lists(st.lists(coordinate | st.integers(-1, 5), min_size=0, max_size=4),
                    max_size=5) | json_values


def _payloads(schema: dict, model: dict):
    """A strategy of (event, payload) pairs covering every client event."""
    def mutated_model(path_value):
        key, value = path_value
        copy = json.loads(json.dumps(model))
        target = copy if key not in ("train", "test") else copy["data"]
        target[key] = value
        return copy

    model_keys = st.sampled_from(["settings", "weights", "biases", "epoch", "history", "data",
                                  "format", "version", "sizes", "train", "test"])
    by_event = {
        "configure": _settings(schema),
        "set_parameter": st.fixed_dictionaries(
            {"layer": st.integers(-1, 4) | scalars, "to": st.integers(-1, 9) | scalars,
             "from": st.none() | st.integers(-1, 9) | scalars, "value": scalars}) | json_values,
        "add_points": st.fixed_dictionaries({"points": _points()},
                                            optional={"set": st.sampled_from(["train", "test", "x"])})
        | json_values,
        "erase_points": st.fixed_dictionaries({"x1": scalars | st.floats(-6, 6),
                                               "x2": scalars | st.floats(-6, 6),
                                               "radius": scalars | st.floats(0, 13)}) | json_values,
        "upload_csv": st.fixed_dictionaries({"csv": st.text(max_size=200) | st.lists(
            st.sampled_from(["1,2,1", "0,0,-1", "x1,x2,label", "9,9,9", "1,nan,1", "a,b", ""]),
            max_size=12).map("\n".join) | scalars}) | json_values,
        "import_model": st.fixed_dictionaries({"model": st.tuples(model_keys, json_values)
                                               .map(mutated_model)}) | json_values,
        "add_images": _images() | json_values,
        "upload_images": st.fixed_dictionaries({"images": _image_text() | scalars}) | json_values,
        "explain_point": st.fixed_dictionaries({"index": scalars | st.integers(0, 300)},
                                               optional={"set": st.sampled_from(["train", "test", "all"])}),
        "join": st.fixed_dictionaries({"code": scalars}, optional={"name": scalars}),
        "claim": st.fixed_dictionaries({"code": scalars, "teacher_token": scalars}),
        "submit_run": st.none() | st.fixed_dictionaries({}, optional={"label": scalars}),
        "ask": st.fixed_dictionaries({"question": scalars, "options": json_values}),
        "answer": st.fixed_dictionaries({"id": scalars, "choice": scalars}),
    }
    by_event["raw"] = st.sampled_from(RAW_PACKETS)
    plain = st.none() | st.just({}) | json_values
    return st.sampled_from(CLIENT_EVENTS + ("raw", "no_such_event")).flatmap(
        lambda event: st.tuples(st.just(event), by_event.get(event, plain)))


def _check_ack(event: str, ack) -> bool:
    """The ack is well formed; return True when it refused the payload."""
    assert isinstance(ack, dict) and isinstance(ack.get("ok"), bool), (event, ack)
    if ack["ok"]:
        return False
    error = ack["error"]
    assert isinstance(error["field"], str) and error["field"], (event, ack)
    assert isinstance(error["message"], str) and error["message"], (event, ack)
    assert "internal error" not in error["message"], (event, ack)
    return True


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def fuzz_app():
    app = create_app(FUZZ_CONFIG, base=TestConfig)
    errors = _Errors()
    logging.getLogger("app").addHandler(errors)
    yield app, errors
    logging.getLogger("app").removeHandler(errors)


def _emit(client, event, payload):
    """Send through the packet gate, as every packet goes in production."""
    if event == "raw":
        return _raw(client, payload)
    return emit_any_json(client, event, payload, through_gate=True)


def _raw(client, data):
    """A packet as it comes off the wire; the ack, if any (only a reserved name gets one)."""
    client.acks = None
    client.socketio.server.eio.handlers["message"](client.eio_sid, data)
    ack, client.acks = client.acks, None
    if ack is None:
        return {"ok": False, "error": {"field": "packet", "message": "dropped"}}
    return ack["args"][0]


def test_every_event_survives_generated_payloads(fuzz_app):
    app, errors = fuzz_app
    socketio = app.extensions["socketio"]
    client = socketio.test_client(app)
    schema = app.extensions["playground"].registry.schema
    model = client.emit("export_model", callback=True)["model"]
    counts = {"sent": 0, "refused": 0}

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(_payloads(schema, model), min_size=6, max_size=12))
    def run(sequence):
        for event, payload in sequence:
            ack = _emit(client, event, payload)
            counts["sent"] += 1
            counts["refused"] += _check_ack(event, ack)
            json.dumps(ack, allow_nan=False)
            for message in client.get_received():   # frames, runs ...: valid JSON too
                json.dumps(message["args"], allow_nan=False)

    run()
    assert counts["sent"] >= 4800 and counts["refused"] > 1000, counts
    assert errors.records == [], [r.getMessage() for r in errors.records[:3]]
    client.emit("pause", callback=True)
    assert client.emit("reset", callback=True)["ok"]
    assert client.emit("step", callback=True)["ok"], "the session still trains"
    client.disconnect()


def test_a_student_can_never_steer_or_read_the_teachers_run(fuzz_app):
    app, errors = fuzz_app
    socketio = app.extensions["socketio"]
    teacher, student = socketio.test_client(app), socketio.test_client(app)
    shared = teacher.emit("share", callback=True)
    classroom = app.extensions["playground"].classroom
    room = classroom.rooms.get(shared["code"])
    session = room.session
    teacher.emit("step", callback=True)
    before = (json.dumps(session.settings), session.run.epoch, session.running,
              classroom.controllers(session.id))
    schema = app.extensions["playground"].registry.schema
    model = teacher.emit("export_model", callback=True)["model"]
    assert student.emit("join", {"code": shared["code"]}, callback=True)["ok"]
    sent = []

    @settings(max_examples=STUDENT_EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(_payloads(schema, model), min_size=4, max_size=12))
    def run(sequence):
        for event, payload in sequence:
            if event == "claim" and isinstance(payload, dict) and payload.get("code"):
                payload = {**payload, "code": shared["code"]}   # aim at the real room
            _check_ack(event, _emit(student, event, payload))
            sent.append(event)
            now = (json.dumps(session.settings), session.run.epoch, session.running,
                   classroom.controllers(session.id))
            assert now == before, f"the teacher's run changed after {event}"
            received = json.dumps([m["args"] for m in student.get_received()])
            assert shared["teacher_token"] not in received

    run()
    assert len(sent) >= 1000
    assert errors.records == []
    for client in (student, teacher):
        client.disconnect()

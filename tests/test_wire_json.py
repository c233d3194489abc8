"""Strict JSON on the wire: no message can carry NaN or Infinity, and none needs to."""
import json
import math

import pytest
from socketio import packet

from app.socket import wire_json


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_no_message_can_carry_nan_or_infinity(app, value):
    server = app.extensions["socketio"].server
    assert server.packet_class.json is wire_json, "Socket.IO encodes with the strict module"
    with pytest.raises(ValueError):
        server.packet_class(packet.EVENT, data=["frame", {"loss": [1.0, value]}]).encode()
    with pytest.raises(ValueError):
        server.packet_class(packet.ACK, data=[{"ok": True, "loss": value}], id=1).encode()


def test_the_wire_is_compact():
    assert wire_json.dumps({"a": [1, 2.5]}) == '{"a":[1,2.5]}'


def test_explain_point_after_a_nonfinite_stop_answers_with_strict_json(app, sio, inbox):
    (session,) = app.extensions["playground"].registry._sessions.values()
    session.run.network.params[0] = math.inf          # what an overflowing update does
    assert sio.emit("step", callback=True)["ok"]
    assert inbox.last_frame()["stopped"]["reason"] == "diverged"
    ack = sio.emit("explain_point", {"index": 0}, callback=True)
    assert ack["ok"] and ack["weights"][0][0][0] is None, "infinity is sent as null"
    json.dumps(ack, allow_nan=False)

"""Validation of client payloads: every refusal names the field."""
import math

import pytest

from app.config import Config, load
from app.socket import settings as protocol
from app.socket.catalog import catalog as full_catalog
from app.socket.settings import validate_settings
from app.socket.values import ProtocolError, empty as validate_empty

SCHEMA = protocol.settings_schema(load(Config))


@pytest.mark.parametrize("payload, field", [
    ({"learning_rate": "fast"}, "learning_rate"),
    ({"learning_rate": math.nan}, "learning_rate"),
    ({"learning_rate": math.inf}, "learning_rate"),
    ({"learning_rate": 0}, "learning_rate"),
    ({"learning_rate": 11}, "learning_rate"),
    ({"learning_rate": True}, "learning_rate"),
    ({"activation": "softmax"}, "activation"),
    ({"activation": 3}, "activation"),
    ({"dataset": None}, "dataset"),
    ({"noise": 51}, "noise"),
    ({"noise": 2.5}, "noise"),
    ({"noise": True}, "noise"),
    ({"train_ratio": 5}, "train_ratio"),
    ({"batch_size": 0}, "batch_size"),
    ({"batch_size": 31}, "batch_size"),
    ({"num_points": 10**9}, "num_points"),
    ({"hidden_layers": 4}, "hidden_layers"),
    ({"hidden_layers": [4] * 7}, "hidden_layers"),
    ({"hidden_layers": [4, 0]}, "hidden_layers[1]"),
    ({"hidden_layers": [4, "2"]}, "hidden_layers[1]"),
    ({"seed": -1}, "seed"),
    ({"speed": 0}, "speed"),
    ({"colour": "red"}, "colour"),
])
def test_bad_setting_is_refused_naming_the_field(payload, field):
    with pytest.raises(ProtocolError) as error:
        validate_settings(payload, SCHEMA)
    assert error.value.field == field
    assert field.split("[")[0] in error.value.message


@pytest.mark.parametrize("payload", [None, [], "tanh", 3])
def test_configure_needs_an_object(payload):
    with pytest.raises(ProtocolError) as error:
        validate_settings(payload, SCHEMA)
    assert error.value.field == "settings"


def test_good_settings_come_back_clean():
    clean = validate_settings({"learning_rate": 0.1, "noise": 10.0, "hidden_layers": [],
                               "activation": "relu", "seed": 2**31 - 1}, SCHEMA)
    assert clean == {"learning_rate": 0.1, "noise": 10, "hidden_layers": [],
                     "activation": "relu", "seed": 2**31 - 1}
    assert isinstance(clean["noise"], int)


def test_schema_limits_follow_the_config():
    schema = protocol.settings_schema(load(Config, {"MAX_NEURONS": 3, "MAX_HIDDEN_LAYERS": 2}))
    with pytest.raises(ProtocolError):
        validate_settings({"hidden_layers": [4]}, schema)
    with pytest.raises(ProtocolError):
        validate_settings({"hidden_layers": [1, 1, 1]}, schema)
    assert validate_settings({"hidden_layers": [3, 3]}, schema) == {"hidden_layers": [3, 3]}


def test_defaults_pass_their_own_validation():
    defaults = protocol.default_settings(SCHEMA)
    assert validate_settings(defaults, SCHEMA) == defaults


@pytest.mark.parametrize("payload", [None, {}])
def test_events_without_arguments_accept_nothing(payload):
    validate_empty("play", payload)


@pytest.mark.parametrize("payload, field", [({"x": 1}, "x"), ([1], "payload"), ("go", "payload")])
def test_events_without_arguments_refuse_anything(payload, field):
    with pytest.raises(ProtocolError) as error:
        validate_empty("play", payload)
    assert error.value.field == field


def test_catalog_lists_every_registered_function():
    from app.nn import activations, losses
    catalog = full_catalog()
    assert [a["name"] for a in catalog["activations"]] == list(activations.ACTIVATIONS)
    assert [item["name"] for item in catalog["losses"]] == list(losses.LOSSES)
    assert all(a["formula"] and a["derivative_formula"] for a in catalog["activations"])


def test_settings_defaults_and_restart_fields_come_from_the_engine():
    import dataclasses
    from app.nn.run_config import RESTART_FIELDS, RunConfig
    engine = RunConfig()
    for field in dataclasses.fields(RunConfig):
        default = getattr(engine, field.name)
        expected = list(default) if isinstance(default, tuple) else default
        assert SCHEMA[field.name]["default"] == expected, field.name
        assert SCHEMA[field.name]["live"] is (field.name not in RESTART_FIELDS), field.name

"""docs/PROTOCOL.md, app/socket/names.py and static/js/protocol.js name the same events."""
import json
import re
from pathlib import Path

from app import create_app
from app.config import TestConfig
from app.socket import names as protocol

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "PROTOCOL.md").read_text()


def _table_events(direction: str) -> list[str]:
    """Event names in the first column of every event table of one direction.

    Client tables have an "ack on success" column, server tables a "when" one.
    """
    column = {"client": "ack on success", "server": "when"}[direction]
    names = []
    for table in re.split(r"\n\s*\n", DOC):
        header = table.strip().splitlines()[0] if table.strip() else ""
        if header.startswith("| event |") and column in header:
            names += re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE)
    return names


def _js_events(name: str) -> list[str]:
    source = (ROOT / "static" / "js" / "protocol.js").read_text()
    match = re.search(rf"export const {name} = (\[[^\]]*\]);", source)
    assert match, f"static/js/protocol.js must export {name} as a literal array"
    return json.loads(match.group(1).replace("'", '"'))


def test_client_events_match_the_document_and_the_browser():
    documented = _table_events("client")
    assert sorted(documented) == sorted(set(protocol.CLIENT_EVENTS))
    assert sorted(_js_events("CLIENT_EVENTS")) == sorted(protocol.CLIENT_EVENTS)


def test_server_events_match_the_document_and_the_browser():
    documented = _table_events("server")
    assert sorted(documented) == sorted(set(protocol.SERVER_EVENTS))
    assert sorted(_js_events("SERVER_EVENTS")) == sorted(protocol.SERVER_EVENTS)


def test_every_setting_is_documented_with_its_default():
    app = create_app(base=TestConfig)
    schema = app.extensions["playground"].registry.schema
    rows = dict(re.findall(r"^\| `(\w+)` \|(?:[^|\n]*\|){2}\s*([^|\n]+?)\s*\|", 
                           DOC.split("### Settings", 1)[1].split("\n## ", 1)[0], re.MULTILINE))
    assert set(rows) == set(schema)
    for name, spec in schema.items():
        assert json.loads(rows[name].replace("`", "")) == spec["default"], name


def test_every_handled_event_is_a_protocol_event():
    app = create_app(base=TestConfig)
    namespace = app.extensions["socketio"].server.namespace_handlers["/"]
    handled = {name[3:] for name in dir(namespace) if name.startswith("on_")}
    handled -= {"connect", "disconnect", "event"}  # on_event: python-socketio's own
    assert handled == set(protocol.CLIENT_EVENTS)


def test_the_pages_test_schema_is_the_servers():
    """tests/js/fixtures/schema.json (the node tests' hello.schema) is what the server sends."""
    from app.config import Config, load
    from app.socket.settings import settings_schema
    fixture = json.loads((ROOT / "tests" / "js" / "fixtures" / "schema.json").read_text())
    assert fixture == json.loads(json.dumps(settings_schema(load(Config, environ={})))), \
        "regenerate tests/js/fixtures/schema.json from app.socket.settings.settings_schema"

"""Behind a reverse proxy (PROXY_HOPS): the per-address limit counts clients, not the proxy."""
import pytest
import socketio

from tests.live_server import serve


def connects(url: str, forwarded_for: str) -> socketio.Client | None:
    client = socketio.Client(reconnection=False)
    try:
        client.connect(url, transports=["websocket"], wait_timeout=10,
                       headers={"X-Forwarded-For": forwarded_for})
    except socketio.exceptions.ConnectionError:
        return None
    return client


@pytest.mark.parametrize("hops, distinct", [(1, True), (0, False)])
def test_forwarded_addresses_count_only_when_the_proxy_is_trusted(tmp_path, hops, distinct):
    env = {"PLAYGROUND_PROXY_HOPS": str(hops), "PLAYGROUND_MAX_SESSIONS_PER_ADDRESS": "1"}
    with serve(tmp_path / "server.log", env) as url:
        first = connects(url, "10.0.0.1")
        other = connects(url, "10.0.0.2")
        same = connects(url, "10.0.0.1")
        try:
            assert first is not None
            assert (other is not None) == distinct, "a second student behind the same proxy"
            assert same is None, "the same address twice is over the limit of 1"
        finally:
            for client in (first, other, same):
                if client is not None:
                    client.disconnect()

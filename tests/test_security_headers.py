"""Every HTTP response carries the security headers; errors reveal nothing inside."""
import pytest

from app.web.security import HEADERS


@pytest.mark.parametrize("path", ["/", "/api/catalog", "/static/js/main.js", "/no/such/page"])
def test_every_response_has_the_security_headers(client, path):
    with client.get(path) as response:
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (path, name)


def test_the_policy_allows_only_the_app_itself():
    policy = HEADERS["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy and "frame-ancestors 'none'" in policy
    assert "http" not in policy, "no other host"


def test_an_error_page_shows_no_trace_or_path(client):
    with client.get("/join/NOPE/qr.svg") as response:
        body = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Traceback" not in body and "/work" not in body and ".py" not in body

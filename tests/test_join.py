"""The address students open: decided by the server (PUBLIC_URL), never by the request's host."""
import io
import re

import pytest
import segno

from app import create_app
from app.config import TestConfig
from app.web.join import reachable

LAN = "http://192.168.1.20:5000/"


def qr_of(url: str) -> bytes:
    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=8, border=2, dark="#000", light="#fff")
    return svg.getvalue()


def share(app) -> dict:
    ack = app.extensions["socketio"].test_client(app).emit("share", callback=True)
    assert ack["ok"], ack
    return ack


def test_the_share_ack_says_the_join_address_and_that_loopback_is_not_reachable():
    app = create_app({"HOST": "127.0.0.1", "PORT": 5123}, base=TestConfig)
    ack = share(app)
    assert ack["join_url"] == f"http://127.0.0.1:5123/join/{ack['code']}"
    assert ack["join_path"] == f"/join/{ack['code']}" and ack["lan"] is False


def test_public_url_is_the_address_in_the_ack_and_the_qr_even_from_127_0_0_1():
    app = create_app({"PUBLIC_URL": LAN}, base=TestConfig)
    ack = share(app)
    assert ack["join_url"] == f"{LAN}join/{ack['code']}" and ack["lan"] is True
    client = app.test_client()
    with client.get(f"/join/{ack['code']}/qr.svg", base_url="http://127.0.0.1:5000/") as qr:
        assert qr.status_code == 200
        assert qr.data == qr_of(ack["join_url"]), "the QR code holds PUBLIC_URL's address"
        assert qr.data != qr_of(f"http://127.0.0.1:5000/join/{ack['code']}")


@pytest.mark.parametrize("url, expected", [
    ("http://127.0.0.1:5000/", False), ("http://localhost:5000/", False),
    ("http://0.0.0.0:5000/", False), ("http://[::1]:5000/", False),
    ("http://192.168.1.20:5000/", True), ("https://playground.school.example/", True),
])
def test_reachable_means_another_device_can_open_it(url, expected):
    assert reachable(url) is expected


def _no_inline_code(html: str) -> None:
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "the CSP forbids inline script"
    assert not re.search(r"\son[a-z]+\s*=", html), "... and inline event handlers"


@pytest.mark.parametrize("path", ["/join/ZZZZZZ", "/join/AB1", "/join?code=ZZZ ZZZ"])
def test_an_unknown_or_closed_class_gets_a_friendly_page_with_the_code_box(client, path):
    with client.get(path) as page:
        assert page.status_code == 404 and page.mimetype == "text/html"
        html = page.get_data(as_text=True)
    assert "No class" in html and 'name="code"' in html and 'action="/join"' in html
    assert "/static/css/app.css" in html
    _no_inline_code(html)


def test_the_code_box_leads_to_the_class(app, client):
    code = share(app)["code"]
    with client.get(f"/join?code={code[:3].lower()}+{code[3:]}") as answer:
        assert answer.status_code == 302 and answer.location.endswith(f"/join/{code}")
    with client.get("/join") as empty:
        assert empty.status_code == 200 and 'name="code"' in empty.get_data(as_text=True)

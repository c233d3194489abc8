"""A class's join address: where students go, its QR code, and a page for a code with no class.

The server decides the address students open: ``PUBLIC_URL`` (the launcher
sets it to the LAN address under ``--lan``), else ``http://HOST:PORT/`` from
the config; never the request's Host header, so a teacher browsing at
127.0.0.1 still shows students an address their devices can reach, and the
share ack says whether it is one (``lan``). A code is looked up in the class
directory, so with several instances every one of them serves every class.
"""
import io
import ipaddress
from urllib.parse import urlsplit

import segno
from flask import Flask, Response, abort, redirect, render_template, request, url_for

from ..play.rooms import normalise_code
from ..socket.values import ProtocolError


def base_url(config: dict) -> str:
    """The playground's address for other devices, ending in ``/``."""
    url = config["PUBLIC_URL"]
    if not url:
        host = config["HOST"]
        url = f"http://{f'[{host}]' if ':' in host else host}:{config['PORT']}/"
    return url if url.endswith("/") else url + "/"


def join_url(config: dict, code: str) -> str:
    return f"{base_url(config)}join/{code}"


def reachable(url: str) -> bool:
    """True when other devices can open ``url``: not loopback, not "every interface"."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost") or not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True                      # a name: the network resolves it
    return not (address.is_loopback or address.is_unspecified)


def known_code(app: Flask, code: str) -> str | None:
    """The normalised code if it names a class here or on another instance.

    A code naming no class counts against the client's address; past its
    ``JOIN_MISSES_PER_MINUTE`` every lookup from it is answered 429.
    """
    classroom = app.extensions["playground"].classroom
    address = request.remote_addr or ""
    try:
        classroom.guesses.check(address)
    except ProtocolError as refusal:
        abort(Response(refusal.message + "\n", 429, {"Retry-After": "60"}, mimetype="text/plain"))
    try:
        code = normalise_code(code)
    except ProtocolError:
        code = None
    if code is None or not classroom.class_exists(code):
        classroom.guesses.missed(address)
        return None
    return code


def register(app: Flask) -> None:
    """Attach the join routes to ``app``."""

    def known(code: str) -> str | None:
        return known_code(app, code)

    def missing(typed: str):
        return render_template("join_missing.html", code=typed.strip().upper()[:12],
                               typed=typed[:12]), 404

    @app.get("/join")
    def join_form():
        """The code box of the page below, sent as a plain form: on to the class, if any."""
        typed = request.args.get("code", "")
        if not typed:
            return render_template("join_missing.html", code="", typed="")
        code = known(typed)
        return redirect(url_for("join", code=code)) if code else missing(typed)

    @app.get("/join/<code>")
    def join(code: str):
        """A student's join address: the page, which sends ``join`` with this code."""
        return render_template("index.html") if known(code) else missing(code)

    @app.get("/join/<code>/qr.svg")
    def join_qr(code: str):
        """The QR code of the join address, drawn by the app (no external service)."""
        code = known(code) or abort(404)
        svg = io.BytesIO()
        segno.make(join_url(app.config, code), error="m").save(
            svg, kind="svg", scale=8, border=2, dark="#000", light="#fff")
        return Response(svg.getvalue(), mimetype="image/svg+xml")

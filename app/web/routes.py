"""HTTP routes: the page, a class's join page and QR code, and the JSON catalog."""
import io

import segno
from flask import Flask, Response, abort, jsonify, render_template, request

from ..socket.catalog import catalog
from ..socket.names import PROTOCOL_VERSION
from ..play.rooms import normalise_code
from ..socket.values import ProtocolError


def register(app: Flask) -> None:
    """Attach the page routes to ``app``."""

    @app.get("/")
    def index():
        return render_template("index.html")

    def known_code(code: str) -> str:
        try:
            code = normalise_code(code)
        except ProtocolError:
            abort(404)
        if not app.extensions["playground"].classroom.rooms.has(code):
            abort(404)
        return code

    @app.get("/join/<code>")
    def join(code: str):
        """A student's join address: the page, which sends ``join`` with this code."""
        known_code(code)
        return render_template("index.html")

    @app.get("/join/<code>/qr.svg")
    def join_qr(code: str):
        """The QR code of the join address, drawn by the app (no external service)."""
        code = known_code(code)
        svg = io.BytesIO()
        segno.make(f"{request.host_url}join/{code}", error="m").save(
            svg, kind="svg", scale=8, border=2, dark="#000", light="#fff")
        return Response(svg.getvalue(), mimetype="image/svg+xml")

    @app.get("/api/catalog")
    def api_catalog():
        schema = app.extensions["playground"].registry.schema
        return jsonify({"protocol": PROTOCOL_VERSION, "schema": schema,
                        "catalog": catalog()})

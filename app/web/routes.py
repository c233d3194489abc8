"""HTTP routes: the page and a JSON catalog (the same one the socket sends in ``hello``)."""
from flask import Flask, jsonify, render_template

from ..realtime import protocol


def register(app: Flask) -> None:
    """Attach the page routes to ``app``."""

    @app.get("/")
    def index():
        return render_template("index.html")

    @app.get("/api/catalog")
    def api_catalog():
        sessions = app.extensions["playground_sessions"]
        return jsonify({"protocol": protocol.PROTOCOL_VERSION, "schema": sessions.schema,
                        "catalog": protocol.catalog()})

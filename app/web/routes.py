"""HTTP routes: the page and the JSON catalog (a class's join address: ``join``)."""
from flask import Flask, jsonify, render_template

from ..socket.catalog import catalog
from ..socket.names import PROTOCOL_VERSION
from . import join


def register(app: Flask) -> None:
    """Attach the page routes to ``app``."""

    @app.get("/")
    def index():
        return render_template("index.html")

    @app.get("/api/catalog")
    def api_catalog():
        schema = app.extensions["playground"].registry.schema
        return jsonify({"protocol": PROTOCOL_VERSION, "schema": schema, "catalog": catalog()})

    join.register(app)

"""The playground web app: ``create_app`` builds Flask + Socket.IO around the NumPy engine.

Flask is imported inside the factory so that ``import app.nn`` (the pure
engine, used by benchmarks and tests) never pulls in the web stack.
"""
import os
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # tiny matrices: BLAS threads only add overhead

ROOT = Path(__file__).resolve().parent.parent


def async_mode() -> str:
    """Flask-SocketIO's mode for how this process is served.

    gunicorn's gevent worker (``python -m app``) patches the process before it
    loads the app: then "gevent". Tests and tools that build the app in a plain
    process get "threading" (named, so that an installed eventlet is never picked).
    """
    import sys
    monkey = sys.modules.get("gevent.monkey")
    return "gevent" if monkey is not None and monkey.is_module_patched("socket") else "threading"


def create_app(overrides: dict | None = None, base: type | None = None):
    """Build the app: config, page routes, socket handlers and the services behind them.

    Each app gets its own ``SocketIO`` (found later as ``app.extensions["socketio"]``)
    and its own services (``app.extensions["playground"]``), so two apps (as in
    tests) never share state.
    """
    from flask import Flask
    from flask_socketio import SocketIO

    from . import config as config_module, services
    from .socket import wire_json
    from .web import routes
    from .web.wsgi import Guarded

    app = Flask(__name__, static_folder=str(ROOT / "static"),
                template_folder=str(ROOT / "templates"))
    app.config.update(config_module.load(base or config_module.Config, overrides))
    # async_handlers=False: a connection's events run one after another on its own
    # greenlet (thread, in tests), so a flooding client queues behind itself instead
    # of spawning a task per event that every other connection then waits for.
    # With MESSAGE_QUEUE set, every emit goes through Redis to the clients of all
    # instances (see play/cluster.py); without it nothing but this process is needed.
    # wire_json refuses NaN and Infinity: every message is strict JSON.
    socketio = SocketIO(app, async_mode=async_mode(), async_handlers=False, json=wire_json,
                        max_http_buffer_size=app.config["MAX_MESSAGE_BYTES"],
                        message_queue=app.config["MESSAGE_QUEUE"] or None,
                        channel="playground-socketio")
    if app.config["PROXY_HOPS"]:
        # Behind nginx every client would share the proxy's address (and its
        # per-address session limit); trust that many X-Forwarded-For hops.
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_HOPS"])
    playground = app.extensions["playground"] = services.build(socketio, app.config)
    # Outermost: security headers on every response (Socket.IO's too); a failing
    # Engine.IO request closes its connection quietly.
    app.wsgi_app = Guarded(app.wsgi_app, playground.gate)
    routes.register(app)
    return app

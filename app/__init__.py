"""The playground web app: ``create_app`` builds Flask + Socket.IO around the NumPy engine."""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # tiny matrices: threads only add overhead

from pathlib import Path  # noqa: E402

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO  # noqa: E402

from . import config as config_module  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
socketio = SocketIO()


def create_app(overrides: dict | None = None, base: type = config_module.Config) -> Flask:
    """Build the app: config, page routes, socket events, session registry."""
    from .realtime import events
    from .realtime.sessions import SessionRegistry
    from .web import routes

    app = Flask(__name__, static_folder=str(ROOT / "static"),
                template_folder=str(ROOT / "templates"))
    app.config.update(config_module.load(base, overrides))
    socketio.init_app(app, async_mode="threading",
                      max_http_buffer_size=app.config["MAX_MESSAGE_BYTES"])
    registry = SessionRegistry(app.config)
    app.extensions["playground_sessions"] = registry
    routes.register(app)
    events.register(socketio, registry, app.config)
    return app

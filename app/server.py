"""Run ``create_app()`` under gunicorn: one gthread worker, one thread per open socket.

One worker because Socket.IO sessions live in that process's memory (scale out
with a message queue, never with ``-w N``); gthread with simple-websocket is
what Flask-SocketIO's threading mode needs for real websockets.
"""
from gunicorn.app.base import BaseApplication

from . import config, create_app


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app()


def serve(host: str, port: int) -> None:
    """Serve on ``host:port`` until interrupted."""
    threads = config.load()["THREADS"]
    print(f"Neural network playground: http://{host}:{port}/", flush=True)
    _Gunicorn({
        "bind": f"{host}:{port}",
        "workers": 1,
        "worker_class": "gthread",
        "threads": threads,
        "control_socket_disable": True,
        "accesslog": None,
        "loglevel": "warning",
    }).run()

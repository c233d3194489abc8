"""Run ``create_app()`` under gunicorn: one gthread worker, one thread per open socket.

One worker because Socket.IO sessions live in that process's memory (scale out
with a message queue, never with ``-w N``); gthread with simple-websocket is
what Flask-SocketIO's threading mode needs for real websockets.
"""
import logging
import socket

import segno
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


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: picks the outgoing interface only
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def serve(host: str, port: int, lan: bool = False) -> None:
    """Serve on ``host:port`` until interrupted; with ``lan``, tell students where to go."""
    values = config.load()
    threads = values["THREADS"]
    logging.basicConfig(level=values["LOG_LEVEL"], format="%(asctime)s %(levelname)s %(message)s")
    if lan:
        url = f"http://{lan_address()}:{port}/"
        print(f"Neural network playground on the local network. Students open:\n\n  {url}\n",
              flush=True)
        segno.make(url, error="m").terminal(compact=True)
    else:
        print(f"Neural network playground: http://{host}:{port}/", flush=True)
    _Gunicorn({
        "bind": f"{host}:{port}",
        "workers": 1,
        "worker_class": "gthread",
        "threads": threads,
        "control_socket_disable": True,
        "graceful_timeout": 3,      # open websockets never finish; pages reconnect by themselves
        "accesslog": None,
        "loglevel": "warning",
    }).run()

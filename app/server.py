"""The one launcher: ``python -m app`` and the container both serve through ``serve``.

Every serving setting lives here, in ``gunicorn_options``: the worker class,
threads, shutdown timing and the log format and level of both gunicorn and
the app, so the image, ``scripts/run`` and the tests start the same server.
One worker because Socket.IO sessions live in that process's memory (scale out
with a message queue, never with ``-w N``); gthread with simple-websocket is
what Flask-SocketIO's threading mode (``async_mode`` in ``create_app``) needs
for real websockets. Switching to gevent changes ``WORKER_CLASS`` and that
``async_mode`` together.
"""
import logging
import socket

from gunicorn.app.base import BaseApplication

from . import create_app

WORKER_CLASS = "gthread"
# SIGTERM (docker stop, Ctrl-C of scripts/run): open websockets never finish by
# themselves and pages reconnect on their own, so stop well inside docker's 10 s.
GRACEFUL_SECONDS = 2
LOG_FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"


def log_config(level: str) -> dict:
    """``logging.dictConfig`` for gunicorn's own log and the app's, one format on stderr."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": LOG_FORMAT}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain",
                                "stream": "ext://sys.stderr"}},
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": [], "propagate": True},
            # Every HTTP request (each long-poll too) only at DEBUG: the app's own
            # lines already say who did what.
            "gunicorn.access": {"level": "DEBUG" if level == "DEBUG" else "WARNING",
                                "handlers": [], "propagate": True},
        },
    }


def gunicorn_options(values: dict, host: str, port: int) -> dict:
    """gunicorn's settings for the config ``values``, listening on ``host:port``."""
    return {
        "bind": f"{host}:{port}",
        "workers": 1,
        "worker_class": WORKER_CLASS,
        "threads": values["THREADS"],
        "control_socket_disable": True,  # its one shared path breaks a second server
        "graceful_timeout": GRACEFUL_SECONDS,
        "loglevel": values["LOG_LEVEL"].lower(),
        "logconfig_dict": log_config(values["LOG_LEVEL"].upper()),
    }


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: picks the outgoing interface only
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def app_overrides(host: str, port: int, lan: bool) -> dict:
    """Config the served app must share with the launcher: where it listens, its public address.

    With ``lan``, ``PUBLIC_URL`` is the LAN address, so join links and QR codes
    work on students' devices even when the teacher's own page is on 127.0.0.1.
    """
    overrides = {"HOST": host, "PORT": port}
    if lan:
        overrides["PUBLIC_URL"] = f"http://{lan_address()}:{port}/"
    return overrides


def announce(overrides: dict) -> None:
    """Tell the person who started the server where to open it."""
    if "PUBLIC_URL" in overrides:
        import segno
        url = overrides["PUBLIC_URL"]
        print(f"Neural network playground on the local network. Students open:\n\n  {url}\n",
              flush=True)
        segno.make(url, error="m").terminal(compact=True)
    elif overrides["HOST"] == "0.0.0.0":
        print(f"Neural network playground on every interface, port {overrides['PORT']}",
              flush=True)
    else:
        print(f"Neural network playground: http://{overrides['HOST']}:{overrides['PORT']}/",
              flush=True)


class Launcher(BaseApplication):
    """gunicorn with ``gunicorn_options``, serving ``create_app`` built with ``app_overrides``."""

    def __init__(self, values: dict, host: str, port: int, lan: bool = False):
        self.options = gunicorn_options(values, host, port)
        self.overrides = app_overrides(host, port, lan)
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(self.overrides)


def serve(values: dict, host: str, port: int, lan: bool = False) -> None:
    """Serve on ``host:port`` until SIGTERM or Ctrl-C; with ``lan``, tell students where to go."""
    launcher = Launcher(values, host, port, lan)
    announce(launcher.overrides)
    launcher.run()


def check_log_level(name: str) -> str:
    """``name`` if ``logging`` knows it as a level (``INFO``, ``debug`` ...); else ValueError."""
    if not isinstance(logging.getLevelName(name.upper()), int):
        raise ValueError(f"PLAYGROUND_LOG_LEVEL={name!r} is not a log level "
                         "(DEBUG, INFO, WARNING, ERROR)")
    return name

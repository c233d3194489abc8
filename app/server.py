"""The one launcher: ``python -m app`` and the container both serve through ``serve``.

Every serving setting lives here, in ``gunicorn_options``: the worker class,
how many connections it holds, how long a request's headers may take,
shutdown timing and the log format and level of both gunicorn and the app,
so the image, ``scripts/run`` and the tests start the same server.
One worker because Socket.IO sessions live in that process's memory (scale
out with a message queue, never with ``-w N``). It is gunicorn's gevent
worker (``app.worker``): every socket is a greenlet, so thousands of idle
websockets or slow clients cost memory, not threads, and cannot take the
server from the others; ``create_app`` sees the patched process and picks
Flask-SocketIO's gevent mode. Training runs in worker processes, so the web
process does no long computation. The process may open ``WORKER_CONNECTIONS``
plus ``FILE_RESERVE`` files (its soft limit is raised to that at start).
"""
import logging
import re
import resource
import socket

from gunicorn.app.base import BaseApplication

from . import create_app

WORKER_CLASS = "app.worker.PlaygroundWorker"   # gunicorn's gevent worker, see app/worker.py
FILE_RESERVE = 512   # files beyond the connections: the log, training pipes, the listener ...
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
        "filters": {"quiet_clients": {"()": QuietClientErrors}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain",
                                "stream": "ext://sys.stderr"}},
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": [], "propagate": True,
                               "filters": ["quiet_clients"]},
            # Every HTTP request (each long-poll too) only at DEBUG: the app's own
            # lines already say who did what.
            "gunicorn.access": {"level": "DEBUG" if level == "DEBUG" else "WARNING",
                                "handlers": [], "propagate": True},
        },
    }


class QuietClientErrors(logging.Filter):
    """gunicorn logs every malformed request; a flood of them logs once per address and minute."""

    ADDRESS = re.compile(r"^Invalid request from ip=([^:]*)")

    def __init__(self):
        super().__init__()
        from .socket.refusals import RefusalLog
        self.seen = RefusalLog()

    def filter(self, record: logging.LogRecord) -> bool:
        match = self.ADDRESS.match(str(record.msg))
        return match is None or self.seen.admit(match.group(1)) is not None


def gunicorn_options(values: dict, host: str, port: int) -> dict:
    """gunicorn's settings for the config ``values``, listening on ``host:port``."""
    return {
        "bind": f"{host}:{port}",
        "workers": 1,
        "worker_class": WORKER_CLASS,
        "worker_connections": values["WORKER_CONNECTIONS"],
        # Connections waiting to be accepted (the kernel caps it at net.core.somaxconn):
        # thousands of sockets a script reconnects at once must not crowd out a page's.
        "backlog": values["WORKER_CONNECTIONS"],
        # The gevent worker reads each request's line and headers within this many
        # seconds (and waits as long for the next request on a kept-alive
        # connection): a slowloris client is cut off.
        "keepalive": values["HEADER_SECONDS"],
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


def raise_open_files(wanted: int) -> int:
    """Raise this process's soft limit of open files to ``wanted`` (at most the hard limit).

    Debian's default soft limit (1,024) is below what ``WORKER_CONNECTIONS``
    sockets need; the hard limit is usually far above. Returns the new limit.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    if soft < wanted:
        logging.getLogger(__name__).warning(
            "open files are limited to %d (hard limit); WORKER_CONNECTIONS needs %d", soft, wanted)
    return soft


class Launcher(BaseApplication):
    """gunicorn with ``gunicorn_options``, serving ``create_app`` built with ``app_overrides``.

    The worker reads ``values`` (``app.worker``: connections per address).
    """

    def __init__(self, values: dict, host: str, port: int, lan: bool = False):
        self.values = values
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
    raise_open_files(values["WORKER_CONNECTIONS"] + FILE_RESERVE)
    launcher = Launcher(values, host, port, lan)
    announce(launcher.overrides)
    launcher.run()


def check_log_level(name: str) -> str:
    """``name`` if ``logging`` knows it as a level (``INFO``, ``debug`` ...); else ValueError."""
    if not isinstance(logging.getLevelName(name.upper()), int):
        raise ValueError(f"PLAYGROUND_LOG_LEVEL={name!r} is not a log level "
                         "(DEBUG, INFO, WARNING, ERROR)")
    return name

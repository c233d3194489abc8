"""``python -m app.healthcheck``: exit 0 when this environment's server answers, else 1.

The image's HEALTHCHECK runs it (slim images have no curl). It asks the
address the launcher listens on (``PLAYGROUND_HOST``, ``PLAYGROUND_PORT``),
through loopback when that is every interface.
"""
import sys
import urllib.request

from .config import load

TIMEOUT_SECONDS = 3


def healthy(host: str, port: int) -> bool:
    """Whether the page at ``host:port`` answers 200 within the timeout."""
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/", timeout=TIMEOUT_SECONDS) as reply:
            return reply.status == 200
    except OSError:
        return False


if __name__ == "__main__":
    values = load()
    sys.exit(0 if healthy(values["HOST"], values["PORT"]) else 1)

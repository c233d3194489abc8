"""Start the app exactly as a user does (``python -m app``) on a free loopback port."""
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTUP_DEADLINE_S = 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def serve(log_path: Path, env: dict | None = None, port: int | None = None):
    """Run ``python -m app`` until the block ends; yield its base URL."""
    with serve_process(log_path, env, port) as (url, _):
        yield url


@contextlib.contextmanager
def serve_process(log_path: Path, env: dict | None = None, port: int | None = None,
                  root: Path | None = None):
    """Run ``python -m app`` (from checkout ``root``, default this one) until the block ends.

    Yields (base URL, the process).
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log, subprocess.Popen(
            [sys.executable, "-m", "app", "--host", "127.0.0.1", "--port", str(port)],
            cwd=root or ROOT, env={**os.environ, "OPENBLAS_NUM_THREADS": "1", **(env or {})},
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True) as server:
        try:
            deadline = time.monotonic() + STARTUP_DEADLINE_S
            while not _answers(url + "/api/catalog"):
                if server.poll() is not None:
                    raise RuntimeError(f"the server exited with {server.returncode}; "
                                       f"see {log_path}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} did not answer within {STARTUP_DEADLINE_S} s; "
                                       f"see {log_path}")
                time.sleep(0.1)  # polling the server's start against a deadline
            yield url, server
        finally:
            # The whole group: gunicorn's master and its worker (which holds the sockets).
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)

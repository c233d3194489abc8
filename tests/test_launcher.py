"""The one launcher (``python -m app``) as a process: settings, log, shutdown, any UID.

Each server runs as a subprocess on a free loopback port and is stopped the
way ``docker stop`` stops a container: SIGTERM to the launcher alone.
"""
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import socketio

from app.__main__ import parse
from app.healthcheck import healthy
from tests.conftest import wait_for
from tests.live_server import free_port

ROOT = Path(__file__).resolve().parent.parent
STOP_LIMIT_SECONDS = 5   # docker stop's grace is 10 s; the issue asks for 5
ARBITRARY_UID = 12345    # as `docker run --user 12345`: owns nothing in the app's folder


@contextlib.contextmanager
def launched(command: list[str], log_path: Path, env: dict, **popen):
    """Run ``command`` on a free loopback port until it answers; yield (url, process)."""
    port = free_port()
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", **env,
           "PLAYGROUND_HOST": "127.0.0.1", "PLAYGROUND_PORT": str(port)}
    with open(log_path, "wb") as log, subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, **popen) as server:
        try:
            wait_for(lambda: server.poll() is not None or healthy("127.0.0.1", port), 60)
            assert server.poll() is None, log_path.read_text()
            yield f"http://127.0.0.1:{port}", server
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def open_page(url: str, transport: str = "websocket") -> socketio.Client:
    """A page's connection whose run is training in the worker processes."""
    page = socketio.Client(reconnection=False)
    page.connect(url, transports=[transport])
    assert page.call("play", timeout=10) == {"ok": True, "running": True}
    return page


def live_members(group: int) -> list[int]:
    """Processes of process group ``group`` that have not exited (zombies excluded)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            state, _parent, pgrp = stat.read_text().rsplit(")", 1)[1].split()[:3]
            if int(pgrp) == group and state != "Z":
                members.append(int(stat.parent.name))
    return members


def stop_seconds(server: subprocess.Popen) -> float:
    """SIGTERM the launcher alone (as ``docker stop`` does); seconds until its group is gone."""
    started = time.monotonic()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    wait_for(lambda: not live_members(server.pid), timeout=30)
    return time.monotonic() - started


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can start a process as another user")
def test_an_arbitrary_uid_serves_from_an_unwritable_folder_quietly_at_warning(artifacts):
    """``docker run --user 12345``: nothing is written beside the app; WARNING hides INFO."""
    folder = ROOT.stat()
    assert folder.st_uid != ARBITRARY_UID and not folder.st_mode & 0o002, "precondition"
    log = artifacts / "launcher-uid.log"
    env = {"PLAYGROUND_LOG_LEVEL": "WARNING", "HOME": "/nonexistent"}
    # Writes are checked as that user; reading may pass anywhere, since this
    # interpreter can live in a folder only root may enter (pyenv under /root).
    as_uid = ["setpriv", f"--reuid={ARBITRARY_UID}", f"--regid={ARBITRARY_UID}",
              "--clear-groups", "--inh-caps=+dac_read_search",
              "--ambient-caps=+dac_read_search"]
    with launched([*as_uid, sys.executable, "-m", "app"], log, env) as (url, server):
        page = open_page(url, "polling")  # long-polling, as a proxy without websockets allows
        page.disconnect()
        assert stop_seconds(server) < STOP_LIMIT_SECONDS
    text = log.read_text()
    assert "Traceback" not in text and " INFO " not in text, text


def test_scripts_run_serves_on_playground_port(artifacts):
    """``PLAYGROUND_PORT=N scripts/run`` serves on N (the scale-out recipe relies on it)."""
    with launched([str(ROOT / "scripts" / "run")], artifacts / "launcher-run.log", {}) as (
            url, server):
        assert healthy("127.0.0.1", int(url.rsplit(":", 1)[1]))
        assert stop_seconds(server) < STOP_LIMIT_SECONDS


def test_flags_win_over_the_environment_which_wins_over_the_defaults():
    values = {"HOST": "10.1.2.3", "PORT": 5123}
    assert (parse([], values).host, parse([], values).port) == ("10.1.2.3", 5123)
    flags = parse(["--host", "127.0.0.2", "--port", "6000"], values)
    assert (flags.host, flags.port) == ("127.0.0.2", 6000)
    assert parse(["--lan"], values).host == "0.0.0.0"


@pytest.mark.parametrize("variable, value", [("PLAYGROUND_PORT", "fivethousand"),
                                             ("PLAYGROUND_LOG_LEVEL", "LOUD")])
def test_a_bad_setting_stops_the_launcher_with_its_name(variable, value):
    result = subprocess.run([sys.executable, "-m", "app"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, env={**os.environ, variable: value})
    assert result.returncode != 0 and variable in result.stderr
    assert "Traceback" not in result.stderr

"""The container, read from the Dockerfile and .dockerignore and run without a runtime.

No container runtime is needed: the image's command runs with the image's
environment on this machine, so the test fails when the image stops starting
the way ``python -m app`` does. (Built and run with buildah and stand-in base
images too: see the note in the README's Docker section.)
"""
import json
import os
import re
import shlex
import subprocess
import sys

from tests.test_launcher import ROOT, STOP_LIMIT_SECONDS, launched, open_page, stop_seconds


def dockerfile_text() -> str:
    return (ROOT / "Dockerfile").read_text().replace("\\\n", " ")


def dockerfile(instruction: str) -> str:
    """The arguments of the Dockerfile's last ``instruction``."""
    found = [line.split(None, 1)[1] for line in dockerfile_text().splitlines()
             if line.split(None, 1)[:1] == [instruction]]
    assert found, f"the Dockerfile has no {instruction}"
    return found[-1]


def image_environment() -> dict:
    """The final stage's ``ENV name=value`` settings."""
    final_stage = dockerfile_text().rsplit("\nFROM ", 1)[-1]
    pairs = [word for line in final_stage.splitlines() if line.startswith("ENV ")
             for word in shlex.split(line[4:])]
    return dict(pair.split("=", 1) for pair in pairs)


def image_command(json_form: str) -> list[str]:
    """An exec-form command with ``python`` meaning this test's interpreter."""
    return [sys.executable if word == "python" else word for word in json.loads(json_form)]


def test_the_image_starts_the_launcher_logs_who_did_what_and_stops_fast(artifacts):
    """The image's CMD is ``python -m app``: its log at INFO, a healthy check, stop < 5 s."""
    command = image_command(dockerfile("CMD"))
    assert command[1:] == ["-m", "app"], "the image must start through the launcher"
    check = image_command(dockerfile("HEALTHCHECK").split("CMD", 1)[1])
    log = artifacts / "launcher-image.log"
    env = {**image_environment(), "PLAYGROUND_LOG_LEVEL": "INFO"}
    with launched(command, log, env) as (url, server):
        page = open_page(url)
        port_env = {**os.environ, "PLAYGROUND_PORT": url.rsplit(":", 1)[1]}
        assert subprocess.run(check, cwd=ROOT, env=port_env, timeout=30).returncode == 0
        seconds = stop_seconds(server)
        page.disconnect()
        assert subprocess.run(check, cwd=ROOT, env=port_env, timeout=30).returncode == 1
    assert seconds < STOP_LIMIT_SECONDS, f"took {seconds:.1f} s to stop with a page open"
    text = log.read_text()
    assert re.search(r"INFO app\.socket\.namespace: 127\.0\.0\.1 \S+: connected", text), text
    assert re.search(r"127\.0\.0\.1 \S+: play ok", text), text
    assert "INFO gunicorn.error: Handling signal: term" in text
    assert "gunicorn.access" not in text, "HTTP requests are logged at DEBUG only"


def test_the_image_runs_as_a_numeric_user_and_installs_the_lock():
    assert dockerfile("USER").strip().isdigit(), "a number: runtimes can check it is not root"
    assert "--require-hashes -r requirements.lock" in dockerfile_text()
    assert "npm ci --omit=dev" in dockerfile_text()


def _docker_pattern(pattern: str) -> re.Pattern:
    """A .dockerignore pattern as a regex: ``*`` within a path segment, ``**`` across them."""
    parts = re.split(r"(\*\*/|\*\*|\*|\?)", pattern.strip("/"))
    wild = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wild.get(part, re.escape(part)) for part in parts) + "$")


def sent_to_builder(path: str) -> bool:
    """Whether Docker sends ``path``: the last pattern matching it or a parent folder decides."""
    lines = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()]
    rules = [(line.startswith("!"), _docker_pattern(line.lstrip("!")))
             for line in lines if line and not line.startswith("#")]
    parts = path.split("/")
    prefixes = ["/".join(parts[:count]) for count in range(1, len(parts) + 1)]
    sent = True
    for negated, pattern in rules:
        if any(pattern.match(prefix) for prefix in prefixes):
            sent = negated
    return sent


def test_the_build_context_holds_only_what_the_image_copies():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    local = ["instance/secret_key", ".git/config", ".venv/bin/python", "node_modules/a/b.js",
             "static/vendor/uPlot.esm.js", "app/__pycache__/config.cpython-311.pyc",
             "test-artifacts/server.log", ".env"]
    sent = {path for path in tracked + local if sent_to_builder(path)}
    assert not sent & set(local), "never in the build context"
    copied = [word for line in dockerfile_text().splitlines() if line.startswith("COPY ")
              and "--from" not in line for word in line.split()[1:-1]]
    for source in copied:
        assert any(path == source or path.startswith(source.rstrip("/") + "/")
                   for path in sent), f"the image copies {source} but it is not sent"
    outside = {path for path in sent
               if not any(path == s or path.startswith(s.rstrip("/") + "/") for s in copied)}
    assert not outside, f"sent to the builder but never copied: {sorted(outside)}"

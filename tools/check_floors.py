"""Prove requirements.txt's floors: install the lowest allowed version of every runtime
requirement in a throwaway venv and run the serving tests with it.

    .venv/bin/python tools/check_floors.py [--keep DIR]

The tests start the real launcher (``python -m app`` on gunicorn, and the image's
command) with the venv's Python, GET the page, open Socket.IO over websocket and
long-polling, train a run and stop the server; the scale-out test (with
redis-server) exercises the Redis client's floor. Dependencies of the requirements resolve to their newest allowed
versions (pip has no "lowest" resolution). Exit status is pytest's.
"""
import argparse
import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/test_launcher.py", "tests/test_image.py", "tests/test_server.py",
         "tests/test_page.py", "tests/test_scale_out.py"]
# The tests' own tools (not runtime requirements): pytest and the Socket.IO client's transports.
TEST_TOOLS = ["pytest>=8,<10", "pytest-timeout>=2.3,<3", "requests>=2.21,<3",
              "websocket-client>=0.54,<2"]
REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9_.\-\[\],]+)\s*>=\s*(?P<floor>[^,;\s#]+)")


def floors(requirements: Path) -> list[str]:
    """``name==floor`` for each ``name>=floor`` line; a line without a floor is an error."""
    pins = []
    for line in requirements.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = REQUIREMENT.match(line)
        if not match:
            raise SystemExit(f"check_floors: {line!r} in {requirements.name} has no >= floor")
        pins.append(f"{match['name']}=={match['floor']}")
    return pins


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build the venv here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="floors-") as scratch:
        env_dir = args.keep or Path(scratch) / "venv"
        pins = floors(ROOT / "requirements.txt")
        print("check_floors: installing", " ".join(pins), flush=True)
        venv.create(env_dir, with_pip=True, clear=True)
        python = str(env_dir / "bin" / "python")
        subprocess.run([python, "-m", "pip", "install", "-qq", "--disable-pip-version-check",
                        *pins, *TEST_TOOLS], check=True)
        frozen = subprocess.run([python, "-m", "pip", "freeze"], capture_output=True,
                                text=True, check=True).stdout
        print("check_floors: installed\n  " + "\n  ".join(frozen.split()), flush=True)
        return subprocess.run([python, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                               *TESTS], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())

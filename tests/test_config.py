"""Config keys: defaults, environment overrides, explicit overrides."""
import pytest

from app import create_app
from app.config import Config, TestConfig, load


def test_environment_overrides_a_limit_with_its_type():
    values = load(Config, environ={"PLAYGROUND_MAX_NEURONS": "12",
                                   "PLAYGROUND_TRAIN_SLICE_SECONDS": "0.02"})
    assert values["MAX_NEURONS"] == 12 and values["TRAIN_SLICE_SECONDS"] == 0.02


def test_explicit_overrides_win_over_the_environment():
    values = load(Config, {"MAX_NEURONS": 3}, environ={"PLAYGROUND_MAX_NEURONS": "12"})
    assert values["MAX_NEURONS"] == 3


def test_a_bad_environment_value_names_the_variable():
    with pytest.raises(ValueError, match="PLAYGROUND_MAX_POINTS"):
        load(Config, environ={"PLAYGROUND_MAX_POINTS": "many"})


def test_limits_reach_the_schema_the_browser_gets():
    app = create_app({"MAX_NEURONS": 5, "MAX_HIDDEN_LAYERS": 3, "MAX_POINTS": 400},
                     base=TestConfig)
    schema = app.extensions["playground"].registry.schema
    assert schema["hidden_layers"]["max"] == 5
    assert schema["hidden_layers"]["max_layers"] == 3
    assert schema["num_points"]["max"] == 400


def test_engine_does_not_import_flask():
    import subprocess
    import sys
    code = "import sys, app.nn.train; print('flask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def _readme_config_keys() -> set[str]:
    """The keys the README's limits table lists (first column, each in backticks)."""
    from pathlib import Path
    import re
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    section = readme.split("## Limits and configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {key for row in rows for key in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split(" | ")[0])}


def test_the_readme_lists_every_config_key_and_no_other():
    documented, keys = _readme_config_keys(), {k for k in dir(Config) if k.isupper()}
    assert documented, "the README has a limits table"
    assert keys - documented == set(), "config keys missing from the README's table"
    assert documented - keys == set(), "README rows for keys Config does not have"

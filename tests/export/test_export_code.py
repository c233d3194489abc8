"""The exported .py file rebuilds the run: same weights after 200 epochs, same loss curve.

Each case is exported, written to a temporary folder and run in a fresh,
isolated interpreter (``python -I``); its saved weights are compared with
the engine's (``Run.state()``, the model file's layout) and its printed
curve with the run's loss history. Tolerances: see ``cases``.
"""
import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from app.export import export_python
from app.export.plan import make_plan
from app.nn import activations, datasets, features, heads, optimizers, regularization

from .cases import (CASES, EPOCHS, assert_same_curve, assert_same_weights, engine_run,
                    load_json, printed_curve, run_script)


@pytest.mark.parametrize("case", CASES)
def test_exported_script_trains_to_the_runs_weights_and_curve(case, tmp_path):
    settings, resets, data = CASES[case]
    name, text = export_python(settings, data, resets, epochs=EPOCHS)
    script = tmp_path / name
    script.write_text(text, encoding="utf-8")
    done = run_script(script, "--save", str(tmp_path / "model.json"))
    assert done.returncode == 0, done.stderr
    state = engine_run(settings, resets, data).state()
    model = load_json(tmp_path / "model.json")
    assert model["epoch"] == state["epoch"] == EPOCHS
    assert_same_weights(model, state)
    assert_same_curve(printed_curve(done.stdout), state["history"])


def test_the_cases_use_everything_the_playground_offers():
    plans = [make_plan(settings, data, resets) for settings, resets, data in CASES.values()]
    used = {
        "data sets": {p.config.dataset for p in plans},
        "activations": {p.config.activation for p in plans},
        "heads": {p.head.name for p in plans},
        "optimizers": {p.config.optimizer for p in plans},
        "regularizations": {p.config.regularization for p in plans
                            if p.config.regularization_rate > 0} | {"none"},
        "features": {name for p in plans for name in p.config.features},
    }
    offered = {
        "data sets": set(datasets.DATASETS) | {"custom"},
        "activations": set(activations.ACTIVATIONS),
        "heads": set(heads.HEADS),
        "optimizers": set(optimizers.OPTIMIZERS),
        "regularizations": set(regularization.REGULARIZERS),
        "features": set(features.FEATURES),
    }
    assert used == offered
    assert any(p.resets > 0 for p in plans), "a run after Reset"
    assert any(p.data is not None and len(p.data.y_test) == 0 for p in plans), "no test set"


def test_a_run_that_blows_up_stops_at_the_same_epoch(tmp_path):
    settings = dict(problem="regression", dataset="plane", activation="relu",
                    learning_rate=3.0, num_points=100)
    run = engine_run(settings, 0, None)
    assert run.diverged and run.epoch < EPOCHS          # the playground paused it
    script = tmp_path / "run.py"
    script.write_text(export_python(settings, epochs=EPOCHS)[1], encoding="utf-8")
    done = run_script(script)
    assert done.returncode == 0, done.stderr
    assert [row[0] for row in printed_curve(done.stdout)][-1] == run.epoch
    assert "Stopped" in done.stdout


def test_exported_script_imports_nothing_but_numpy_and_the_standard_library():
    allowed = set(sys.stdlib_module_names) | {"numpy"}
    for settings, resets, data in CASES.values():
        tree = ast.parse(export_python(settings, data, resets)[1])
        imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom)}
        assert imported and imported <= allowed, imported - allowed


def test_exported_script_loads_no_other_module_when_it_runs(tmp_path):
    """Every module the run loads comes from the standard library or NumPy (by its file)."""
    script = tmp_path / "run.py"
    script.write_text(export_python({}, epochs=1)[1], encoding="utf-8")
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os, runpy, sys, sysconfig\n"
        "before = set(sys.modules)\n"
        f"sys.argv = [{str(script)!r}]\n"
        f"runpy.run_path({str(script)!r}, run_name='__main__')\n"
        "import numpy\n"
        "homes = (sysconfig.get_path('stdlib'), sysconfig.get_path('platstdlib'),\n"
        "         os.path.dirname(numpy.__file__))\n"
        "files = [getattr(sys.modules[m], '__file__', None) for m in set(sys.modules) - before]\n"
        "print('NEW', len(files), 'OTHER', sorted(f for f in files if f and not f.startswith(homes)))\n",
        encoding="utf-8")
    done = run_script(probe)
    assert done.returncode == 0, done.stderr
    assert "OTHER []" in done.stdout and "NEW 0 " not in done.stdout, done.stdout


def test_importing_the_exporter_does_not_import_the_web_stack():
    code = ("import sys, app.export; "
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('flask', 'flask_socketio', 'socketio', 'engineio', 'werkzeug')); "
            "print(loaded); sys.exit(1 if loaded else 0)")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, f"app.export pulled in {result.stdout.strip()} {result.stderr}"


def test_epochs_on_the_command_line_override_the_runs(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(export_python({"num_points": 60}, epochs=200)[1], encoding="utf-8")
    done = run_script(script, "--epochs", "3")
    assert done.returncode == 0, done.stderr
    assert [row[0] for row in printed_curve(done.stdout)] == [0, 1, 2, 3]


def test_same_run_gives_the_same_file():
    settings, resets, data = CASES["own_points_two_classes"]
    assert export_python(settings, data, resets) == export_python(settings, data, resets)


def test_file_is_named_after_data_set_seed_and_resets():
    assert export_python({"dataset": "xor", "seed": 7})[0] == "playground_xor_seed7.py"
    settings, resets, data = CASES["own_points_three_classes_no_test_set"]
    assert export_python(settings, data, resets)[0] == "playground_own_points_seed1_reset1.py"


def test_default_export_stays_about_a_page_of_code():
    lines = export_python({})[1].splitlines()
    code = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    assert len(lines) < 260 and len(code) < 170, (len(lines), len(code))
    assert max(len(line) for line in lines) <= 99


def test_comments_use_the_math_panels_words():
    text = export_python({"regularization": "l2", "regularization_rate": 0.01})[1]
    for words in ("z = w·a + b", "a = f(z)", "∂L/∂w", "w ← w − η·∂L/∂w", "δ = ∂L/∂z",
                  "R(w) = ½ Σ w²"):
        assert words in text, words


@pytest.mark.parametrize("settings, data, resets, field", [
    ({"dataset": "custom"}, None, 0, "dataset"),
    ({}, None, -1, "resets"),
    ({}, None, 1.5, "resets"),
])
def test_bad_input_is_refused_naming_the_field(settings, data, resets, field):
    with pytest.raises(ValueError, match=rf"^{field}"):
        export_python(settings, data, resets)


@pytest.mark.parametrize("field, value", [("activation", "swish"), ("optimizer", "lbfgs"),
                                          ("regularization", "l3"), ("features", ["x3"]),
                                          ("loss", "hinge")])
def test_unknown_names_are_refused_naming_the_field_and_the_valid_ones(field, value):
    with pytest.raises(ValueError, match=rf"^{field}: unknown .*valid"):
        export_python({field: value})


def test_regression_labels_that_fit_no_head_are_refused():
    data = CASES["own_points_two_classes"][2]
    bad = type(data)(data.x_train, np.full(len(data.y_train), 0.5), data.x_test, data.y_test)
    with pytest.raises(ValueError, match="labels"):
        export_python({"dataset": "custom"}, bad)

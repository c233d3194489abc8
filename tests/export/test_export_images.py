"""Image runs as code: the .py file and the notebook train to the engine's weights and curve.

Each case is exported, run in a fresh isolated interpreter (NumPy only) for
a few epochs, and its saved kernels and weights compared with the engine's
``ImageRun.state()`` (relative 1e-9), its printed curve with the run's loss
history (to the 7 printed digits). Tolerances: see ``cases``.
"""
import ast
import json
import sys

import nbformat
import pytest

from app.export import export_notebook, export_python

from .cases import assert_same_curve, assert_same_weights, load_json, printed_curve, run_script
from .image_cases import EPOCHS, IMAGE_CASES, engine_image_run, settings_of
from .test_export_notebook import STEP_TITLES, execute, kernel_home, stdout  # noqa: F401

KEYS = ("conv_kernels", "conv_biases", "weights", "biases")


def _export(case: str, writer=export_python) -> tuple[str, str]:
    _, resets, data = IMAGE_CASES[case]
    return writer(settings_of(case), data, resets, epochs=EPOCHS)


@pytest.mark.parametrize("case", IMAGE_CASES)
def test_exported_image_script_trains_to_the_runs_weights_and_curve(case, tmp_path):
    name, text = _export(case)
    script = tmp_path / name
    script.write_text(text, encoding="utf-8")
    done = run_script(script, "--save", str(tmp_path / "model.json"))
    assert done.returncode == 0, done.stderr
    state = engine_image_run(case).state()
    model = load_json(tmp_path / "model.json")
    assert model["epoch"] == state["epoch"] == EPOCHS
    assert_same_weights(model, state, KEYS)
    assert_same_curve(printed_curve(done.stdout), state["history"])


def test_a_longer_run_of_own_drawings_still_ends_on_the_runs_weights(tmp_path):
    _, resets, data = IMAGE_CASES["own_drawings_sgd"]
    name, text = export_python(settings_of("own_drawings_sgd"), data, resets, epochs=60)
    script = tmp_path / name
    script.write_text(text, encoding="utf-8")
    done = run_script(script, "--save", str(tmp_path / "model.json"))
    assert done.returncode == 0, done.stderr
    state = engine_image_run("own_drawings_sgd", epochs=60).state()
    assert_same_weights(load_json(tmp_path / "model.json"), state, KEYS)
    assert_same_curve(printed_curve(done.stdout), state["history"])


def test_the_exported_image_script_imports_only_numpy_and_the_standard_library():
    allowed = set(sys.stdlib_module_names) | {"numpy"}
    for case in IMAGE_CASES:
        tree = ast.parse(_export(case)[1])
        imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom)}
        assert imported <= allowed, case


def test_the_script_speaks_the_math_panels_words():
    text = _export("default_digit_cnn")[1]
    for words in ("z = patch · kernel + b", "2×2 max-pooling", "flatten", "softmax",
                  "Cross-entropy", "∂L/∂K", "Adam"):
        assert words in text, words
    assert "# %% 2. Data" in text and "DIGITS_XZ" in text


def test_notebook_of_an_image_run_executes_and_gives_the_runs_numbers(kernel_home):
    text = _export("two_conv_layers_sgd_tanh", export_notebook)[1]
    notebook = execute(text, kernel_home)
    printed = "".join(stdout(cell) for cell in notebook.cells if cell.cell_type == "code")
    state = engine_image_run("two_conv_layers_sgd_tanh").state()
    model = json.loads(printed.split("MODEL ", 1)[1])
    assert_same_weights(model, state, KEYS)
    assert_same_curve(printed_curve(printed), state["history"])


def test_image_notebook_has_one_cell_per_step_with_the_scripts_code():
    notebook = nbformat.reads(_export("own_drawings_sgd", export_notebook)[1], as_version=4)
    nbformat.validate(notebook)
    headings = [cell.source.split("\n", 1)[0] for cell in notebook.cells
                if cell.cell_type == "markdown"]
    assert headings[1:] == [f"## {n}. {title}" for n, title in enumerate(STEP_TITLES, start=1)]
    script = _export("own_drawings_sgd")[1]
    shared = [cell.source for cell in notebook.cells[2:] if cell.cell_type == "code"][:8]
    assert len(shared) == 8 and all(source in script for source in shared)


@pytest.mark.parametrize("settings, field", [
    ({"activation": "wobbly"}, "activation"),
    ({"optimizer": "newton"}, "optimizer"),
    ({"dataset": "faces"}, "dataset"),
    ({"dataset": "drawn"}, "dataset"),
    ({"loss": "hinge"}, "loss"),
    ({"conv_layers": [{"filters": 2, "kernel": 4}]}, "conv_layers"),
    ({"conv_layers": [{"size": 3}]}, "conv_layers"),
    ({"conv_layers": [{"filters": 8, "kernel": 3}] * 4}, "conv_layers"),
    ({"hidden_layers": [0]}, "hidden_layers"),
    ({"hidden_layers": ["a"]}, "hidden_layers"),
    ({"batch_size": 0}, "batch_size"),
    ({"seed": -1}, "seed"),
    ({"learning_rate": float("nan")}, "learning_rate"),
    ({"regularization": "l3"}, "regularization"),
    ({"dataset": "shapes", "image_size": 30}, "image_size"),
    ({"dataset": "shapes", "num_classes": 9}, "num_classes"),
])
def test_bad_image_settings_are_refused_naming_the_field(settings, field):
    with pytest.raises(ValueError) as error:
        export_python({"problem": "images", **settings})
    assert str(error.value).split()[0].strip(":") == field


def test_bad_epochs_for_an_image_run_are_refused_naming_the_field():
    with pytest.raises(ValueError, match="^epochs:"):
        export_python({"problem": "images"}, epochs=-1)

"""The exported notebook: one cell per step, and executed with nbclient it gives the run's numbers.

The kernel is the test environment's own Python (ipykernel); matplotlib need
not be installed, so the plot cell must cope without it. Tolerances: see
``cases``.
"""
import json

import nbformat
import pytest
from nbclient import NotebookClient

from app.export import export_notebook, export_python

from .cases import CASES, EPOCHS, assert_same_curve, assert_same_weights, engine_run, printed_curve

STEP_TITLES = ["Settings", "Data", "The network", "Forward pass", "Loss", "Backpropagation",
               "Update", "The loop", "Run it", "The trained weights", "The loss curve"]


@pytest.fixture
def kernel_home(tmp_path, monkeypatch):
    """Keep the kernel's runtime files and IPython's profile inside the test's folder."""
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    return tmp_path


def execute(text: str, cwd) -> nbformat.NotebookNode:
    """Run every cell, plus one that prints the trained model as JSON; return the notebook."""
    notebook = nbformat.reads(text, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(
        "print('MODEL', json.dumps(model_file(params, curve)))"))
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return notebook


def stdout(cell) -> str:
    return "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")


@pytest.mark.parametrize("case", ["default", "blobs_softmax_cross_entropy_adam_l1",
                                  "own_points_three_classes_no_test_set"])
def test_notebook_executes_and_gives_the_runs_numbers(case, kernel_home):
    settings, resets, data = CASES[case]
    notebook = execute(export_notebook(settings, data, resets, epochs=EPOCHS)[1], kernel_home)
    text = "".join(stdout(cell) for cell in notebook.cells if cell.cell_type == "code")
    state = engine_run(settings, resets, data).state()
    assert_same_curve(printed_curve(text), state["history"])
    model = json.loads(text.split("MODEL ", 1)[1])
    assert model["epoch"] == EPOCHS
    assert_same_weights(model, state)
    plot = notebook.cells[-2]          # the last step's code (the test's cell follows)
    drew = any("image/png" in out.get("data", {}) for out in plot.outputs)
    assert drew or "matplotlib is not installed" in stdout(plot)


def test_one_cell_per_step_with_its_words_first():
    notebook = nbformat.reads(export_notebook({})[1], as_version=4)
    nbformat.validate(notebook)
    headings = [cell.source.split("\n", 1)[0] for cell in notebook.cells
                if cell.cell_type == "markdown"]
    assert headings[0].startswith("# ")
    assert headings[1:] == [f"## {n}. {title}" for n, title in enumerate(STEP_TITLES, start=1)]
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds == ["markdown", "code"] + ["markdown", "code"] * len(STEP_TITLES)


def test_notebook_holds_the_same_code_as_the_script():
    settings, resets, data = CASES["spiral_all_features_adam_l2"]
    script = export_python(settings, data, resets)[1]
    notebook = nbformat.reads(export_notebook(settings, data, resets)[1], as_version=4)
    shared = [cell.source for cell in notebook.cells[2:] if cell.cell_type == "code"][:8]
    assert len(shared) == 8 and all(source in script for source in shared)


def test_notebook_shows_the_engines_formulas():
    from app.nn.activations import ACTIVATIONS
    from app.nn.optimizers import OPTIMIZERS
    text = export_notebook({"activation": "elu", "optimizer": "momentum"})[1]
    notebook = nbformat.reads(text, as_version=4)
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    for formula in (ACTIVATIONS["elu"].formula, ACTIVATIONS["elu"].derivative_formula,
                    OPTIMIZERS["momentum"].formula):
        assert f"$$ {formula} $$" in markdown


def test_same_run_gives_the_same_notebook():
    assert export_notebook({"seed": 3}) == export_notebook({"seed": 3})
    assert export_notebook({"seed": 3})[0] == "playground_circle_seed3.ipynb"

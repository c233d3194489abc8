"""``export_code`` over the socket: the file of the run the caller watches, as it was trained.

The exported script is run in a fresh interpreter and must end where the
session's run is (its model file, relative 1e-9): so the event passes the
run's own settings, points and weight draw, not just any run's.
"""
import json

import pytest

from tests.conftest import Inbox

from .cases import assert_same_curve, assert_same_weights, load_json, printed_curve, run_script


IMAGE_KEYS = ("conv_kernels", "conv_biases", "weights", "biases")


def _assert_script_ends_where_the_run_is(sio, ack, tmp_path, names=("weights", "biases")):
    """Run the acked file in a fresh interpreter; its weights are the session's model file's."""
    script = tmp_path / ack["filename"]
    script.write_text(ack["text"], encoding="utf-8")
    done = run_script(script, "--save", str(tmp_path / "model.json"))
    assert done.returncode == 0, done.stderr
    model = sio.emit("export_model", callback=True)["model"]
    assert_same_weights(load_json(tmp_path / "model.json"), model, names)


def _trained(sio, steps: int) -> None:
    for _ in range(steps):
        assert sio.emit("step", callback=True)["ok"]


def test_the_exported_script_ends_where_the_run_is(sio, tmp_path):
    sio.emit("configure", {"dataset": "xor", "activation": "relu", "num_points": 100,
                           "optimizer": "momentum"}, callback=True)
    sio.emit("reset", callback=True)                 # the second weight draw
    sio.emit("add_points", {"points": [[1.5, -2, 1], [-3, 2.5, -1]]}, callback=True)
    _trained(sio, 25)
    ack = sio.emit("export_code", {"format": "python"}, callback=True)
    assert ack["ok"] and ack["filename"].endswith(".py") and ack["media_type"] == "text/x-python"
    assert ack["epochs"] == 25 and ack["reproduces"] is True
    _assert_script_ends_where_the_run_is(sio, ack, tmp_path)


def test_the_notebook_is_offered_too(sio):
    _trained(sio, 3)
    ack = sio.emit("export_code", {"format": "notebook"}, callback=True)
    assert ack["ok"] and ack["filename"].endswith(".ipynb")
    assert ack["media_type"] == "application/x-ipynb+json"
    notebook = json.loads(ack["text"])
    assert notebook["nbformat"] == 4 and len(notebook["cells"]) >= 8


def test_a_student_gets_the_code_of_the_run_they_watch(connect):
    teacher = Inbox(connect())
    code = teacher.sio.emit("share", callback=True)["code"]
    teacher.sio.emit("configure", {"dataset": "spiral"}, callback=True)
    pupil = Inbox(connect())
    pupil.sio.emit("join", {"code": code}, callback=True)
    ack = pupil.sio.emit("export_code", {"format": "python"}, callback=True)
    assert ack["ok"] and "spiral" in ack["filename"]


def test_a_run_edited_while_it_trained_is_said_not_to_reproduce(sio):
    _trained(sio, 5)
    sio.emit("configure", {"learning_rate": 0.5}, callback=True)
    _trained(sio, 5)
    assert sio.emit("export_code", {"format": "python"}, callback=True)["reproduces"] is False
    sio.emit("rewind", {"epoch": 4}, callback=True)
    rewound = sio.emit("export_code", {"format": "python"}, callback=True)
    assert rewound["epochs"] == 4 and rewound["reproduces"] is True, "as it was at epoch 4"


@pytest.mark.parametrize("payload, field", [
    ({"format": "pdf"}, "format"), ({}, "format"), ({"format": "python", "x": 1}, "x"),
    ([], "payload"),
])
def test_bad_export_requests_name_the_field(sio, payload, field):
    ack = sio.emit("export_code", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == field


def test_an_image_run_exports_and_the_script_ends_where_the_run_is(sio, tmp_path):
    assert sio.emit("configure", {"problem": "images", "hidden_layers": [6]}, callback=True)["ok"]
    _trained(sio, 2)
    ack = sio.emit("export_code", {"format": "python"}, callback=True)
    assert ack["ok"] and ack["filename"] == "playground_images_digits_seed1.py"
    assert ack["epochs"] == 2 and ack["reproduces"] is True
    _assert_script_ends_where_the_run_is(sio, ack, tmp_path, IMAGE_KEYS)


def test_an_image_run_with_drawings_exports_them_and_says_when_it_was_edited(sio, tmp_path):
    assert sio.emit("configure", {"problem": "images", "conv_layers": [{"filters": 2,
                                                                       "kernel": 3}]},
                    callback=True)["ok"]
    drawing = [16 if row == 3 else 0 for row in range(8) for _ in range(8)]   # a bar
    added = sio.emit("add_images", {"images": [drawing, drawing[::-1]], "labels": [1, 7],
                                    "set": "train"}, callback=True)
    assert added["ok"], added
    _trained(sio, 2)
    ack = sio.emit("export_code", {"format": "python"}, callback=True)
    assert ack["ok"] and ack["filename"] == "playground_images_drawn_seed1.py"
    assert ack["reproduces"] is True, "the drawings came before the first epoch"
    _assert_script_ends_where_the_run_is(sio, ack, tmp_path, IMAGE_KEYS)
    sio.emit("add_images", {"images": [drawing], "labels": [1], "set": "test"}, callback=True)
    _trained(sio, 1)
    assert sio.emit("export_code", {"format": "python"}, callback=True)["reproduces"] is False


def test_a_rewound_image_run_exports_as_it_was_at_that_epoch(sio, tmp_path):
    assert sio.emit("configure", {"problem": "images", "dataset": "shapes", "num_points": 120,
                                  "image_size": 8}, callback=True)["ok"]
    _trained(sio, 4)
    history = sio.emit("export_model", callback=True)["model"]["history"]
    assert sio.emit("rewind", {"epoch": 2}, callback=True)["ok"]
    ack = sio.emit("export_code", {"format": "python"}, callback=True)
    assert ack["ok"] and ack["epochs"] == 2 and ack["reproduces"] is True
    script = tmp_path / ack["filename"]
    script.write_text(ack["text"], encoding="utf-8")
    done = run_script(script)
    assert done.returncode == 0, done.stderr
    assert_same_curve(printed_curve(done.stdout), {name: losses[:3] for name, losses
                                                   in history.items()})

"""Image runs through the socket protocol: switching to images and back, their run and frame
messages, settings that do not fit, drawings added and uploaded, exports and model files."""
import base64
import json

import numpy as np
import pytest

from app.nn.images import digits
from tests.conftest import Inbox, wait_for

DIGITS = {"problem": "images", "dataset": "digits", "seed": 1}


def test_switching_to_images_starts_the_default_digit_network(sio, inbox):
    ack = sio.emit("configure", DIGITS, callback=True)
    assert ack["ok"] and ack["restarted"], ack
    settings = ack["settings"]
    assert settings["conv_layers"] == [{"filters": 8, "kernel": 3}] and settings["pool"] is True
    assert settings["hidden_layers"] == [] and settings["activation"] == "relu"
    assert (settings["optimizer"], settings["learning_rate"], settings["batch_size"],
            settings["loss"], settings["train_ratio"]) == ("adam", 0.01, 32, "cross_entropy", 70)
    run, frame = inbox.of("run")[-1], inbox.last_frame()
    assert run["parameter_count"] == 1370 and run["classes"] == 10
    assert run["sizes"] == [128, 10] and run["map_sizes"] == [8, 4] and run["image_size"] == 8
    assert run["class_names"] == [str(d) for d in range(10)]
    assert run["output_activation"] == "softmax" and run["pool"] is True
    assert np.shape(frame["conv_kernels"]) == (1, 8, 1, 3, 3)
    assert np.shape(frame["conv_biases"]) == (1, 8) and np.shape(frame["weights"][0]) == (128, 10)
    assert frame["metric"] == "accuracy" and frame["epoch"] == 0
    report = frame["report"]
    assert np.sum(report["confusion"]) == len(run["images"]["test"]["labels"])


def test_the_test_images_travel_exactly_one_byte_a_pixel(app, sio, inbox):
    sio.emit("configure", DIGITS, callback=True)
    images = inbox.of("run")[-1]["images"]
    session = app.extensions["playground"].registry.get(inbox.of("hello")[0]["session"])
    test = session.run.data
    raw = np.frombuffer(base64.b64decode(images["test"]["pixels"]), dtype=np.uint8)
    assert images["scale"] == 240 and images["train_count"] == len(test.y_train)
    np.testing.assert_array_equal(raw.reshape(test.x_test.shape) / 240.0, test.x_test)
    assert images["test"]["labels"] == test.y_test.tolist()
    # The digits are whole sixteenths: value · 15 in bytes.
    assert set(np.unique(raw) % 15) == {0}


def test_shapes_travel_exactly_too(app, sio, inbox):
    ack = sio.emit("configure", {"problem": "images", "dataset": "shapes", "image_size": 12,
                                 "num_classes": 6, "noise": 20}, callback=True)
    assert ack["ok"], ack
    run = inbox.of("run")[-1]
    session = app.extensions["playground"].registry.get(inbox.of("hello")[0]["session"])
    raw = np.frombuffer(base64.b64decode(run["images"]["test"]["pixels"]), dtype=np.uint8)
    np.testing.assert_array_equal(raw / 240.0, session.run.data.x_test.reshape(-1))
    assert run["class_names"][:2] == ["horizontal bar", "vertical bar"] and run["classes"] == 6
    assert run["image_size"] == 12 and run["map_sizes"] == [12, 6]


def test_back_to_points_gives_the_default_point_network(sio, inbox):
    sio.emit("configure", {**DIGITS, "speed": 50, "seed": 7}, callback=True)
    ack = sio.emit("configure", {"problem": "classification"}, callback=True)
    assert ack["ok"] and ack["restarted"]
    settings = ack["settings"]
    assert (settings["dataset"], settings["activation"], settings["hidden_layers"],
            settings["batch_size"]) == ("circle", "tanh", [4, 2], 10)
    assert settings["speed"] == 50 and settings["seed"] == 7, "runner fields and seed are kept"
    run, frame = inbox.of("run")[-1], inbox.last_frame()
    assert run["sizes"] == [2, 4, 2, 1] and len(run["data"]["train"]) == 250
    assert "conv_kernels" not in frame and "report" not in frame


def test_live_settings_keep_an_image_run_and_architecture_restarts_it(sio, inbox):
    sio.emit("configure", DIGITS, callback=True)
    sio.emit("step", callback=True)
    ack = sio.emit("configure", {"learning_rate": 0.003, "batch_size": 64}, callback=True)
    assert ack["ok"] and not ack["restarted"], ack
    sio.emit("step", callback=True)
    assert inbox.last_frame()["epoch"] == 2
    for change, sizes in (({"pool": False}, [512, 10]),
                          ({"conv_layers": [{"filters": 4, "kernel": 5}]}, [256, 10]),
                          ({"hidden_layers": [16]}, [256, 16, 10]),
                          ({"conv_layers": []}, [64, 16, 10])):
        ack = sio.emit("configure", change, callback=True)
        assert ack["ok"] and ack["restarted"], (change, ack)
        assert inbox.of("run")[-1]["sizes"] == sizes and inbox.last_frame()["epoch"] == 0
    run = inbox.of("run")[-1]
    assert run["parameter_count"] == 64 * 16 + 16 + 16 * 10 + 10
    assert inbox.last_frame()["conv_kernels"] == []


@pytest.mark.parametrize("payload, field, words", [
    ({"conv_layers": [{"filters": 8, "kernel": 3}] * 4}, "conv_layers", "at most 3"),
    ({"conv_layers": [{"filters": 17, "kernel": 3}]}, "conv_layers[0].filters", "16"),
    ({"conv_layers": [{"filters": 8, "kernel": 4}]}, "conv_layers[0].kernel", "3, 5"),
    ({"conv_layers": [{"filters": 8}]}, "conv_layers[0]", "kernel"),
    ({"conv_layers": [{"filters": 16, "kernel": 5}] * 2}, "conv_layers", "128,640 multiply-adds"),
    ({"pool": False, "conv_layers": [{"filters": 16, "kernel": 3}]}, "conv_layers",
     "10,410 parameters"),
    ({"hidden_layers": [32, 32], "pool": False}, "hidden_layers", "parameters"),
    ({"hidden_layers": [33]}, "hidden_layers[0]", "32"),
    ({"image_size": 12}, "image_size", "8×8"),
    ({"batch_size": 65}, "batch_size", "64"),
    ({"pool": "yes"}, "pool", "true or false"),
    ({"dataset": "circle"}, "dataset", "digits"),
    ({"num_classes": 7}, "num_classes", "6"),
])
def test_image_settings_that_do_not_fit_are_refused_by_name(sio, inbox, payload, field, words):
    sio.emit("configure", DIGITS, callback=True)
    run = inbox.of("run")[-1]["run"]
    ack = sio.emit("configure", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == field, ack
    assert words in ack["error"]["message"]
    assert inbox.of("run")[-1]["run"] == run, "a refused configure changes nothing"


def test_an_oversized_network_is_refused_in_the_same_configure_that_switches(sio):
    ack = sio.emit("configure", {**DIGITS, "conv_layers": [{"filters": 16, "kernel": 5}] * 3},
                   callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "conv_layers"
    ack = sio.emit("configure", {"batch_size": 32}, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "batch_size", \
        "still a point run: its batch sizes stop at 30"


def test_point_events_are_refused_on_an_image_run_and_image_events_on_a_point_run(sio):
    for event, payload in (("add_images", {"images": [[0] * 64], "labels": [1]}),
                           ("upload_images", {"images": "0," * 64 + "1"}),
                           ("export_images", None)):
        ack = sio.emit(event, payload, callback=True) if payload else \
            sio.emit(event, callback=True)
        assert ack["ok"] is False and ack["error"]["field"] == "problem", (event, ack)
    sio.emit("configure", DIGITS, callback=True)
    for event, payload in (("add_points", {"points": [[1, 1, 1]]}),
                           ("erase_points", {"x1": 0, "x2": 0, "radius": 1}),
                           ("upload_csv", {"csv": "1,1,1\n"}), ("explain_point", {"index": 0})):
        ack = sio.emit(event, payload, callback=True)
        assert ack["ok"] is False and ack["error"]["field"] == "problem", (event, ack)


def test_added_drawings_keep_weights_epoch_and_curve(app, sio, inbox):
    sio.emit("configure", DIGITS, callback=True)
    sio.emit("step", callback=True)
    before, train = inbox.last_frame(), inbox.of("run")[-1]["images"]["train_count"]
    seven = [0] * 64
    for x in range(1, 7):
        seven[8 + x] = 16                                 # the bar
    for y in range(2, 8):
        seven[8 * y + 7 - y] = 12                         # the stroke down
    ack = sio.emit("add_images", {"images": [seven, seven], "labels": [7, 7], "set": "train"},
                   callback=True)
    assert ack["ok"] and ack["train"] == train + 2, ack
    run, frame = inbox.of("run")[-1], inbox.last_frame()
    assert run["run"] == before["run"] and run["settings"]["dataset"] == "drawn"
    assert frame["epoch"] == 1 and frame["weights"] == before["weights"]
    session = app.extensions["playground"].registry.get(inbox.of("hello")[0]["session"])
    np.testing.assert_array_equal(session.run.data.x_train[-1].reshape(-1),
                                  np.array(seven) / 16.0)
    assert session.run.data.y_train[-2:].tolist() == [7, 7]


@pytest.mark.parametrize("payload, field", [
    ({"images": [[0] * 63], "labels": [1]}, "images[0]"),
    ({"images": [[0] * 63 + [17]], "labels": [1]}, "images[0]"),
    ({"images": [[0] * 63 + ["x"]], "labels": [1]}, "images[0]"),
    ({"images": [[0] * 64], "labels": [10]}, "labels[0]"),
    ({"images": [[0] * 64], "labels": [1, 2]}, "labels"),
    ({"images": [], "labels": []}, "images"),
    ({"images": [[0] * 64], "labels": [1], "set": "both"}, "set"),
])
def test_bad_drawings_are_refused_by_name(sio, payload, field):
    sio.emit("configure", DIGITS, callback=True)
    ack = sio.emit("add_images", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == field, ack


def _line(values, label, which=""):
    return ",".join(str(v) for v in values) + f",{label}" + (f",{which}" if which else "")


@pytest.mark.parametrize("lines, message", [
    ([_line([0] * 64, 1), _line([0] * 64, 2), _line([0] * 63, 3)],
     "line 3: expected 64 pixel values, got 63"),
    ([_line([0] * 64, 1), _line([0] * 64, 12)],
     "line 2: the label must be a whole number 0 … 9, got '12'"),
    ([_line([0] * 4 + ["x"] + [0] * 59, 1)], "line 1: pixel 5 is not a number: 'x'"),
    ([_line([0] * 64, 1), _line([0] * 63 + [20], 1)], "line 2: pixel 64 must be 0 … 16, got 20"),
    (["# just a comment", _line([0] * 50, 1)], "line 2: 50 pixel values do not make a square"),
])
def test_a_bad_image_upload_names_the_line(sio, inbox, lines, message):
    sio.emit("configure", DIGITS, callback=True)
    run = inbox.of("run")[-1]["run"]
    ack = sio.emit("upload_images", {"images": "\n".join(lines)}, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "images"
    assert ack["error"]["message"].startswith(message), ack
    assert inbox.of("run")[-1]["run"] == run


def test_an_upload_of_images_starts_a_run_on_them_at_their_size(sio, inbox):
    sio.emit("configure", DIGITS, callback=True)
    rng = np.random.default_rng(3)
    lines = [_line(rng.integers(0, 17, 100).tolist(), i % 3, "test" if i % 4 == 0 else "")
             for i in range(40)]
    ack = sio.emit("upload_images", {"images": "\n".join(lines)}, callback=True)
    assert ack["ok"] and ack["restarted"] and ack["test"] >= 10, ack
    run = inbox.of("run")[-1]
    assert run["settings"]["dataset"] == "drawn" and run["settings"]["image_size"] == 10
    assert run["image_size"] == 10 and run["classes"] == 3
    assert run["settings"]["num_classes"] == 3
    ack = sio.emit("configure", {"seed": 5}, callback=True)
    assert ack["ok"] and inbox.of("run")[-1]["classes"] == 3, "a restart keeps the classes"
    ack = sio.emit("configure", {"image_size": 12}, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "image_size"


def test_exported_images_upload_into_another_session_unchanged(app, connect):
    first, second = Inbox(connect()), Inbox(connect())
    for inbox in (first, second):
        inbox.sio.emit("configure", {"problem": "images", "dataset": "shapes",
                                     "num_points": 60, "noise": 10}, callback=True)
    exported = first.sio.emit("export_images", callback=True)
    assert exported["ok"] and exported["train"] == 42 and exported["test"] == 18
    ack = second.sio.emit("upload_images", {"images": exported["images"]}, callback=True)
    assert ack["ok"] and (ack["train"], ack["test"]) == (42, 18), ack
    registry = app.extensions["playground"].registry
    a, b = (registry.get(i.of("hello")[0]["session"]).run.data for i in (first, second))
    for name in ("x_train", "y_train", "x_test", "y_test"):
        np.testing.assert_allclose(getattr(b, name), getattr(a, name), rtol=0, atol=1e-5 / 16)


def test_an_image_model_exports_and_imports_and_continues(connect):
    first, second = Inbox(connect()), Inbox(connect())
    first.sio.emit("configure", DIGITS, callback=True)
    for _ in range(2):
        first.sio.emit("step", callback=True)
    model = first.sio.emit("export_model", callback=True)["model"]
    assert model["data"] is None and np.shape(model["conv_kernels"]) == (1, 8, 1, 3, 3)
    json.dumps(model, allow_nan=False)
    ack = second.sio.emit("import_model", {"model": model}, callback=True)
    assert ack["ok"] and ack["epoch"] == 2 and ack["settings"]["problem"] == "images", ack
    for inbox in (first, second):
        inbox.sio.emit("step", callback=True)
    a, b = first.last_frame(), second.last_frame()
    assert b["epoch"] == 3 and b["history"]["start"] == 3
    # Optimizer state starts afresh on import, so only the first step after it is alike in
    # kind: both train on from the same weights; the losses stay close.
    assert abs(a["loss_train"] - b["loss_train"]) < 0.05
    np.testing.assert_allclose(second.of("frame")[-2]["conv_kernels"],
                               first.of("frame")[-2]["conv_kernels"], atol=1e-4)


def test_a_model_of_your_own_images_carries_them(connect):
    first, second = Inbox(connect()), Inbox(connect())
    first.sio.emit("configure", {"problem": "images", "dataset": "shapes", "num_points": 40},
                   callback=True)
    first.sio.emit("add_images", {"images": [[16] * 64], "labels": [2], "set": "test"},
                   callback=True)
    model = first.sio.emit("export_model", callback=True)["model"]
    assert model["settings"]["dataset"] == "drawn" and model["data"]["images"].count("\n") == 42
    ack = second.sio.emit("import_model", {"model": model}, callback=True)
    assert ack["ok"], ack
    run = second.of("run")[-1]
    assert len(run["images"]["test"]["labels"]) == 13 and run["images"]["train_count"] == 28
    assert run["images"]["test"]["labels"][-1] == 2
    broken = {**model, "conv_kernels": [[[[[0.0]]]]]}
    ack = second.sio.emit("import_model", {"model": broken}, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "model.conv_kernels[0]", ack
    broken = {**model, "data": {"images": "1,2,3"}}
    ack = second.sio.emit("import_model", {"model": broken}, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "model.data.images", ack


def test_set_parameter_edits_a_dense_weight_of_an_image_network(sio, inbox):
    sio.emit("configure", DIGITS, callback=True)
    ack = sio.emit("set_parameter", {"layer": 0, "from": 127, "to": 9, "value": 2.5},
                   callback=True)
    assert ack["ok"], ack
    assert inbox.last_frame()["weights"][0][127][9] == 2.5
    ack = sio.emit("set_parameter", {"layer": 1, "from": 0, "to": 0, "value": 1}, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "layer"


def test_the_default_digit_network_reads_digits_while_playing(sio, inbox):
    sio.emit("configure", {**DIGITS, "speed": 10000}, callback=True)
    assert sio.emit("play", callback=True)["ok"]
    frame = wait_for(lambda: next((f for f in inbox.of("frame")
                                   if (f["metric_test"] or 0) >= 0.95), None), timeout=60)
    sio.emit("pause", callback=True)
    assert frame["epoch"] <= 15, frame["epoch"]
    frames = [f for f in inbox.of("frame") if f["run"] == frame["run"]]
    for f in frames:
        json.dumps(f, allow_nan=False)
    assert frames[-1]["running"] is False and "report" in frames[-1], "a paused frame reports"
    reported = [f["report"]["epoch"] for f in frames if "report" in f]
    assert reported == sorted(reported)
    accuracy = frames[-1]["report"]["class_accuracy"]
    assert len(accuracy) == 10 and min(a for a in accuracy if a is not None) > 0.5


def test_frames_carry_the_report_at_most_every_few_frames_while_training(app, connect):
    app.config["IMAGE_REPORT_SECONDS"] = 0.3     # the publisher reads the app's config
    inbox = Inbox(connect())
    inbox.sio.emit("configure", {**DIGITS, "speed": 10000, "conv_layers": [], "batch_size": 64},
                   callback=True)
    inbox.sio.emit("play", callback=True)

    def playing():
        frames = [f for f in inbox.of("frame") if f["running"]]
        return frames if frames and frames[-1]["server_time"] - frames[0]["server_time"] > 1.5 \
            else None
    frames = wait_for(playing, timeout=60)
    inbox.sio.emit("pause", callback=True)
    with_report = [f for f in frames if "report" in f]
    assert 3 <= len(with_report) < len(frames) / 2, (len(with_report), len(frames))
    times = [f["server_time"] for f in with_report]
    # server_time is wall time rounded to 1 ms, stamped after the report was timed on the
    # monotonic clock: 20 ms of slack, far below the ~77 ms between unthrottled frames.
    assert all(b - a >= 0.3 - 0.02 for a, b in zip(times, times[1:])), times


def test_a_student_forks_the_teachers_image_run_and_draws_on_it(connect):
    teacher, student = Inbox(connect()), Inbox(connect())
    teacher.sio.emit("configure", DIGITS, callback=True)
    teacher.sio.emit("step", callback=True)
    code = teacher.sio.emit("share", callback=True)["code"]
    assert student.sio.emit("join", {"code": code}, callback=True)["ok"]
    followed = student.of("run")[-1]
    assert followed["classes"] == 10 and student.last_frame()["conv_kernels"]
    assert student.sio.emit("fork", callback=True)["ok"]
    own = student.of("run")[-1]
    assert own["settings"]["problem"] == "images" and student.last_frame()["epoch"] == 1
    ack = student.sio.emit("add_images", {"images": [[8] * 64], "labels": [3]}, callback=True)
    assert ack["ok"], ack
    assert teacher.of("run")[-1]["settings"]["dataset"] == "digits", "the teacher's run is untouched"
    assert digits.SIZE == own["image_size"]

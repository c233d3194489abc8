"""Protocol 2 events end to end: settings together, stop conditions, points, CSV, models."""
import pytest

from tests.conftest import Inbox, wait_for


def test_switching_problem_picks_a_fitting_data_set_and_loss(sio, inbox):
    assert sio.emit("configure", {"loss": "cross_entropy"}, callback=True)["ok"]
    ack = sio.emit("configure", {"problem": "regression"}, callback=True)
    assert ack["ok"] and ack["restarted"]
    assert ack["settings"]["dataset"] == "plane" and ack["settings"]["loss"] == "mse"
    run = inbox.of("run")[-1]
    assert run["output_activation"] == "linear" and run["classes"] == 1
    assert inbox.last_frame()["metric"] == "r2"


@pytest.mark.parametrize("payload, field", [
    ({"dataset": "plane"}, "dataset"),
    ({"problem": "regression", "dataset": "circle"}, "dataset"),
    ({"problem": "regression", "loss": "cross_entropy"}, "loss"),
    ({"features": []}, "features"),
    ({"features": ["x1", "x1"]}, "features"),
    ({"features": ["x3"]}, "features[0]"),
    ({"optimizer": "rmsprop"}, "optimizer"),
    ({"regularization_rate": 11}, "regularization_rate"),
    ({"stop_after": -1}, "stop_after"),
    ({"num_classes": 6}, "num_classes"),
])
def test_settings_that_do_not_fit_are_refused_by_name(sio, payload, field):
    ack = sio.emit("configure", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == field


def test_features_change_the_input_layer_and_restart(sio, inbox):
    ack = sio.emit("configure", {"features": ["sin_x2", "x1", "x1x2"]}, callback=True)
    assert ack["restarted"] and ack["settings"]["features"] == ["x1", "x1x2", "sin_x2"]
    run = inbox.of("run")[-1]
    assert run["sizes"][0] == 3 and run["features"] == ["x1", "x1x2", "sin_x2"]


def test_three_classes_use_softmax_and_report_accuracy(sio, inbox):
    ack = sio.emit("configure", {"dataset": "blobs", "num_classes": 4,
                                 "loss": "cross_entropy"}, callback=True)
    assert ack["ok"], ack
    run, frame = inbox.of("run")[-1], inbox.last_frame()
    assert run["classes"] == 4 and run["output_activation"] == "softmax"
    assert run["sizes"][-1] == 4 and frame["metric"] == "accuracy"
    assert {p[2] for p in run["data"]["train"]} == {0, 1, 2, 3}


def test_live_optimizer_and_regularization_keep_the_run(sio, inbox):
    sio.emit("step", callback=True)
    for change in ({"optimizer": "adam"}, {"regularization": "l2"},
                   {"regularization_rate": 0.01}, {"stop_after": 5}):
        ack = sio.emit("configure", change, callback=True)
        assert ack["ok"] and not ack["restarted"]
        assert inbox.of("settings")[-1]["settings"].items() >= change.items()
    sio.emit("step", callback=True)
    assert inbox.last_frame()["epoch"] == 2


def test_stop_after_pauses_with_the_reason_and_play_goes_on(sio, inbox):
    sio.emit("configure", {"speed": 10000, "stop_after": 30}, callback=True)
    sio.emit("play", callback=True)
    frame = wait_for(lambda: (f := inbox.last_frame())["stopped"] and f)
    assert frame["epoch"] == 30 and frame["stopped"]["reason"] == "epoch_limit"
    assert "30 epochs" in frame["stopped"]["message"]
    sio.emit("play", callback=True)
    wait_for(lambda: inbox.last_frame()["epoch"] == 60 and not inbox.last_frame()["running"])


def test_plateau_pauses_when_the_test_loss_stops_improving(sio, inbox):
    # Few noisy points and a large step: the test loss is never better than at epoch 0.
    sio.emit("configure", {"speed": 10000, "stop_patience": 5, "learning_rate": 1,
                           "num_points": 40, "noise": 50, "hidden_layers": [8, 8]},
             callback=True)
    sio.emit("play", callback=True)
    frame = wait_for(lambda: (f := inbox.last_frame())["stopped"] and f)
    assert frame["stopped"]["reason"] == "plateau" and frame["epoch"] == 5
    assert "has not improved for 5 epochs (best at epoch 0)" in frame["stopped"]["message"]


def test_set_parameter_changes_one_weight_and_one_bias(sio, inbox):
    assert sio.emit("set_parameter", {"layer": 1, "from": 3, "to": 0, "value": 2.5},
                    callback=True) == {"ok": True, "value": 2.5}
    assert sio.emit("set_parameter", {"layer": 2, "from": None, "to": 0, "value": -1},
                    callback=True)["ok"]
    frame = inbox.last_frame()
    assert frame["weights"][1][3][0] == 2.5 and frame["biases"][2][0] == -1
    for payload, field in (({"layer": 3, "from": 0, "to": 0, "value": 1}, "layer"),
                           ({"layer": 0, "from": 2, "to": 0, "value": 1}, "from"),
                           ({"layer": 0, "from": 0, "to": 4, "value": 1}, "to"),
                           ({"layer": 0, "from": 0, "to": 0, "value": 1e9}, "value"),
                           ({"layer": 0, "to": 0, "value": 1}, "from")):
        ack = sio.emit("set_parameter", payload, callback=True)
        assert ack["ok"] is False and ack["error"]["field"] == field


def test_adding_and_erasing_points_keeps_weights_epoch_and_curve(sio, inbox):
    sio.emit("step", callback=True)
    before = inbox.last_frame()
    ack = sio.emit("add_points", {"points": [[0.5, 0.5, 1], [1, -1, -1]]}, callback=True)
    assert ack == {"ok": True, "train": 252, "test": 250}
    run = inbox.of("run")[-1]
    assert run["settings"]["dataset"] == "custom" and run["run"] == before["run"]
    assert [1.0, -1.0, -1.0] in run["data"]["train"]
    ack = sio.emit("erase_points", {"x1": 1, "x2": -1, "radius": 0.1}, callback=True)
    assert ack["ok"] and ack["removed"] >= 1 and ack["train"] + ack["test"] < 502
    frame = inbox.last_frame()
    assert frame["epoch"] == 1 and frame["weights"] == before["weights"]
    bad = sio.emit("add_points", {"points": [[0, 0, 2]]}, callback=True)
    assert bad["ok"] is False and bad["error"]["field"] == "points[0]"
    bad = sio.emit("erase_points", {"x1": 0, "x2": 0, "radius": 13}, callback=True)
    assert bad["ok"] is False and bad["error"]["field"] == "radius"


def test_custom_points_survive_a_change_of_architecture(sio, inbox):
    sio.emit("add_points", {"points": [[0.5, 0.5, 1]]}, callback=True)
    points = inbox.of("run")[-1]["data"]
    assert sio.emit("configure", {"hidden_layers": [3]}, callback=True)["restarted"]
    assert inbox.of("run")[-1]["data"] == points


def test_uploaded_csv_replaces_the_data_and_bad_lines_are_named(sio, inbox):
    csv = "x1,x2,label,set\n" + "".join(
        f"{x},{y},{1 if x * y > 0 else -1},{'test' if i % 4 == 0 else 'train'}\n"
        for i, (x, y) in enumerate((a / 2, b / 2) for a in range(-9, 10, 2)
                                   for b in range(-9, 10, 2)))
    ack = sio.emit("upload_csv", {"csv": csv}, callback=True)
    assert ack == {"ok": True, "restarted": True, "train": 75, "test": 25}
    assert inbox.of("run")[-1]["settings"]["dataset"] == "custom"
    bad = sio.emit("upload_csv", {"csv": "1,1,1\n2,oops,1\n"}, callback=True)
    assert bad["error"] == {"field": "csv", "message": "line 2: x2 is not a number: 'oops'"}
    assert sio.emit("upload_csv", {"csv": "1,1,1\n" * 10_000}, callback=True)["ok"] is False


def test_exported_model_imports_into_another_session_and_continues(connect):
    teacher, student = Inbox(connect()), Inbox(connect())
    teacher.sio.emit("configure", {"dataset": "xor", "optimizer": "sgd"}, callback=True)
    for _ in range(5):
        teacher.sio.emit("step", callback=True)
    model = teacher.sio.emit("export_model", callback=True)["model"]
    assert model["epoch"] == 5 and len(model["history"]["train"]) == 6
    ack = student.sio.emit("import_model", {"model": model}, callback=True)
    assert ack["ok"] and ack["epoch"] == 5 and ack["settings"]["dataset"] == "xor"
    frame = student.last_frame()
    assert frame["epoch"] == 5 and frame["history"]["start"] == 0
    assert frame["weights"] == teacher.last_frame()["weights"]
    teacher.sio.emit("step", callback=True)
    student.sio.emit("step", callback=True)
    assert student.last_frame()["loss_train"] == teacher.last_frame()["loss_train"]


@pytest.mark.parametrize("change, field", [
    (lambda m: m.update(format="zip"), "model.format"),
    (lambda m: m.pop("weights"), "model.weights"),
    (lambda m: m["settings"].update(learning_rate=99), "model.settings.learning_rate"),
    (lambda m: m["weights"][1].pop(), "model.weights[1]"),
    (lambda m: m["data"]["train"][0].__setitem__(0, 60), "model.data.train[0]"),
    (lambda m: m.update(epoch=-3), "model.epoch"),
])
def test_a_broken_model_file_is_refused_naming_the_field(sio, change, field):
    model = sio.emit("export_model", callback=True)["model"]
    change(model)
    ack = sio.emit("import_model", {"model": model}, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == field, ack


def test_same_settings_give_the_same_run_epoch_by_epoch(connect):
    """What a shared URL promises: same data, same initial weights, same loss curve."""
    settings = {"dataset": "spiral", "seed": 1234, "noise": 10, "hidden_layers": [5, 3],
                "features": ["x1", "x2", "x1x2"], "optimizer": "adam", "learning_rate": 0.01}
    first, second = Inbox(connect()), Inbox(connect())
    for client in (first, second):
        assert client.sio.emit("configure", settings, callback=True)["ok"]
        for _ in range(8):
            client.sio.emit("step", callback=True)
    assert first.of("run")[-1]["data"] == second.of("run")[-1]["data"]
    curves = [[v for f in c.of("frame") if f["run"] == c.last_frame()["run"]
               for v in f["history"]["train"]] for c in (first, second)]
    assert curves[0] == curves[1] and len(curves[0]) == 9


def test_a_model_with_an_empty_test_set_exports_as_valid_json_and_imports(sio, inbox):
    import json
    sio.emit("upload_csv", {"csv": "1,1,1,train\n-1,-1,-1,train\n2,1,1,train\n"}, callback=True)
    sio.emit("step", callback=True)
    model = sio.emit("export_model", callback=True)["model"]
    json.dumps(model, allow_nan=False)
    assert model["history"]["test"] == [None, None]
    assert sio.emit("import_model", {"model": model}, callback=True)["ok"]


def test_adding_or_erasing_points_while_paused_updates_the_losses_not_only_the_accuracy(app, sio, inbox):
    from app.nn.features import feature_matrix
    sio.emit("step", callback=True)
    before = inbox.last_frame()
    # Points of the wrong class where the network has learnt the inner class: both losses rise.
    wrong = [[0.2 * k, 0.1 * k, -1] for k in range(-5, 6)]
    for which in ("train", "test"):
        assert sio.emit("add_points", {"points": wrong, "set": which}, callback=True)["ok"]
    frame = inbox.last_frame()
    (session,) = app.extensions["playground"].registry._sessions.values()
    run = session.run

    def loss(x, y):  # the data loss of the network now on the points now, in float64
        outputs = run.network.predict(feature_matrix(x, run.config.features))
        return run.head.loss_value(outputs, run.head.targets(y))
    data = run.data
    assert frame["epoch"] == before["epoch"] == 1 and not frame["running"]
    assert frame["loss_train"] == pytest.approx(loss(data.x_train, data.y_train), rel=1e-5)
    assert frame["loss_test"] == pytest.approx(loss(data.x_test, data.y_test), rel=1e-5)
    assert frame["loss_train"] > before["loss_train"] and frame["loss_test"] > before["loss_test"]
    # The curve's last point is sent again, so it agrees with the readings.
    assert frame["history"] == {"start": 1, "train": [frame["loss_train"]], "test": [frame["loss_test"]]}
    assert sio.emit("erase_points", {"x1": 0, "x2": 0, "radius": 1.2}, callback=True)["ok"]
    erased = inbox.last_frame()
    assert erased["loss_train"] == pytest.approx(loss(run.data.x_train, run.data.y_train), rel=1e-5)
    assert erased["loss_train"] != frame["loss_train"] and erased["history"]["start"] == 1


@pytest.mark.parametrize("start, classes", [({"dataset": "circle"}, 2),
                                            ({"dataset": "blobs", "num_classes": 4}, 4),
                                            ({"problem": "regression"}, 1)])
def test_your_own_points_start_on_an_empty_plane_with_the_same_output(sio, inbox, start, classes):
    assert sio.emit("configure", start, callback=True)["ok"]
    ack = sio.emit("configure", {"dataset": "custom"}, callback=True)
    assert ack["ok"] and ack["restarted"]
    run, frame = inbox.of("run")[-1], inbox.last_frame()
    assert run["data"] == {"train": [], "test": []} and run["classes"] == classes
    assert frame["loss_train"] is None and frame["metric_train"] is None and frame["epoch"] == 0
    for event in ("play", "step"):   # nothing to learn from: refused, saying what to do
        refused = sio.emit(event, callback=True)
        assert refused["ok"] is False and refused["error"]["field"] == "points"
        assert "Draw points" in refused["error"]["message"]
    label = 0 if classes > 2 else 1
    assert sio.emit("add_points", {"points": [[1, 1, label]]}, callback=True) == {"ok": True, "train": 1, "test": 0}
    assert sio.emit("step", callback=True) == {"ok": True, "epoch": 1}
    assert inbox.last_frame()["loss_train"] is not None


def test_clear_all_erases_every_point_and_pauses_a_running_run(sio, inbox):
    sio.emit("configure", {"speed": 1}, callback=True)
    assert sio.emit("play", callback=True)["ok"]
    ack = sio.emit("erase_points", {"x1": 0, "x2": 0, "radius": 12}, callback=True)
    assert ack == {"ok": True, "removed": 500, "train": 0, "test": 0}
    frame = inbox.last_frame()
    assert frame["running"] is False and frame["loss_train"] is None and frame["stopped"] is None
    assert inbox.of("run")[-1]["settings"]["dataset"] == "custom"
    assert sio.emit("play", callback=True)["error"]["field"] == "points"

"""ImageRun: the Run interface on pictures (seeding, live updates, pickling, state, failures)."""
import json
import math
from dataclasses import replace

import numpy as np
import pytest

from app.nn.parameters import set_parameter
from app.nn.images.datasets import ImageSplit
from app.nn.images.run import ImageRun
from app.nn.images.run_config import RESTART_FIELDS, ImageRunConfig
from app.training import replica, worker_main
from app.training.stops import StopRules

# Small and quick: 120 shapes of 8×8, 4 classes.
SHAPES = ImageRunConfig(dataset="shapes", num_points=120, num_classes=4)


def test_default_run_is_the_digits_cnn_with_its_layer_sizes():
    run = ImageRun(ImageRunConfig())
    assert run.classes == 10 and run.head.name == "softmax_cross_entropy"
    assert len(run.data.x_train) == 1258 and len(run.data.x_test) == 539    # 70 % of 1,797
    assert run.data.x_train.max() == 1.0 and run.data.x_train.min() == 0.0  # value / 16
    assert run.network.map_sizes == [8, 4] and run.network.sizes == (128, 10)
    assert run.parameter_count == (8 * 9 + 8) + (128 * 10 + 10) == 1370
    assert run.epoch == 0 and len(run.history.train) == len(run.history.test) == 1


def test_dense_network_on_pixels_has_no_kernels():
    run = ImageRun(ImageRunConfig(conv_layers=[], hidden_layers=[16]))
    assert run.network.sizes == (64, 16, 10) and run.network.conv_kernels == []
    assert run.parameter_count == 65 * 16 + 17 * 10


def test_same_settings_give_the_same_run_epoch_by_epoch():
    first, second = ImageRun(SHAPES), ImageRun(SHAPES)
    np.testing.assert_array_equal(first.data.x_train, second.data.x_train)
    first.train(3)
    second.train(3)
    assert first.history.train == second.history.train
    other = ImageRun(replace(SHAPES, seed=2))
    assert not np.array_equal(other.data.x_train, first.data.x_train)


def test_a_reset_draws_new_weights_for_the_same_images():
    run, reset = ImageRun(SHAPES), ImageRun(SHAPES, weight_draw=1)
    np.testing.assert_array_equal(run.data.x_train, reset.data.x_train)
    assert not np.array_equal(run.network.params, reset.network.params)


def test_live_settings_apply_and_restart_fields_are_refused():
    run = ImageRun(SHAPES)
    run.train(1)
    run.update(replace(SHAPES, learning_rate=0.001, activation="tanh", batch_size=7,
                       optimizer="momentum", regularization="l2", regularization_rate=0.01))
    assert run.network.activation.name == "tanh" and len(run._batches[0][0]) == 7
    assert run.train(2) == 2 and run.epoch == 3
    for field, value in [("conv_layers", []), ("pool", False), ("image_size", 10)]:
        assert field in RESTART_FIELDS
        with pytest.raises(ValueError, match=f"changing \\['{field}'\\] needs a new run"):
            run.update(replace(SHAPES, **{field: value}))


@pytest.mark.parametrize("regularization, fewest_zeros, most_zeros", [
    ("l1", 0.1, 1.0), ("l2", 0.0, 0.0)])
def test_l1_clamps_weights_that_cross_zero_to_exactly_zero(regularization, fewest_zeros,
                                                           most_zeros):
    run = ImageRun(replace(SHAPES, regularization=regularization, regularization_rate=0.05,
                           optimizer="sgd", learning_rate=0.05))
    run.train(10)
    weights = run.network.params[run.network.weight_mask > 0]
    assert fewest_zeros <= np.count_nonzero(weights == 0.0) / weights.size <= most_zeros


def test_a_non_finite_loss_stops_the_run():
    run = ImageRun(replace(SHAPES, optimizer="sgd", learning_rate=1e6, activation="linear"))
    done = run.train(50)
    assert run.diverged and run.failure == "nonfinite" and done < 50


def test_a_shipped_copy_trains_identically_and_its_progress_is_absorbed():
    run = ImageRun(SHAPES)
    run.train(2)
    copy = replica.unpack(replica.pack(run))
    assert type(copy) is ImageRun and copy.epoch == 2
    assert copy.history.epochs == [2] and copy.history.test == run.history.test[-1:], \
        "a copy gets the last reading only"
    copy.train(3)
    replica.absorb(run, replica.progress(copy, 2))
    reference = replica.unpack(replica.pack(copy))
    run.train(1)
    reference.train(1)
    np.testing.assert_array_equal(run.network.params, reference.network.params)
    assert run.history.last() == reference.history.last() and run.epoch == 6
    assert run.history.epochs == list(range(7)), "the original keeps every epoch"


def test_state_is_strict_json_and_restore_continues_the_same_curve():
    run = ImageRun(SHAPES)
    run.train(3)
    state = json.loads(json.dumps(run.state(), allow_nan=False))
    assert set(state) == {"conv_kernels", "conv_biases", "weights", "biases", "epoch", "history"}
    assert np.shape(state["conv_kernels"][0]) == (8, 1, 3, 3)
    restored = ImageRun.restore(SHAPES, run.data, **state)
    np.testing.assert_array_equal(restored.network.params, run.network.params)
    assert restored.epoch == 3 and restored.history.test == run.history.test
    assert restored.metrics() == run.metrics()


@pytest.mark.parametrize("part, value, message", [
    ("conv_kernels", [[[0.0]]], r"conv_kernels\[0\]: expected shape \[8, 1, 3, 3\]"),
    ("weights", [], "weights: expected a list of 1 layers"),
    ("epoch", -1, "epoch: expected an integer >= 0"),
    ("epoch", None, "epoch: expected an integer >= 0"),
    ("history", {"train": [0.5, 0.4], "test": [0.5]},
     r"history.train: expected epoch \+ 1 = 1 values"),
])
def test_restore_names_the_bad_part(part, value, message):
    run = ImageRun(SHAPES)
    state = {**run.state(), part: value}
    with pytest.raises(ValueError, match=message):
        ImageRun.restore(SHAPES, run.data, **state)


def test_metrics_and_test_report_agree():
    run = ImageRun(SHAPES)
    run.train(5)
    name, train, test = run.metrics()
    report = run.test_report(most_confused=3)
    matrix = np.array(report["confusion"])
    assert name == "accuracy" and 0.0 <= train <= 1.0
    assert matrix.sum() == len(run.data.x_test)
    assert np.trace(matrix) / matrix.sum() == pytest.approx(test)
    assert report["class_accuracy"] == [matrix[c, c] / matrix[c].sum() for c in range(4)]
    outputs = run.test_outputs()
    for wrong in report["most_confused"]:
        assert wrong["label"] == run.data.y_test[wrong["index"]] != wrong["predicted"]
        assert wrong["probability"] == pytest.approx(outputs[wrong["index"]].max())
    probabilities = [wrong["probability"] for wrong in report["most_confused"]]
    assert probabilities == sorted(probabilities, reverse=True)


def test_drawn_images_need_their_data_and_take_the_class_count_from_labels():
    with pytest.raises(ValueError, match="dataset 'drawn' has no generator"):
        ImageRun(ImageRunConfig(dataset="drawn"))
    rng = np.random.default_rng(0)
    data = ImageSplit(rng.uniform(size=(6, 8, 8)), np.array([0, 1, 2, 3, 4, 0]),
                      rng.uniform(size=(2, 8, 8)), np.array([1, 2]))
    run = ImageRun(ImageRunConfig(dataset="drawn", num_classes=2), data=data)
    assert run.classes == 5 and run.train(2) == 2
    assert math.isfinite(run.history.test[-1])


@pytest.mark.parametrize("change, message", [
    (dict(y_train=np.array([0, 1, 7])), r"labels: 7 is not a class index 0 … 3"),
    (dict(y_train=np.array([0, 1, 0.5])), r"labels: 0.5 is not a class index"),
    (dict(y_test=np.array([-1])), r"labels: -1 is not a class index"),
    (dict(x_train=np.full((3, 8, 8), 2.0)), r"x_train: pixel intensities must be numbers 0 … 1"),
    (dict(x_test=np.zeros((1, 9, 9))), r"x_test: expected images of 8×8 pixels"),
    (dict(y_test=np.array([0, 1])), r"labels: each set needs as many labels as images"),
])
def test_bad_images_or_labels_are_refused_naming_the_part(change, message):
    data = ImageSplit(np.zeros((3, 8, 8)), np.array([0, 1, 2]), np.zeros((1, 8, 8)), np.array([3]))
    with pytest.raises(ValueError, match=message):
        ImageRun(ImageRunConfig(dataset="drawn"), data=replace(data, **change), classes=4)


def test_replacing_the_images_keeps_network_epoch_and_history():
    run = ImageRun(SHAPES)
    run.train(2)
    params = run.network.params.copy()
    run.replace_data(ImageSplit(run.data.x_train[:10], run.data.y_train[:10],
                                run.data.x_test[:4], run.data.y_test[:4]))
    np.testing.assert_array_equal(run.network.params, params)
    assert run.epoch == 2 and len(run.data.x_train) == 10 and len(run._batches) == 1


@pytest.mark.parametrize("settings, message", [
    (dict(dataset="mnist"), "dataset: unknown image data set 'mnist'"),
    (dict(loss="hinge"), "loss: unknown loss 'hinge'"),
    (dict(conv_layers=[{"filters": 2, "kernel": 3}] * 4), "conv_layers: 4 pooled layers"),
])
def test_bad_settings_are_refused_naming_the_field(settings, message):
    with pytest.raises(ValueError, match=message):
        ImageRun(ImageRunConfig(**settings))


def test_config_stores_conv_layers_as_plain_protocol_dicts():
    config = ImageRunConfig(conv_layers=[{"filters": "4", "kernel": 5}], hidden_layers=[3])
    assert config.conv_layers == ({"filters": 4, "kernel": 5},)
    assert config == ImageRunConfig(conv_layers=({"filters": 4, "kernel": 5},), hidden_layers=(3,))


def test_metrics_follow_a_weight_edited_after_the_last_epoch():
    run = ImageRun(SHAPES)
    run.train(15)
    assert run.metrics()[2] > 0.6
    set_parameter(run, 0, 2, None, 1e3)      # output bias of class 2: every image reads as a 2
    share = float(np.mean(run.data.y_test == 2))
    assert run.metrics()[2] == pytest.approx(share)
    assert run.test_report()["confusion"][0] == [0, 0, int(np.sum(run.data.y_test == 0)), 0]


def test_a_training_process_trains_a_shipped_image_run_like_a_point_run():
    run = ImageRun(SHAPES)
    job = {"key": "k", "version": 1, "run": replica.pack(run), "seconds": 30.0, "epochs": 3,
           "rules": StopRules()}
    (answer,) = worker_main.handle({}, [job])
    assert "error" not in answer, answer.get("error")
    progress = answer["progress"]
    assert progress["epoch"] == 3 and answer["metrics"][0] == "accuracy"
    assert replica.absorb(run, progress) == 3
    local = ImageRun(SHAPES)
    local.train(3)
    np.testing.assert_array_equal(run.network.params, local.network.params)
    assert run.history.test == local.history.test and run.metrics() == local.metrics()

"""Runs the exported code is checked on, and how to run the engine and the script for them.

Together the cases use every data set (and own points), activation, output
head, optimizer, regularization and feature the playground offers (a test
holds them to that), a run after Reset, a batch size that leaves a short last
batch, a network without hidden layers and an empty test set.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

from app.nn.datasets import Split
from app.nn.train import Run, RunConfig

EPOCHS = 200
ALL_FEATURES = ("x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1", "sin_x2")
# Weights: the "relative 1e-9"; atol only for weights at (or crossing) 0.
WEIGHT_RTOL, WEIGHT_ATOL = 1e-9, 1e-12
# Printed losses: 7 significant digits (the float32 readings' precision), so a
# printed value is within 5e-7 of the recorded one, relatively.
PRINTED_RTOL = 1e-6
_ROW = re.compile(r"^\s*(\d+)\s+(\S+)\s+(\S+)\s*$")


def own_points(classes: int, n_train: int, n_test: int, seed: int) -> Split:
    """Points as a user might draw them: labelled by angle, ±1 for two classes."""
    rng = np.random.default_rng(seed)
    x = np.round(rng.uniform(-5.5, 5.5, (n_train + n_test, 2)), 2)
    sector = np.floor((np.arctan2(x[:, 1], x[:, 0]) + np.pi) / (2 * np.pi) * classes)
    y = np.minimum(sector, classes - 1) if classes > 2 else np.where(sector == 0, 1.0, -1.0)
    return Split(x[:n_train], y[:n_train], x[n_train:], y[n_train:])


CASES = {
    "default": ({}, 0, None),
    "xor_relu_momentum": (dict(dataset="xor", activation="relu", optimizer="momentum",
                               noise=20, num_points=200, batch_size=7), 0, None),
    "gauss_sigmoid_cross_entropy_l1": (dict(dataset="gauss", activation="sigmoid",
                                            loss="cross_entropy", learning_rate=0.1,
                                            regularization="l1", regularization_rate=0.003,
                                            num_points=200), 0, None),
    "spiral_all_features_adam_l2": (dict(dataset="spiral", features=ALL_FEATURES,
                                         hidden_layers=(6, 5), activation="elu",
                                         optimizer="adam", regularization="l2",
                                         regularization_rate=0.001, batch_size=16,
                                         num_points=300, noise=10), 0, None),
    "blobs_softmax_cross_entropy_adam_l1": (dict(dataset="blobs", num_classes=4,
                                                 activation="leaky_relu", loss="cross_entropy",
                                                 optimizer="adam", regularization="l1",
                                                 regularization_rate=0.01, num_points=200),
                                            0, None),
    "spirals_softmax_mse_momentum_l2": (dict(dataset="spirals", num_classes=3,
                                             activation="softplus", optimizer="momentum",
                                             regularization="l2", regularization_rate=0.003,
                                             num_points=150, train_ratio=70), 0, None),
    "plane_linear_no_hidden": (dict(problem="regression", dataset="plane", activation="linear",
                                    hidden_layers=(), noise=10, num_points=200), 0, None),
    "multi_gauss_sine_l1_after_reset": (dict(problem="regression", dataset="multi_gauss",
                                             activation="sine", regularization="l1",
                                             regularization_rate=0.001, num_points=200,
                                             hidden_layers=(5,)), 3, None),
    "own_points_two_classes": (dict(dataset="custom", loss="cross_entropy", hidden_layers=(4,)),
                               0, own_points(2, 80, 20, seed=5)),
    "own_points_three_classes_no_test_set": (dict(dataset="custom", activation="relu",
                                                  loss="cross_entropy", optimizer="adam"),
                                             1, own_points(3, 90, 0, seed=6)),
}


def engine_run(settings: dict, resets: int, data: Split | None, epochs: int = EPOCHS) -> Run:
    """The playground's run for these settings, trained ``epochs`` epochs."""
    run = Run(RunConfig(**settings), resets, data)
    run.train(epochs)
    return run


def run_script(path: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``path`` in a fresh, isolated interpreter (``python -I``)."""
    return subprocess.run([sys.executable, "-I", str(path), *args], capture_output=True,
                          text=True, timeout=timeout, check=False,
                          env={"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})


def printed_curve(text: str) -> list[tuple[int, float, float]]:
    """The (epoch, training loss, test loss) rows the exported code printed."""
    rows = [_ROW.match(line) for line in text.splitlines()]
    return [(int(m[1]), float(m[2]), float(m[3])) for m in rows if m]


def assert_same_weights(model: dict, state: dict, names=("weights", "biases")) -> None:
    """The exported code's weights equal the engine's (model-file layout), relative 1e-9."""
    assert len(model["weights"]) == len(state["weights"])
    for name in names:
        assert len(model[name]) == len(state[name]), name
        for layer, (ours, theirs) in enumerate(zip(model[name], state[name])):
            np.testing.assert_allclose(np.array(ours, dtype=float), np.array(theirs),
                                       rtol=WEIGHT_RTOL, atol=WEIGHT_ATOL,
                                       err_msg=f"{name}[{layer}]")


def assert_same_curve(curve: list[tuple[int, float, float]], history: dict) -> None:
    """The printed curve is the run's history, epoch by epoch, to the printed precision."""
    assert [epoch for epoch, _, _ in curve] == list(range(len(history["train"])))
    for column, name in ((1, "train"), (2, "test")):
        np.testing.assert_allclose([row[column] for row in curve], history[name],
                                   rtol=PRINTED_RTOL, atol=0, err_msg=f"{name} losses")


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))

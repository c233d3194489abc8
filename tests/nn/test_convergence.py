"""Each data set trains below 0.1 training loss with a documented network.

Training loss is the MSE that ``Run`` records in ``history.train`` (targets ±1,
tanh output). Noise 0, 500 points, 50 % training, seed 1, batch size 10, MSE.

| Data set | Hidden layers | Activation | Learning rate | Epochs | Epoch of loss < 0.1 (seeds 1-6) | Loss at end (seed 1) |
|----------|---------------|------------|---------------|--------|---------------------------------|----------------------|
| circle   | (4, 2)        | tanh       | 0.03          | 100    | 19-33  (seed 1: 26)             | ≈ 0.009              |
| xor      | (4, 2)        | tanh       | 0.03          | 100    | 17-37  (seed 1: 23)             | ≈ 0.007              |
| gauss    | (4, 2)        | tanh       | 0.03          | 50     | 1-2    (seed 1: 1)              | ≈ 0.001              |
| spiral   | (16, 16)      | tanh       | 0.03          | 600    | 241-325 (seed 1: 252)           | ≈ 0.004              |

Circle, xor and gauss converge with the default RunConfig. Spiral needs a wider
network; (16, 16) tanh converged for every seed tried. Narrower or deeper nets
are seed-sensitive: 6 × 8 tanh at 0.03 reaches 0.1 by epoch 288 for seed 1 but
not within 1,500 epochs for seed 2; (8, 8, 8) failed for seed 5. Each case takes
about 0.1 s (circle, xor, gauss) or 1 s (spiral) on a 2-core machine.
"""
import math

import pytest

from app.nn.train import Run, RunConfig

TARGET = 0.1

CASES = [
    ("circle", (4, 2), 100),
    ("xor", (4, 2), 100),
    ("gauss", (4, 2), 50),
    ("spiral", (16, 16), 600),
]


@pytest.mark.parametrize("dataset, hidden_layers, epochs", CASES, ids=[c[0] for c in CASES])
def test_data_set_trains_below_target_training_loss(dataset, hidden_layers, epochs):
    run = Run(RunConfig(dataset=dataset, hidden_layers=hidden_layers, activation="tanh",
                        learning_rate=0.03, noise=0.0, seed=1))
    assert run.train(epochs) == epochs
    assert not run.diverged
    assert math.isfinite(run.history.train[-1])
    assert run.history.train[-1] < TARGET, (
        f"{dataset}: training loss {run.history.train[-1]:.4f} after {epochs} epochs")


# Protocol 2: more classes, cross-entropy, regression, other optimizers. Accuracy
# and R² are Run.metrics() on the TEST set. Measured with seeds 1-3 (seed 1 here):
#
# | Data set        | Settings                                                    | Epochs | Test metric (seeds 1-3) | Time  |
# |-----------------|-------------------------------------------------------------|--------|-------------------------|-------|
# | blobs, 3        | (4,) tanh, cross-entropy, sgd 0.03                          | 50     | accuracy 1.0            | 0.1 s |
# | blobs, 5        | (6,) tanh, mse (softmax), sgd 0.03                          | 100    | accuracy 1.0            | 0.2 s |
# | spirals, 3      | (16, 16) tanh, cross-entropy, adam 0.01, 1000 pts, 70 %     | 200    | accuracy 0.987-1.0      | 1 s   |
# | spirals, 3      | same with relu, sgd 0.1                                     | 300    | accuracy 0.99-0.997     | 1.7 s |
# | plane           | (4, 2) tanh, linear output, sgd 0.01                        | 100    | R² 0.988                | 0.05 s|
# | multi_gauss     | (8, 8) tanh, adam 0.01                                      | 300    | R² 0.90                 | 0.3 s |
# | circle, CE      | (4, 2) tanh, sigmoid + binary cross-entropy, sgd 0.03      | 100    | accuracy 1.0            | 0.1 s |
#
# Spirals with 3 arms at the default 500 points and 50 % training overfit
# (test accuracy ≈ 0.86 with train 0.99): the arms are too thinly sampled.
METRIC_CASES = [
    ("blobs-3-ce", dict(dataset="blobs", num_classes=3, loss="cross_entropy",
                        hidden_layers=(4,)), 50, 0.9),
    ("blobs-5-mse", dict(dataset="blobs", num_classes=5, hidden_layers=(6,)), 100, 0.9),
    ("spirals-3-adam", dict(dataset="spirals", num_classes=3, loss="cross_entropy",
                            hidden_layers=(16, 16), optimizer="adam", learning_rate=0.01,
                            num_points=1000, train_ratio=70.0), 200, 0.9),
    ("plane", dict(problem="regression", dataset="plane", learning_rate=0.01), 100, 0.9),
    ("multi_gauss-adam", dict(problem="regression", dataset="multi_gauss", hidden_layers=(8, 8),
                              optimizer="adam", learning_rate=0.01), 300, 0.85),
    ("circle-binary-ce", dict(dataset="circle", loss="cross_entropy"), 100, 0.9),
]


@pytest.mark.parametrize("settings, epochs, target", [c[1:] for c in METRIC_CASES],
                         ids=[c[0] for c in METRIC_CASES])
def test_protocol_2_data_sets_reach_target_test_metric(settings, epochs, target):
    run = Run(RunConfig(**settings))
    assert run.train(epochs) == epochs and not run.diverged
    name, train, test = run.metrics()
    assert name == ("r2" if settings.get("problem") == "regression" else "accuracy")
    assert test > target, f"{name}: train {train}, test {test} after {epochs} epochs"
    assert run.history.test[-1] < run.history.test[0]

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

"""Measure the image engine on the default digit CNN: epochs/s against a plain reference, bytes per frame.

Run ``python -m bench.images`` from the repository root (``--quick``: a
smoke run). An epoch is what ``ImageRun.train`` does per epoch: all
mini-batches of the 1,258 training digits plus the training and test loss
reading. As in ``bench.engine``, the same process times
``bench/image_reference.py`` (a textbook NumPy CNN) interleaved with the
engine, after checking that both, from the same initial weights, reach the
same loss (to 1e-9). It also reports how many epochs and seconds the engine
alone needs to reach 0.95 test accuracy (the page adds frames and drawing
on top), and the bytes of the network's weights as compact JSON at 4
decimals, what a frame carries (issue 15: <= 16 KB).
Non-goal: the page (the browser part of ``bench`` measures Play to 95 % there).
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from app.nn.images.parameters import network_parameters  # noqa: E402
from app.nn.images.run import ImageRun  # noqa: E402
from app.nn.images.run_config import ImageRunConfig  # noqa: E402
from app.socket import wire_json  # noqa: E402

from . import image_reference  # noqa: E402
from .engine import timed  # noqa: E402
from .loopback import print_table  # noqa: E402

CONFIG = ImageRunConfig()          # the default digit CNN
SAME_LOSS_TOLERANCE = 1e-9
TARGET_EPOCHS_PER_SECOND = 20.0    # 95 % takes ~5 epochs: well under a second of training
TARGET_FRAME_BYTES = 16 * 1024
ACCURACY, MOST_EPOCHS = 0.95, 30
WEIGHT_DECIMALS = 4


def reference_parameters(run: ImageRun) -> dict:
    """Copies of the run's parameters in the reference's layout."""
    network = run.network
    return {"K": network.conv_kernels[0].copy(), "bK": network.conv_biases[0].copy(),
            "W": network.weights[0].copy(), "bW": network.biases[0].copy()}


def check_same_loss(epochs: int) -> float:
    """Train engine and reference from the same weights; assert equal float64 losses."""
    run = ImageRun(CONFIG)
    parameters = reference_parameters(run)
    assert run.train(epochs) == epochs, "engine run diverged during the fairness check"
    expected = image_reference.train(parameters, run.data, CONFIG.learning_rate,
                                     CONFIG.batch_size, epochs)[0][-1]
    head, data = run.head, run.data
    actual = tuple(head.loss_value(run.network.predict(x), head.targets(y))
                   for x, y in ((data.x_train, data.y_train), (data.x_test, data.y_test)))
    gap = max(abs(a - e) for a, e in zip(actual, expected))
    assert gap <= SAME_LOSS_TOLERANCE, (
        f"engine {actual} and reference {expected} differ by {gap:.2e} after {epochs} epochs")
    return gap


def engine_trainer():
    run = ImageRun(CONFIG)
    run.train(1)

    def train(epochs: int) -> None:
        assert run.train(epochs) == epochs, "engine run diverged while timing"
    return train


def reference_trainer():
    run = ImageRun(CONFIG)    # the same data and initial weights as the engine
    parameters, data = reference_parameters(run), run.data
    rate, size = CONFIG.learning_rate, CONFIG.batch_size
    state = image_reference.train(parameters, data, rate, size, 1)[1]
    return lambda epochs: image_reference.train(parameters, data, rate, size, epochs, state)


def measure(epochs: int, repeats: int) -> dict:
    """Time engine and reference, interleaved, ``repeats`` times ``epochs`` epochs each."""
    engine, plain = [], []
    for _ in range(repeats):
        engine.append(timed(engine_trainer(), epochs))
        plain.append(timed(reference_trainer(), epochs))
    best = max(engine)
    return {"best": best, "median": statistics.median(engine), "reference": max(plain),
            "ratio": best / max(plain)}


def to_accuracy() -> tuple[int | None, float]:
    """Epochs and training seconds until the test accuracy reaches ``ACCURACY`` (engine only)."""
    run, seconds = ImageRun(CONFIG), 0.0
    for epoch in range(1, MOST_EPOCHS + 1):
        started = time.perf_counter()
        run.train(1)
        seconds += time.perf_counter() - started
        if run.metrics()[2] >= ACCURACY:
            return epoch, seconds
    return None, seconds


def frame_bytes() -> int:
    """Bytes of the default network's weights as the app's compact JSON, 4 decimals."""
    run = ImageRun(CONFIG)
    run.train(3)     # trained weights: more digits than the initial ones
    return len(wire_json.dumps(network_parameters(run.network, WEIGHT_DECIMALS)).encode())


def rows(quick: bool) -> list[tuple[str, str, str, bool]]:
    """This part's rows of ``bench``'s one table."""
    check_same_loss(2 if quick else 5)
    result = measure(2 if quick else 10, 2 if quick else 7)
    epochs, seconds = to_accuracy()
    size = frame_bytes()
    name = f"default digit CNN ({ImageRun(CONFIG).parameter_count:,} parameters)"
    return [
        (f"image engine epochs/s, {name}",
         f"{result['best']:,.1f} (median {result['median']:,.1f}; "
         f"{result['ratio']:.2f}x reference)",
         f">= {TARGET_EPOCHS_PER_SECOND:g}", result["best"] >= TARGET_EPOCHS_PER_SECOND),
        (f"image engine: epochs and training time to {ACCURACY:.0%} test accuracy",
         f"{epochs} epochs, {seconds:.2f} s" if epochs else f"not within {MOST_EPOCHS} epochs",
         "<= 10 s", epochs is not None and seconds <= 10.0),
        (f"image frame: weights as JSON, {WEIGHT_DECIMALS} decimals", f"{size:,} B",
         f"<= {TARGET_FRAME_BYTES:,} B", size <= TARGET_FRAME_BYTES),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: a few epochs only")
    args = parser.parse_args(argv)
    print(f"numpy {np.__version__}, OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}, "
          f"{os.cpu_count()} CPUs")
    table = rows(args.quick)
    print(f"engine and reference losses agree (<= {SAME_LOSS_TOLERANCE:.0e}) before timing\n")
    print_table(table if not args.quick else [(n, v, "", True) for n, v, _, _ in table])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

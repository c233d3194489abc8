"""Image runs the exported code is checked on, and the engine's run for each.

Together they use every image data set (the digits, shapes, drawings), the
default CNN, two convolution layers, no pooling, no convolution at all
(dense on the pixels), both losses, every optimizer and regularizer; a run
after Reset and a batch size that leaves a short last batch.
"""
import numpy as np

from app.nn.images.datasets import ImageSplit
from app.nn.images.drawn import LEVELS
from app.nn.images.run import ImageRun
from app.nn.images.run_config import ImageRunConfig

EPOCHS = 3


def drawn_images(n_train: int, n_test: int, seed: int) -> ImageSplit:
    """Drawings as a user might make them: a bar, row or column, on 8×8, in LEVELS steps."""
    rng = np.random.default_rng(seed)
    n = n_train + n_test
    labels = np.arange(n) % 3
    images = np.round(rng.uniform(0, 0.2, (n, 8, 8)) * LEVELS) / LEVELS
    spots = rng.integers(1, 7, n)
    for i, (label, spot) in enumerate(zip(labels, spots)):
        if label == 0:
            images[i, spot, :] = 1.0
        elif label == 1:
            images[i, :, spot] = 1.0
        else:
            images[i, spot - 1:spot + 2, spot - 1:spot + 2] = 0.75
    return ImageSplit(images[:n_train], labels[:n_train], images[n_train:], labels[n_train:])


IMAGE_CASES = {
    "default_digit_cnn": ({}, 0, None),
    "two_conv_layers_sgd_tanh": (dict(conv_layers=[{"filters": 4, "kernel": 3},
                                                   {"filters": 6, "kernel": 5}],
                                      hidden_layers=[10], activation="tanh", optimizer="sgd",
                                      learning_rate=0.1, batch_size=50), 0, None),
    "no_pool_mse_momentum_l1": (dict(conv_layers=[{"filters": 3, "kernel": 3}], pool=False,
                                     loss="mse", optimizer="momentum", regularization="l1",
                                     regularization_rate=0.001), 0, None),
    "dense_on_pixels_adam_l2_after_reset": (dict(conv_layers=[], hidden_layers=[16],
                                                 activation="elu", regularization="l2",
                                                 regularization_rate=0.003), 2, None),
    "shapes_leaky_relu": (dict(dataset="shapes", num_classes=5, image_size=12, num_points=200,
                               noise=10, activation="leaky_relu", seed=4), 0, None),
    "own_drawings_sgd": (dict(dataset="drawn", num_classes=3, optimizer="sgd",
                              learning_rate=0.3, batch_size=8,
                              conv_layers=[{"filters": 2, "kernel": 3}]),
                         0, drawn_images(30, 9, seed=3)),
}


def settings_of(case: str) -> dict:
    return {"problem": "images", **IMAGE_CASES[case][0]}


def engine_image_run(case: str, epochs: int = EPOCHS) -> ImageRun:
    """The playground's run for ``case``, trained ``epochs`` epochs."""
    settings, resets, data = IMAGE_CASES[case]
    run = ImageRun(ImageRunConfig(**settings), resets, data)
    run.train(epochs)
    return run

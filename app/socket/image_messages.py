"""The image parts of the ``run`` and ``frame`` messages (docs/PROTOCOL.md, "Images").

A page computes feature maps and predictions itself from the weights, so
``run`` carries the test images (one byte a pixel, base64: intensities are
whole 240ths, so the copy is exact) and the network's shape; frames carry the
kernels beside the dense weights, rounded like them, and now and then the
test set's ``report`` (confusion matrix, accuracy per class, most confused
images). Training images stay on the server: a page shows test images.
"""
import base64
import math

import numpy as np

from ..nn.images.drawn import LEVELS
from ..nn.images.shapes import SHAPES

REPORT_DECIMALS = 4


def class_names(run) -> list[str]:
    """What each class is called: the shapes' names, else the class index (digits: the digit)."""
    if run.config.dataset == "shapes":
        return list(SHAPES[:run.classes])
    return [str(c) for c in range(run.classes)]


def pixels(images: np.ndarray) -> str:
    """``images (n, S, S)`` of intensities 0 … 1 as base64 of one byte a pixel (value · 240)."""
    levels = np.clip(np.round(np.asarray(images) * LEVELS), 0, LEVELS).astype(np.uint8)
    return base64.b64encode(levels.tobytes()).decode("ascii")


def run_fields(run) -> dict:
    """What ``run`` says of an image run beyond the settings: shape, classes, test images."""
    network = run.network
    return {
        "sizes": list(network.sizes),
        "image_size": network.map_sizes[0],
        "map_sizes": list(network.map_sizes),
        "conv_layers": [dict(layer) for layer in run.config.conv_layers],
        "pool": network.pool,
        "output_activation": network.output_activation.name,
        "classes": run.classes,
        "class_names": class_names(run),
        "images": {"scale": LEVELS, "train_count": len(run.data.y_train),
                   "test": {"pixels": pixels(run.data.x_test),
                            "labels": run.data.y_test.astype(int).tolist()}},
    }


def frame_fields(network, matrix) -> dict:
    """The kernels and their biases, rounded by ``matrix`` like the dense weights."""
    return {"conv_kernels": [matrix(k) for k in network.conv_kernels],
            "conv_biases": [matrix(b) for b in network.conv_biases]}


def _share(value: float | None) -> float | None:
    return round(value, REPORT_DECIMALS) if value is not None and math.isfinite(value) else None


def report(run, raw: dict | None = None) -> dict:
    """The frame's ``report`` of the test set (``raw``: ``ImageRun.test_report()`` if computed)."""
    raw = raw if raw is not None else run.test_report()
    return {"epoch": run.epoch, "confusion": raw["confusion"],
            "class_accuracy": [_share(v) for v in raw["class_accuracy"]],
            "most_confused": [{**item, "probability": _share(item["probability"])}
                              for item in raw["most_confused"]]}

"""An image training run: the same interface as ``app.nn.train.Run``, on pictures.

``ImageRun`` subclasses ``Run`` and inherits its training loop unchanged
(``train``: mini-batches in order, the optimizers, the regularizers with
L1's clamp at zero, loss history, failure diagnosis, plateau tracking),
live ``update``; and worker processes copy it as they copy a ``Run``
(``app.training.replica``), so the web layer and the training processes
drive either kind of run the same way.
What differs is here: the data (``ImageSplit`` of pictures), the network
(``ImageNetwork``, always softmax over the classes, labels 0 … k − 1), the
loss readings, metrics, state and restore (with the kernels).
Non-goal: the frame's JSON shape (the web layer's, from ``state`` or
``network_parameters``).
"""
import math
from dataclasses import replace

import numpy as np

from ..heads import HEADS
from ..losses import LOSSES
from ..parameters import history_lists, history_of
from ..train import Run
from . import evaluation
from .datasets import IMAGE_DATASETS, ImageSplit, make_image_split
from .network import ImageNetwork
from .parameters import network_parameters, set_network_parameters
from .run_config import RESTART_FIELDS, ImageRunConfig

Array = np.ndarray


def _labels(labels: Array, classes: int) -> Array:
    """``labels`` as int64 class indices, or ValueError naming the first that is not one."""
    labels = np.asarray(labels, dtype=np.float64).reshape(-1)
    bad = labels[~np.isfinite(labels) | (labels != np.round(labels)) | (labels < 0)
                 | (labels >= classes)]
    if bad.size:
        raise ValueError(f"labels: {bad[0]:g} is not a class index 0 … {classes - 1}")
    return labels.astype(np.int64)


class ImageRun(Run):
    """One image network learning one set of pictures with mini-batch gradient descent."""

    def __init__(self, config: ImageRunConfig, weight_draw: int = 0,
                 data: ImageSplit | None = None, classes: int | None = None):
        """Make or take the images (``data``: drawings), build and seed the network.

        ``classes`` overrides the class count of drawings (at least
        ``num_classes`` and one more than the highest label otherwise).
        """
        dataset = IMAGE_DATASETS.get(config.dataset)
        if dataset is None:
            raise ValueError(f"dataset: unknown image data set {config.dataset!r}; "
                             f"valid: {list(IMAGE_DATASETS)}")
        if config.loss not in LOSSES:
            raise ValueError(f"loss: unknown loss {config.loss!r}; valid: {list(LOSSES)}")
        if data is None:
            data = make_image_split(config, np.random.default_rng([config.seed, 0]))
        labels = np.concatenate([data.y_train, data.y_test]).astype(np.float64)
        highest = int(np.max(labels)) + 1 if labels.size and np.isfinite(labels).all() else 0
        self.config = config
        self.weight_draw = weight_draw
        self.classes = int(classes or max(dataset.class_count(config.num_classes), highest))
        self.head = replace(HEADS[f"softmax_{config.loss}"], outputs=self.classes)
        size = np.shape(data.x_train)[1] if np.ndim(data.x_train) == 3 else config.image_size
        self.network = ImageNetwork(size, config.conv_specs, config.pool, config.hidden_layers,
                                    self.classes, config.activation)
        self.network.initialize(np.random.default_rng([config.seed, 1, weight_draw]))
        self._start(data)

    @property
    def parameter_count(self) -> int:
        """Weights plus biases of the network, kernels included."""
        return self.network.parameter_count

    def update(self, config: ImageRunConfig) -> None:
        """Apply live settings (see ``Run.update``); image restart fields raise ValueError."""
        restart = config.changed_fields(self.config) & RESTART_FIELDS
        if restart:
            raise ValueError(f"changing {sorted(restart)} needs a new run")
        super().update(config)

    def _set_data(self, data: ImageSplit) -> None:
        """Take ``data`` as this run's images; rebuild inputs, targets and batches."""
        size = self.network.map_sizes[0]
        sets = []
        for name, images in (("x_train", data.x_train), ("x_test", data.x_test)):
            images = np.asarray(images, dtype=np.float64)
            if images.ndim != 3 or images.shape[1:] != (size, size):
                raise ValueError(f"{name}: expected images of {size}×{size} pixels, "
                                 f"got shape {list(images.shape)}")
            if not np.all((images >= 0.0) & (images <= 1.0)):
                raise ValueError(f"{name}: pixel intensities must be numbers 0 … 1")
            sets.append(images)
        y_train, y_test = (_labels(y, self.classes) for y in (data.y_train, data.y_test))
        if len(sets[0]) < 1:
            raise ValueError("x_train: the training set needs at least one image")
        if len(sets[0]) != len(y_train) or len(sets[1]) != len(y_test):
            raise ValueError("labels: each set needs as many labels as images")
        self.data = ImageSplit(sets[0].copy(), y_train, sets[1].copy(), y_test)
        self._t_train, self._t_test = self.head.targets(y_train), self.head.targets(y_test)
        self._x_all = np.concatenate(sets)[..., None]
        self._x_all32 = self._x_all.astype(np.float32)   # for the loss readings
        self._batches = self._make_batches(self.config.batch_size)

    def _make_batches(self, batch_size: int) -> list[tuple[Array, Array]]:
        x, t = self._x_all[:len(self._t_train)], self._t_train
        return [(x[i:i + batch_size], t[i:i + batch_size]) for i in range(0, len(x), batch_size)]

    def _forward_all(self) -> Array:
        """Logits ``(n_train + n_test, classes)`` of every image in float32, kept with the weights.

        The loss reading after each epoch computes them; ``metrics`` and the
        test report reuse them unless the weights changed since (an edit, a
        restore, a copy's progress absorbed).
        """
        with np.errstate(all="ignore"):
            logits = self.network.forward(self._x_all32, False, np.float32).logits
        self._last_logits = (self.network.params.copy(), logits)
        return logits

    def _logits(self) -> Array:
        params, logits = self._last_logits
        return logits if np.array_equal(params, self.network.params) else self._forward_all()

    def _readings(self) -> tuple[float, float]:
        """Return (train loss, test loss), computed in float32 and read from the logits (see ``Run``)."""
        z, n = self._forward_all(), len(self._t_train)
        with np.errstate(all="ignore"):
            losses = [self.head.loss_from_logits(o, t) if len(t) else math.nan
                      for o, t in ((z[:n], self._t_train), (z[n:], self._t_test))]
        return losses[0], losses[1]

    def metrics(self) -> tuple[str, float | None, float | None]:
        """Return ("accuracy", train, test); None for an empty set or non-finite outputs.

        Read from the float32 logits of the last loss reading (the argmax of
        the logits is the argmax of the probabilities).
        """
        logits = self._logits()
        finite = bool(np.isfinite(logits).all())
        n = len(self._t_train)
        values = [self.head.metric(o, y) if len(y) and finite else None
                  for o, y in ((logits[:n], self.data.y_train), (logits[n:], self.data.y_test))]
        return self.head.metric_name, values[0], values[1]

    def test_outputs(self) -> Array:
        """Class probabilities ``(n_test, classes)`` of the test images (float64 from float32 logits)."""
        with np.errstate(all="ignore"):
            return self.head.output_activation.fn(
                self._logits()[len(self._t_train):].astype(np.float64))

    def test_report(self, most_confused: int = 8) -> dict:
        """Confusion matrix, accuracy per class and the most confused images of the test set."""
        return evaluation.report(self.test_outputs(), self.data.y_test, self.classes,
                                 most_confused)

    def state(self) -> dict:
        """All parameters (nested lists, full precision), epoch and the kept history."""
        return {**network_parameters(self.network), "epoch": self.epoch,
                "history": history_lists(self.history)}

    @classmethod
    def restore(cls, config: ImageRunConfig, data: ImageSplit, weights, biases, epoch: int,
                history: dict, weight_draw: int = 0, conv_kernels=(), conv_biases=(),
                classes: int | None = None) -> "ImageRun":
        """Rebuild a run that continues from ``state()``-shaped values.

        Raises ValueError naming the offending part (``conv_kernels[0]``,
        ``weights[1]``, ``history.test`` ...). Optimizer state starts afresh.
        """
        if classes is None and isinstance(biases, (list, tuple)) and biases:
            classes = len(biases[-1]) if isinstance(biases[-1], (list, tuple)) else None
        run = cls(config, weight_draw, data, classes)
        set_network_parameters(run.network, {"conv_kernels": conv_kernels,
                                             "conv_biases": conv_biases,
                                             "weights": weights, "biases": biases})
        restored = history_of(epoch, history, run.history_limits)     # checks epoch too
        run._resume(int(epoch), restored)
        return run

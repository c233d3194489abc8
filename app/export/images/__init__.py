"""An image run (a convolutional network on pictures) as a ``Document``.

The steps: settings, data (the shipped digits, the shapes generator read from
the engine, or the user's drawings packed into the file), the network and
its seeded initial weights, forward pass (convolution as patch × kernel + b,
f, 2×2 max-pooling, flatten, dense, softmax), loss, backpropagation, the
update, the loop and the run. Activations, the optimizer's update and the
frame's run cells are the plane's blocks (the same NumPy, element by
element); the rest lives in the ``.tmpl`` files beside this module.
"""
import base64
import lzma
import textwrap
from pathlib import Path

import numpy as np

from ...nn import activations
from ...nn.heads import HEADS as HEAD_INFO
from ...nn.images import digits, shapes
from ...nn.images.datasets import IMAGE_DATASETS
from ...nn.images.drawn import LEVELS
from ..dataset_source import function_source
from ..document import Document, Step
from ..plane import ACTIVATIONS, assemble, regularized, step, training_summary, update_step
from ..templates import block, fill
from .plan import ImagePlan

_HERE = Path(__file__).parent
STEPS, FRAME, HEADS, REGULARIZATION = (
    _HERE / f"{name}.tmpl" for name in ("steps", "frame", "heads", "regularization"))
CONVOLUTION = r"z = \mathrm{patch} \cdot K + b, \qquad a = f(z)"
POOLING = r"\mathrm{pool}(a) = \max(a_{2y,2x},\, a_{2y,2x+1},\, a_{2y+1,2x},\, a_{2y+1,2x+1})"
DENSE = r"z = \mathbf{w} \cdot \mathbf{a} + b"


def _base64_lines(data: bytes) -> str:
    """``data`` in base64, 76 characters a line."""
    return "\n".join(textwrap.wrap(base64.b64encode(data).decode("ascii"), 76))


def _packed(images: np.ndarray, labels: np.ndarray) -> str:
    """Drawings as xz-compressed bytes in base64: each pixel's level 0 … LEVELS, then the labels."""
    levels = np.round(images * LEVELS)
    if not np.array_equal(levels / float(LEVELS), images):
        raise ValueError(f"x_train: drawn pixels must be multiples of 1/{LEVELS}")
    raw = levels.astype(np.uint8).tobytes() + labels.astype(np.uint8).tobytes()
    return _base64_lines(lzma.compress(raw))


def settings_step(plan: ImagePlan) -> Step:
    """The run's numbers as named constants; data settings only for generated images."""
    config = plan.config
    data_settings = ""
    if plan.generated:
        data_settings = fill(block(STEPS, "generated_settings"),
                             {"train_ratio": config.train_ratio})
        if config.dataset == "shapes":
            data_settings = fill(block(STEPS, "shapes_settings"), {
                "num_points": config.num_points, "noise": config.noise}) + "\n" + data_settings
    regularization = (f"REGULARIZATION_RATE = {config.regularization_rate!r}  # λ, "
                      f"the weight of the {config.regularization.upper()} term"
                      if regularized(plan) else "")
    return step("Settings", "settings", {
        "seed": config.seed, "resets": plan.resets, "data_settings": data_settings,
        "classes": plan.classes, "last_class": plan.classes - 1,
        "image_size": plan.map_sizes[0], "pool": config.pool,
        "conv_layers": [(layer["filters"], layer["kernel"]) for layer in config.conv_layers],
        "hidden_layers": list(config.hidden_layers),
        "learning_rate": repr(config.learning_rate), "batch_size": config.batch_size,
        "regularization_setting": regularization, "epochs": plan.epochs}, path=STEPS)


def data_step(plan: ImagePlan) -> Step:
    """The images: the digits file, the shapes generator, or the drawings packed in."""
    config = plan.config
    values = {"split": block(STEPS, "split"), "levels": LEVELS, "image_size": plan.map_sizes[0],
              "num_points": config.num_points}
    if config.dataset == "digits":
        values["blob"] = _base64_lines(digits.PATH.read_bytes())
    elif config.dataset == "shapes":
        values["generator"] = function_source(shapes, "make_shapes", "shapes",
                                              frozenset({"LEVELS"}))[1]
        names = shapes.SHAPES[:plan.classes]
        values["shape_words"] = f"{len(names)} shapes ({', '.join(names)})"
    else:
        data = plan.data
        values.update(train=_packed(data.x_train, data.y_train), n_train=len(data.y_train),
                      test=_packed(data.x_test, data.y_test), n_test=len(data.y_test),
                      data_words=f"{len(data.y_train)} for training and "
                                 f"{len(data.y_test)} for testing")
    return step("Data", config.dataset, values, path=STEPS)


def _loss_words(config) -> str:
    return "cross-entropy" if config.loss == "cross_entropy" else "mean squared error"


def _network_words(plan: ImagePlan) -> str:
    config, side = plan.config, plan.map_sizes[0]
    layers = [f"a convolution of {layer['filters']} kernels {layer['kernel']}×{layer['kernel']}"
              + (", then 2×2 max-pooling" if config.pool else "")
              for layer in config.conv_layers]
    dense = [f"a dense layer of {n} neurons" for n in config.hidden_layers]
    parts = [f"{side}×{side} images in", *layers,
             f"flattened to {plan.sizes[0]} numbers", *dense,
             f"softmax over {plan.classes} classes"]
    return ", ".join(parts)


def model_steps(plan: ImagePlan) -> list[Step]:
    """Network, forward pass, loss and backpropagation for this run's activation and loss."""
    config = plan.config
    activation = activations.get(config.activation)
    head = f"softmax_{config.loss}"
    pool_words = ("Max-pooling keeps the largest a of each 2×2 window, halving each side. "
                  if config.pool else "")
    values = {"network_words": _network_words(plan), "activation_words": activation.label,
              "pool_words": pool_words,
              "loss_words": _loss_words(config),
              "activation": block(ACTIVATIONS, activation.name),
              "activation_prime": block(ACTIVATIONS, f"{activation.name}.prime"),
              "loss": block(HEADS, f"loss.{head}"), "delta": block(HEADS, f"delta.{head}")}
    info = HEAD_INFO[head]
    forward = [CONVOLUTION, activation.formula, *([POOLING] if config.pool else []), DENSE,
               info.output_activation.formula]
    return [step("The network", "network", values, path=STEPS),
            step("Forward pass", "forward", values, forward, path=STEPS),
            step("Loss", "loss", values, [info.loss.formula], path=STEPS),
            step("Backpropagation", "backward", values,
                 [activation.derivative_formula, info.delta_formula], path=STEPS)]


def _summary(plan: ImagePlan) -> tuple[str, ...]:
    config = plan.config
    if plan.generated:
        data = (f"{IMAGE_DATASETS[config.dataset].label}, {config.train_ratio:g} % of them "
                f"for training")
    else:
        data = (f"your own drawings, {len(plan.data.y_train)} for training, "
                f"{len(plan.data.y_test)} for testing")
    return (f"Data: {data}",
            f"Network: {_network_words(plan)}; "
            f"{activations.get(config.activation).label} after each layer but the last",
            *training_summary(plan, f"{_loss_words(config)}, "))


def _name(plan: ImagePlan) -> str:
    reset = f"_reset{plan.resets}" if plan.resets else ""
    return f"playground_images_{plan.config.dataset}_seed{plan.config.seed}{reset}"


def document(plan: ImagePlan) -> Document:
    """The image run described by ``plan`` as a document the script and notebook writers lay out."""
    return assemble("A Neural Network Playground image run, as code", _name(plan),
                    _summary(plan), [settings_step(plan), data_step(plan), *model_steps(plan),
                                     update_step(plan, REGULARIZATION)], STEPS, FRAME)

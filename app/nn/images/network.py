"""An image network: convolution layers (each optionally pooled), flatten, dense layers, softmax.

Shapes: images ``(n, H, W)`` (one channel, intensities 0 … 1), maps
``(n, H, W, C)`` channels-last (see ``layers``), ``conv_kernels[l]: (F, C, k, k)``,
``conv_biases[l]: (F,)``; after flattening, the dense part is the fully
connected network of ``app.nn.network`` written out: ``weights[l]: (n_in, n_out)``,
``biases[l]: (n_out,)``, ``sizes`` its layer sizes. Flattening reads the
maps channel by channel, each row by row: input j of the first dense layer
is pixel (y, x) of map c with j = (c·h + y)·w + x.

All parameters live in one flat float64 buffer ``params`` (conv layers in
order, then dense layers; each layer's weights, then its biases), and every
array above is a view into it, so the optimizers and regularizers of
``app.nn`` work on it unchanged; ``grads`` mirrors it, ``weight_mask`` is 1
at weights and 0 at biases. The output is always softmax over the classes,
so a picture gets one probability per class even with two classes.
Non-goals: several input channels (colour), strides, batch normalisation.
"""
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .. import activations as registry
from ..heads import SOFTMAX, Head
from . import layers

Array = np.ndarray


@dataclass(frozen=True)
class ConvSpec:
    """One convolution layer: ``filters`` kernels of ``kernel`` × ``kernel`` (3 or 5)."""

    filters: int
    kernel: int


@dataclass
class Pass:
    """Everything one forward pass computed, for backpropagation and for explanations.

    ``conv[l]`` = (input maps, patches, z, a, pooled or None, winners or None),
    all ``(n, H, W, C)``-shaped; ``dense[l]`` = (input, z, a) with ``(n, d)``
    rows; ``logits`` and ``outputs`` (softmax) are ``(n, classes)``.
    """

    conv: list[tuple]
    dense: list[tuple]
    logits: Array
    outputs: Array


def _map_sizes(image_size: int, conv: Sequence[ConvSpec], pool: bool) -> list[int]:
    """Side of the maps after each conv layer (and its pooling): [input, after 1, ...]."""
    sizes = [image_size]
    for spec in conv:
        if spec.kernel % 2 == 0 or spec.kernel < 1 or spec.filters < 1:
            raise ValueError(f"conv_layers: need >= 1 filter and an odd kernel, got {spec}")
        sizes.append(sizes[-1] // layers.POOL if pool else sizes[-1])
        if sizes[-1] < 1:
            raise ValueError(f"conv_layers: {len(sizes) - 1} pooled layers shrink "
                             f"{image_size}×{image_size} images to nothing")
    return sizes


def network_cost(image_size: int, conv: Sequence[ConvSpec], pool: bool,
                 hidden_layers: Sequence[int], classes: int) -> tuple[int, int]:
    """Return (parameters, multiply-adds of one image's forward pass) without building it.

    What a server checks against its limits before it builds a network: the
    parameters are what a frame carries, the multiply-adds what an epoch costs.
    """
    sizes = _map_sizes(image_size, conv, pool)
    channels = [1] + [spec.filters for spec in conv]
    parameters = multiply_adds = 0
    for side, c_in, spec in zip(sizes, channels, conv):
        weights = spec.filters * c_in * spec.kernel ** 2
        parameters += weights + spec.filters
        multiply_adds += side * side * weights
    dense = (channels[-1] * sizes[-1] ** 2, *hidden_layers, classes)
    for n_in, n_out in zip(dense[:-1], dense[1:]):
        parameters += n_in * n_out + n_out
        multiply_adds += n_in * n_out
    return parameters, multiply_adds


class ImageNetwork:
    """Images → [conv → f → (pool)] × L → flatten → [dense → f] × M → dense → softmax."""

    def __init__(self, image_size: int, conv: Sequence[ConvSpec], pool: bool,
                 hidden_layers: Sequence[int], classes: int, activation: str):
        if image_size < 1 or classes < 2 or min(hidden_layers, default=1) < 1:
            raise ValueError(f"need images >= 1 pixel, >= 2 classes and layers of >= 1 neuron, "
                             f"got {image_size}, {classes}, {list(hidden_layers)}")
        self.conv = tuple(conv)
        self.pool = bool(pool)
        self.map_sizes = _map_sizes(image_size, self.conv, self.pool)
        channels = [1] + [spec.filters for spec in self.conv]
        self.sizes = (channels[-1] * self.map_sizes[-1] ** 2, *hidden_layers, classes)
        shapes = [shape for c_in, spec in zip(channels, self.conv)
                  for shape in ((spec.filters, c_in, spec.kernel, spec.kernel), (spec.filters,))]
        shapes += [shape for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:])
                   for shape in ((n_in, n_out), (n_out,))]
        total = sum(int(np.prod(shape)) for shape in shapes)
        self.params, self.grads = np.zeros(total), np.zeros(total)
        self.weight_mask = np.zeros(total)
        views, grad_views, offset = [], [], 0
        for shape in shapes:
            size = int(np.prod(shape))
            views.append(self.params[offset:offset + size].reshape(shape))
            grad_views.append(self.grads[offset:offset + size].reshape(shape))
            self.weight_mask[offset:offset + size] = 1.0 if len(shape) > 1 else 0.0
            offset += size
        count = 2 * len(self.conv)
        self.conv_kernels, self.conv_biases = views[0:count:2], views[1:count:2]
        self.weights, self.biases = views[count::2], views[count + 1::2]
        self._grad_conv = list(zip(grad_views[0:count:2], grad_views[1:count:2]))
        self._grad_dense = list(zip(grad_views[count::2], grad_views[count + 1::2]))
        self.activation = registry.get(activation)
        self.output_activation = SOFTMAX

    @property
    def parameter_count(self) -> int:
        """Weights plus biases, kernels included."""
        return self.params.size

    def initialize(self, rng: np.random.Generator, bias: float = 0.1) -> None:
        """Glorot-uniform weights (limit √(6 / (fan_in + fan_out))); every bias ``bias``."""
        for kernels in self.conv_kernels:
            filters, channels, k, _ = kernels.shape
            limit = np.sqrt(6.0 / ((channels + filters) * k * k))
            kernels[...] = rng.uniform(-limit, limit, kernels.shape)
        for weights in self.weights:
            limit = np.sqrt(6.0 / sum(weights.shape))
            weights[...] = rng.uniform(-limit, limit, weights.shape)
        for biases in self.conv_biases + self.biases:
            biases[...] = bias

    def forward(self, images: Array, winners: bool = True, dtype: type = np.float64) -> Pass:
        """Run ``images (n, H, W)`` (or maps ``(n, H, W, 1)``) through every layer.

        ``winners=False`` skips recording which input won each pooling window
        (only backpropagation and explanations need it). ``dtype=np.float32``
        computes with a float32 copy of the parameters: about twice as fast,
        exact to ~7 digits, used for the per-epoch loss readings only.
        """
        a = np.asarray(images, dtype=dtype)
        a = a[..., None] if a.ndim == 3 else a
        cast = (lambda array: array) if dtype == np.float64 else (lambda array: array.astype(dtype))
        f = self.activation.fn
        conv = []
        for kernels, biases in zip(self.conv_kernels, self.conv_biases):
            z, cols = layers.conv_forward(a, cast(kernels), cast(biases))
            activated = f(z)
            pooled, won = layers.pool_forward(activated, winners) if self.pool else (None, None)
            conv.append((a, cols, z, activated, pooled, won))
            a = activated if pooled is None else pooled
        a = a.transpose(0, 3, 1, 2).reshape(len(a), -1)    # channel by channel, row by row
        dense = []
        for layer, (weights, biases) in enumerate(zip(self.weights, self.biases)):
            z = a @ cast(weights) + cast(biases)
            last = layer == len(self.weights) - 1
            dense.append((a, z, None if last else f(z)))
            a = dense[-1][2]
        logits = dense[-1][1]
        return Pass(conv, dense, logits, SOFTMAX.fn(logits))

    def predict(self, images: Array) -> Array:
        """Class probabilities ``(n, classes)`` for ``images (n, H, W)``."""
        return self.forward(images, winners=False).outputs

    def gradients(self, images: Array, targets: Array, head: Head, scale: float = 1.0) -> Array:
        """Fill and return ``grads``: scale · d head.loss(network(images), targets) / d params.

        ``images (m, H, W, 1)``, ``targets (m, classes)`` one-hot; ``head`` is a
        softmax head (cross-entropy or MSE) with as many outputs as classes.
        """
        run = self.forward(images)
        delta = head.delta(run.logits, run.outputs, targets, scale)    # dL/dz of the output
        derivative = self.activation.derivative
        for layer in range(len(self.weights) - 1, -1, -1):
            inputs, _, _ = run.dense[layer]
            grad_weights, grad_biases = self._grad_dense[layer]
            np.dot(inputs.T, delta, out=grad_weights)
            np.sum(delta, axis=0, out=grad_biases)
            d_inputs = delta @ self.weights[layer].T
            if layer > 0:
                _, z, a = run.dense[layer - 1]
                delta = d_inputs * derivative(z, a)
        if not self.conv:
            return self.grads
        _, _, _, last_a, last_pooled, _ = run.conv[-1]
        top = last_a if last_pooled is None else last_pooled
        n, h, w, channels = top.shape
        d_maps = d_inputs.reshape(n, channels, h, w).transpose(0, 2, 3, 1)
        for layer in range(len(self.conv) - 1, -1, -1):
            _, cols, z, a, pooled, winners = run.conv[layer]
            if pooled is not None:
                d_maps = layers.pool_backward(d_maps, winners, a.shape)
            dz = d_maps * derivative(z, a)
            grad_kernels, grad_biases = self._grad_conv[layer]
            d_maps = layers.conv_backward(dz, cols, self.conv_kernels[layer], grad_kernels,
                                          grad_biases, input_gradient=layer > 0)
        return self.grads

    def forget_kernels(self) -> None:
        """Nothing to forget: this network keeps no per-batch buffers (``Run`` calls it)."""

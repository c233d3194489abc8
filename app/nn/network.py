"""A small fully connected network with vectorised mini-batch forward/backward.

Shapes: ``X: (n, d_in)``, ``weights[l]: (n_in, n_out)``, ``biases[l]: (n_out,)``.
All parameters live in one flat float64 buffer, ``params``: layer l is a
block ``(n_out, n_in + 1)`` holding ``[weights[l].T | biases[l]]``, and
``weights`` / ``biases`` are views into it; ``grads`` mirrors that layout.

Why this layout: these networks are so small that each NumPy call's overhead,
not its arithmetic, sets the speed. The training kernel (``kernel.py``) works
on transposed, contiguous activations ``(n, m)`` with a row of ones appended,
so that ``z = block @ [a; 1]`` is one call, the gradient of weights and biases
is one call, every element-wise call runs on contiguous memory, and an update
of the whole network is one vector operation. ``StackedNetworks`` holds R
networks of one shape as ``params (R, P)`` for the same kernel on 3-D arrays.
Non-goals: convolutions, GPUs, anything beyond a handful of layers.
"""
from collections.abc import Sequence

import numpy as np

from . import activations as registry
from .activations import Activation
from .heads import Softmax, output_function
from .kernel import Kernels, blocks_of

Array = np.ndarray


def parameter_count(sizes: Sequence[int]) -> int:
    """Number of weights plus biases of a network with layer ``sizes``."""
    return sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


def columns_with_ones(x: Array) -> Array:
    """Return ``x (n, d)`` as contiguous columns with a row of ones: ``(d + 1, n)``."""
    return np.ascontiguousarray(np.vstack([x.T, np.ones((1, len(x)))]))


class Network(Kernels):
    """Layers of neurons; layer l computes a = f(a_prev @ weights[l] + biases[l])."""

    def __init__(self, sizes: Sequence[int], activation: str, output_activation: str):
        """``output_activation`` names a registered activation or ``"softmax"``."""
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"need an input and an output layer of >= 1 neuron, got {sizes}")
        self.sizes = tuple(int(s) for s in sizes)
        self.params = np.zeros(parameter_count(self.sizes))
        self.grads = np.zeros_like(self.params)
        self.blocks = blocks_of(self.params, self.sizes)
        self.grad_blocks = blocks_of(self.grads, self.sizes)
        self.weights = [block[:, :-1].T for block in self.blocks]
        self.biases = [block[:, -1] for block in self.blocks]
        # 1.0 where params holds a weight, 0.0 at biases: regularization's mask.
        self.weight_mask = np.zeros_like(self.params)
        for block in blocks_of(self.weight_mask, self.sizes):
            block[:, :-1] = 1.0
        self.activation = registry.get(activation)
        self.output_activation: Activation | Softmax = output_function(output_activation)
        self._kernels: dict = {}   # (batch size, dtype) -> Kernel

    def initialize(self, rng: np.random.Generator, weight_range: float = 0.5,
                   bias: float = 0.1) -> None:
        """Draw weights from U(-weight_range, weight_range); set every bias to ``bias``."""
        for w, b in zip(self.weights, self.biases):
            w[...] = rng.uniform(-weight_range, weight_range, size=w.shape)
            b[...] = bias

    def layer_activation(self, layer: int) -> Activation | Softmax:
        """The activation of weight layer ``layer`` (the last one is the output's)."""
        return self.output_activation if layer == len(self.blocks) - 1 else self.activation

    def forward(self, x: Array) -> tuple[list[Array], list[Array]]:
        """Return (zs, activations) for ``x (n, d_in)``; activations[0] is ``x``.

        The plain, readable form: z = a @ W + b, a = f(z), layer by layer.
        """
        zs, activations = [], [x]
        a = x
        for layer, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ w + b
            a = self.layer_activation(layer).fn(z)
            zs.append(z)
            activations.append(a)
        return zs, activations

    def predict(self, x: Array) -> Array:
        """Return the output layer's activations for ``x``: ``(n, n_out)``."""
        return self.forward(x)[1][-1]


class StackedNetworks(Kernels):
    """R networks of one shape, parameters stacked as ``params (R, P)``: trained as one.

    Built from copies of the networks' parameters (``stacked`` writes them
    back). The kernel runs on 3-D arrays, one network per leading index, so R
    networks cost about as many NumPy calls as one.
    """

    def __init__(self, networks: Sequence[Network]):
        first = networks[0]
        self.sizes = first.sizes
        self.params = np.stack([network.params for network in networks])
        self.grads = np.zeros_like(self.params)
        self.blocks = blocks_of(self.params, self.sizes)
        self.grad_blocks = blocks_of(self.grads, self.sizes)
        self.weight_mask = first.weight_mask
        self.activation, self.output_activation = first.activation, first.output_activation
        self._kernels: dict = {}

    def gradients(self, x_columns: Array, t_columns: Array, head, scale=1.0) -> Array:
        """As ``Network.gradients``; a ``scale`` per network comes as an ``(R, 1)`` column."""
        if isinstance(scale, np.ndarray):
            scale = scale[..., None]   # (R, 1, 1): broadcasts over each network's (m, k) delta
        return super().gradients(x_columns, t_columns, head, scale)

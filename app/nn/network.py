"""A small fully connected network with vectorised mini-batch forward/backward.

Shapes: ``X: (n, d_in)``, ``weights[l]: (n_in, n_out)``, ``biases[l]: (n_out,)``.
All parameters live in one flat float64 buffer, ``params``: layer l is a
block ``(n_out, n_in + 1)`` holding ``[weights[l].T | biases[l]]``, and
``weights`` / ``biases`` are views into it; ``grads`` mirrors that layout.

Why this layout: these networks are so small that each NumPy call's overhead,
not its arithmetic, sets the speed. The training kernel works on transposed,
contiguous activations ``(n, m)`` with a row of ones appended, so that
``z = block @ [a; 1]`` is one call, the gradient of weights and biases is one
call, every element-wise call runs on contiguous memory, and an update of the
whole network is one vector operation.
Non-goals: convolutions, GPUs, anything beyond a handful of layers.
"""
from collections.abc import Sequence

import numpy as np

from . import activations as registry
from .activations import Activation
from .heads import Head, Softmax, output_function

Array = np.ndarray


def parameter_count(sizes: Sequence[int]) -> int:
    """Number of weights plus biases of a network with layer ``sizes``."""
    return sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


def _blocks(buffer: Array, sizes: Sequence[int]) -> list[Array]:
    """Cut ``buffer`` into one ``(n_out, n_in + 1)`` block per layer."""
    blocks, offset = [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        blocks.append(buffer[offset:offset + (n_in + 1) * n_out].reshape(n_out, n_in + 1))
        offset += (n_in + 1) * n_out
    return blocks


def columns_with_ones(x: Array) -> Array:
    """Return ``x (n, d)`` as contiguous columns with a row of ones: ``(d + 1, n)``."""
    return np.ascontiguousarray(np.vstack([x.T, np.ones((1, len(x)))]))


class Network:
    """Layers of neurons; layer l computes a = f(a_prev @ weights[l] + biases[l])."""

    def __init__(self, sizes: Sequence[int], activation: str, output_activation: str):
        """``output_activation`` names a registered activation or ``"softmax"``."""
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"need an input and an output layer of >= 1 neuron, got {sizes}")
        self.sizes = tuple(int(s) for s in sizes)
        self.params = np.zeros(parameter_count(self.sizes))
        self.grads = np.zeros_like(self.params)
        self.blocks = _blocks(self.params, self.sizes)
        self.grad_blocks = _blocks(self.grads, self.sizes)
        self.weights = [block[:, :-1].T for block in self.blocks]
        self.biases = [block[:, -1] for block in self.blocks]
        # 1.0 where params holds a weight, 0.0 at biases: regularization's mask.
        self.weight_mask = np.zeros_like(self.params)
        for block in _blocks(self.weight_mask, self.sizes):
            block[:, :-1] = 1.0
        self.activation = registry.get(activation)
        self.output_activation: Activation | Softmax = output_function(output_activation)
        self._kernels: dict[tuple[int, type], _Kernel] = {}

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

    def predict_columns(self, x_columns: Array, dtype: type = np.float64) -> Array:
        """Fast ``predict`` for ``columns_with_ones(x)``: returns ``(n_out, n)``.

        ``dtype=np.float32`` evaluates a float32 copy of the parameters, about
        five times faster for large ``n`` (float64 tanh is costly) and exact
        to ~7 significant digits: used for the per-epoch loss readings only.
        """
        return self._kernel(x_columns.shape[1], dtype).forward(x_columns)

    def logits_columns(self, x_columns: Array, dtype: type = np.float64) -> Array:
        """Like ``predict_columns``, but the output layer's pre-activation z: ``(n_out, n)``.

        A view into a reused buffer: read it before the next call.
        """
        kernel = self._kernel(x_columns.shape[1], dtype)
        kernel.forward(x_columns)
        return kernel.output_plan[1]

    def gradients(self, x_columns: Array, t_columns: Array, head: Head,
                  scale: float = 1.0) -> Array:
        """Fill and return ``grads``: scale · d head.loss(network(x), t) / d params, for one batch.

        ``x_columns`` is ``columns_with_ones(x)``, ``t_columns`` is ``t.T``
        (targets, ``(k, m)``); ``head`` must be the head whose output
        activation this network has. ``scale`` lets SGD pass its learning rate
        and skip a multiplication. Runs on preallocated buffers; only tiny
        temporaries are allocated.
        """
        return self._kernel(x_columns.shape[1], np.float64).gradients(
            x_columns, t_columns, head, scale)

    def forget_kernels(self) -> None:
        """Drop the per-batch-size buffers (after the data changed, to bound memory)."""
        self._kernels.clear()

    def _kernel(self, m: int, dtype: type) -> "_Kernel":
        kernel = self._kernels.get((m, dtype))
        if kernel is None:
            kernel = self._kernels[m, dtype] = _Kernel(self, m, dtype)
        return kernel


class _Kernel:
    """Preallocated arrays and per-layer plans for ``m`` samples, in columns.

    Layer l's input is an ``(n_in + 1, m)`` array whose last row is ones (for
    l = 0, the batch itself); ``outputs[l]`` is layer l + 1's input without
    that row (a contiguous view), so an activation feeds the next layer with
    no copy. The loops
    below are written for speed: tuples built once, positional ``out``.
    """

    def __init__(self, network: Network, m: int, dtype: type):
        sizes = network.sizes
        self.network = network
        self.dtype = dtype
        inputs = [None] + [np.ones((n + 1, m), dtype) for n in sizes[1:-1]]  # [0]: the batch
        outputs = [buffer[:-1] for buffer in inputs[1:]] + [np.empty((sizes[-1], m), dtype)]
        zs = [np.empty((n, m), dtype) for n in sizes[1:]]
        if dtype == np.float64:
            self.params, blocks = network.params, network.blocks
        else:
            self.params = network.params.astype(dtype)
            blocks = _blocks(self.params, sizes)
        self.hidden_plan = list(zip(blocks, zs, outputs, inputs[1:] + [None]))
        block, z, out, _ = self.hidden_plan.pop()
        # The output function and the head see (m, k) rows: transposed views.
        self.output_plan = (block, z, out, z.T, out.T)
        self.delta = np.empty_like(z)
        self.delta_rows = self.delta.T
        # Backward, last layer first: grad_block = delta @ [a; 1].T, then (but
        # for layer 0) dL/d[a; 1] = block.T @ delta with the whole block
        # (F-contiguous, so BLAS needs no copy), its bias row dropped, times
        # f'(z) of the layer below gives that layer's delta.
        self.backward_plan = [
            (network.grad_blocks[layer], inputs[layer].T if layer else None,
             (blocks[layer].T, np.empty_like(inputs[layer]), zs[layer - 1], outputs[layer - 1],
              np.empty_like(zs[layer - 1])) if layer else None)
            for layer in range(len(sizes) - 2, -1, -1)]

    def forward(self, x_columns: Array) -> Array:
        """Run the network on ``x_columns``; return the output layer's activations."""
        if self.params is not self.network.params:
            np.copyto(self.params, self.network.params, casting="same_kind")
        hidden, output = self.network.activation.fn, self.network.output_activation.fn
        dot = np.dot
        a = x_columns if x_columns.dtype == self.dtype else x_columns.astype(self.dtype)
        for block, z, out, next_inputs in self.hidden_plan:
            dot(block, a, z)
            hidden(z, out)
            a = next_inputs
        block, z, out, z_rows, out_rows = self.output_plan
        dot(block, a, z)
        output(z_rows, out_rows)
        return out

    def gradients(self, x_columns: Array, t_columns: Array, head: Head, scale: float) -> Array:
        """Backpropagate ``scale`` · ``head``'s loss for one batch into ``network.grads``."""
        self.forward(x_columns)
        _, _, _, z_rows, out_rows = self.output_plan
        head.delta(z_rows, out_rows, t_columns.T, scale, self.delta_rows)
        delta = self.delta
        hidden = self.network.activation.derivative
        dot, multiply = np.dot, np.multiply
        for grad_block, inputs_t, previous in self.backward_plan:
            if previous is None:
                dot(delta, x_columns.T, grad_block)
                break
            dot(delta, inputs_t, grad_block)
            block_t, delta_a_out, z, a, next_delta = previous
            delta_a = dot(block_t, delta, delta_a_out)[:-1]
            hidden(z, a, next_delta)
            multiply(next_delta, delta_a, next_delta)
            delta = next_delta
        return self.network.grads

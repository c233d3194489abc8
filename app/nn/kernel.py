"""The training kernel: forward and backward passes on preallocated buffers, one network or many.

A network's parameters are one buffer ``params (..., P)``; layer l is the block
``(..., n_out, n_in + 1)`` holding ``[weights[l].T | biases[l]]``. With no
leading axis that is one network (``Network``); with a leading "run" axis of
length R it is R networks of one shape trained together (``StackedNetworks``):
the same calls then run on 3-D arrays (``np.matmul`` instead of ``np.dot``,
which gives the same bits per network), so R networks cost about as many NumPy
calls as one. These networks are so small that call overhead, not arithmetic,
sets the speed: fewer, larger calls win.
Non-goal: anything but fully connected layers.
"""
from collections.abc import Sequence

import numpy as np

from .heads import Head

Array = np.ndarray


def blocks_of(buffer: Array, sizes: Sequence[int]) -> list[Array]:
    """Cut ``buffer (..., P)`` into one ``(..., n_out, n_in + 1)`` view per layer."""
    blocks, offset, lead = [], 0, buffer.shape[:-1]
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        size = (n_in + 1) * n_out
        blocks.append(buffer[..., offset:offset + size].reshape(*lead, n_out, n_in + 1))
        offset += size
    return blocks


def _pair(lead: tuple[int, ...], n: int, m: int, dtype: type) -> tuple[Array, Array]:
    """An uninitialised ``(*lead, n, m)`` array for products, and its memory as ``(n, *lead, m)``.

    Stored with the layer's rows first, the first rows of every network
    together are one contiguous block: element-wise calls on the second form
    (C-contiguous, and a layer's activations without the row of ones still
    are) take NumPy's fast path. With no leading axis both are one array.
    """
    storage = np.empty((n, *lead, m), dtype)
    return (np.moveaxis(storage, 0, -2) if lead else storage), storage


def rows(columns: Array) -> Array:
    """The last two axes swapped: ``(..., k, m)`` columns as ``(..., m, k)`` rows (a view)."""
    return columns.swapaxes(-1, -2)


class Kernels:
    """Fast passes for a network-like object, one ``Kernel`` per (batch size, dtype).

    Used by ``Network`` and ``StackedNetworks``, which provide ``sizes``,
    ``params``, ``grads``, ``blocks``, ``grad_blocks``, ``activation``,
    ``output_activation`` and an empty dict ``_kernels``.
    """

    def predict_columns(self, x_columns: Array, dtype: type = np.float64) -> Array:
        """Outputs for ``x_columns (..., d_in + 1, n)`` (last row ones): ``(..., n_out, n)``.

        ``dtype=np.float32`` evaluates a float32 copy of the parameters, about
        five times faster for large ``n`` (float64 tanh is costly) and exact
        to ~7 significant digits: used for the per-epoch loss readings only.
        """
        return self._kernel(x_columns.shape[-1], dtype).forward(x_columns)

    def logits_columns(self, x_columns: Array, dtype: type = np.float64) -> Array:
        """Like ``predict_columns``, but the output layer's pre-activation z: ``(..., n_out, n)``.

        A view into a reused buffer: read it before the next call.
        """
        kernel = self._kernel(x_columns.shape[-1], dtype)
        kernel.forward(x_columns)
        return kernel.output_plan[1]

    def gradients(self, x_columns: Array, t_columns: Array, head: Head,
                  scale: float | Array = 1.0) -> Array:
        """Fill and return ``grads``: scale · d head.loss(network(x), t) / d params, for one batch.

        ``x_columns`` is ``columns_with_ones(x)``, ``t_columns`` is ``t.T``
        (targets, ``(..., k, m)``); ``head`` must be the head whose output
        activation this network has. ``scale`` lets SGD pass its learning rate
        and skip a multiplication (a stack takes one per network, shaped
        ``(R, 1, 1)``). Runs on preallocated buffers; only tiny temporaries
        are allocated.
        """
        return self._kernel(x_columns.shape[-1], np.float64).gradients(
            x_columns, t_columns, head, scale)

    def forget_kernels(self) -> None:
        """Drop the per-batch-size buffers (after the data changed, to bound memory)."""
        self._kernels.clear()

    def _kernel(self, m: int, dtype: type) -> "Kernel":
        kernel = self._kernels.get((m, dtype))
        if kernel is None:
            kernel = self._kernels[m, dtype] = Kernel(self, m, dtype)
        return kernel


class Kernel:
    """Preallocated arrays and per-layer plans for ``m`` samples, in columns.

    Layer l's input is an ``(..., n_in + 1, m)`` array whose last row is ones
    (for l = 0, the batch itself); ``outputs[l]`` is layer l + 1's input
    without that row (a view), so an activation feeds the next layer with no
    copy. The loops below are written for speed: tuples built once,
    positional ``out``.
    """

    def __init__(self, network: Kernels, m: int, dtype: type):
        sizes, lead = network.sizes, network.params.shape[:-1]
        self.network = network
        self.dtype = dtype
        self.product = np.matmul if lead else np.dot
        # [0] is the batch; the others are (array, storage) pairs whose last row is ones
        inputs = [None] + [_pair(lead, n + 1, m, dtype) for n in sizes[1:-1]]
        for _, storage in inputs[1:]:
            storage[-1] = 1.0
        zs = [_pair(lead, n, m, dtype) for n in sizes[1:]]
        if dtype == np.float64:
            self.params, blocks = network.params, network.blocks
        else:
            self.params = network.params.astype(dtype)
            blocks = blocks_of(self.params, sizes)
        self.hidden_plan = [(block, z, z_storage, storage[:-1], array)
                            for block, (z, z_storage), (array, storage)
                            in zip(blocks, zs, inputs[1:])]
        z, _ = zs[-1]
        out, _ = _pair(lead, sizes[-1], m, dtype)
        # The output function and the head see (..., m, k) rows: transposed views.
        self.output_plan = (blocks[-1], z, out, rows(z), rows(out))
        self.delta = np.empty_like(z)   # (the same memory order as z)
        self.delta_rows = rows(self.delta)
        self.backward_plan = [self._backward_step(network, blocks, inputs, zs, layer)
                              for layer in range(len(sizes) - 2, -1, -1)]

    @staticmethod
    def _backward_step(network, blocks, inputs, zs, layer: int) -> tuple:
        """Buffers to backpropagate through weight layer ``layer``.

        grad_block = delta @ [a; 1].T, then (but for layer 0) dL/d[a; 1] =
        block.T @ delta with the whole block (F-contiguous, so BLAS needs no
        copy), its bias row dropped, times f'(z) of the layer below: that
        layer's delta.
        """
        if not layer:
            return network.grad_blocks[0], None, None
        array, storage = inputs[layer]
        delta_a, delta_a_storage = _pair(array.shape[:-2], array.shape[-2], array.shape[-1],
                                         array.dtype)
        next_delta = _pair(array.shape[:-2], array.shape[-2] - 1, array.shape[-1], array.dtype)
        return (network.grad_blocks[layer], rows(array),
                (rows(blocks[layer]), delta_a, delta_a_storage[:-1], zs[layer - 1][1],
                 storage[:-1], *next_delta))

    def forward(self, x_columns: Array) -> Array:
        """Run the network on ``x_columns``; return the output layer's activations."""
        if self.params is not self.network.params:
            np.copyto(self.params, self.network.params, casting="same_kind")
        hidden, output = self.network.activation.fn, self.network.output_activation.fn
        product = self.product
        a = x_columns if x_columns.dtype == self.dtype else x_columns.astype(self.dtype)
        for block, z, z_storage, out_storage, next_inputs in self.hidden_plan:
            product(block, a, z)
            hidden(z_storage, out_storage)
            a = next_inputs
        block, z, out, z_rows, out_rows = self.output_plan
        product(block, a, z)
        output(z_rows, out_rows)
        return out

    def gradients(self, x_columns: Array, t_columns: Array, head: Head,
                  scale: float | Array) -> Array:
        """Backpropagate ``scale`` · ``head``'s loss for one batch into ``network.grads``."""
        self.forward(x_columns)
        _, _, _, z_rows, out_rows = self.output_plan
        head.delta(z_rows, out_rows, rows(t_columns), scale, self.delta_rows)
        delta = self.delta
        hidden = self.network.activation.derivative
        product, multiply = self.product, np.multiply
        for grad_block, inputs_rows, previous in self.backward_plan:
            if previous is None:
                product(delta, rows(x_columns), grad_block)
                break
            product(delta, inputs_rows, grad_block)
            block_rows, delta_a_out, delta_a, z, a, next_delta, next_storage = previous
            product(block_rows, delta, delta_a_out)
            hidden(z, a, next_storage)
            multiply(next_storage, delta_a, next_storage)
            delta = next_delta
        return self.network.grads

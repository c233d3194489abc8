"""One pass of mini-batch gradient descent over a list of batches: for one network or a stack.

``Run.train`` calls it with one ``Network`` and float rates; ``stacked`` with
``StackedNetworks`` (R networks along a leading axis) and ``(R, 1)`` columns
where the runs' rates differ. Both go through this one function, so a stacked
run applies the same operations in the same order and ends where it would have
alone. A pass takes any list of batches, so a caller could also stop inside an
epoch. Non-goals: shuffling, schedules (the caller passes what it wants).
"""
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .optimizers import Sgd
from .regularization import clamp_crossed

Array = np.ndarray


@dataclass(frozen=True)
class Plan:
    """The settings of a pass: learning rate, penalties, L1 clamp.

    ``penalties``: (regularizer gradient, regularization rate) pairs, all added
    to the gradient; ``clamp_mask``: where a parameter that crosses zero stops
    at 0 (the weights of L1 runs), or None. A rate is a float, or an ``(R, 1)``
    column with one per stacked network (0 where a penalty does not apply).
    """

    rate: float | Array
    penalties: tuple[tuple[Callable[..., Array], float | Array], ...] = ()
    clamp_mask: Array | None = None


def descend(network, head, optimizer, batches: list[tuple[Array, Array]], plan: Plan,
            scratch: Array, before: Array) -> None:
    """Take one optimizer step per batch of ``batches`` (``(x_columns, t_columns)`` pairs).

    ``scratch`` and ``before`` are buffers shaped like ``network.params``.
    """
    params, gradients = network.params, network.gradients
    if not plan.penalties and plan.clamp_mask is None and type(optimizer) is Sgd:
        for x_columns, t_columns in batches:
            # grads come back already multiplied by the learning rate
            np.subtract(params, gradients(x_columns, t_columns, head, plan.rate), params)
        return
    scale = plan.rate if optimizer.scaled else 1.0
    penalties = [(gradient, rate * scale) for gradient, rate in plan.penalties]
    step, mask, clamp, add = optimizer.step, network.weight_mask, plan.clamp_mask, np.add
    for x_columns, t_columns in batches:
        grads = gradients(x_columns, t_columns, head, scale)
        for gradient, rate in penalties:
            add(grads, gradient(params, mask, rate, scratch), grads)
        if clamp is not None:
            np.copyto(before, params)
        step(params, grads, plan.rate)
        if clamp is not None:
            clamp_crossed(before, params, clamp, scratch)

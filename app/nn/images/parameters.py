"""An image network's parameters as JSON-ready nested lists, and back.

``network_parameters`` is what a frame or a model file carries:
``conv_kernels[l][f][c][u][v]`` (filter f, input channel c, kernel row u,
column v), ``conv_biases[l][f]``, and for the dense layers after flattening
``weights[l][i][j]`` (input i to neuron j, the fully connected network's
convention) and ``biases[l][j]``. Full precision, or rounded to ``decimals``
for frames. ``set_network_parameters`` checks shapes and values, naming the
offending part. Non-goal: optimizer state.
"""
import numpy as np

from ..parameters import _array
from .network import ImageNetwork

KEYS = ("conv_kernels", "conv_biases", "weights", "biases")


def _groups(network: ImageNetwork) -> dict[str, list[np.ndarray]]:
    return {"conv_kernels": network.conv_kernels, "conv_biases": network.conv_biases,
            "weights": network.weights, "biases": network.biases}


def network_parameters(network: ImageNetwork, decimals: int | None = None) -> dict[str, list]:
    """Every kernel, weight and bias as nested lists (rounded to ``decimals`` if given)."""
    def listed(array: np.ndarray) -> list:
        return (array if decimals is None else np.round(array, decimals)).tolist()
    return {key: [listed(array) for array in arrays] for key, arrays in _groups(network).items()}


def set_network_parameters(network: ImageNetwork, values: dict) -> None:
    """Copy ``network_parameters``-shaped ``values`` into ``network``, all or nothing."""
    checked = []
    for key, arrays in _groups(network).items():
        given = values.get(key)
        if not isinstance(given, (list, tuple)) or len(given) != len(arrays):
            raise ValueError(f"{key}: expected a list of {len(arrays)} layers")
        checked += [(target, _array(f"{key}[{l}]", value, target.shape))
                    for l, (target, value) in enumerate(zip(arrays, given))]
    for target, value in checked:
        target[...] = value

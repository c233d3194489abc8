"""One image through an image network, every intermediate number ready to show.

``explain_image`` gives the page every layer's feature maps for one
picture (z and a = f(z) of each convolution, the pooled maps and which
input won each window), the dense layers, the softmax outputs and the loss
for a label. ``explain_pixel`` writes out one feature-map pixel:
the k × k input patch (zeros outside the map), the kernel, the bias,
z = Σ patch ⊙ kernel + b and a = f(z); ``explain_pooled`` one pooled pixel:
its 2 × 2 window and which input won. Maps are listed channel-first,
``[c][y][x]``, as the page draws them. Numbers come from the network's own
forward pass (``ImageNetwork.forward``); tests hold them to it.
Non-goal: gradients per image (the point-network's backprop view has them).
"""
import numpy as np

from .layers import POOL

Array = np.ndarray


def _maps(array: Array | None) -> list | None:
    """``(1, H, W, C)`` → nested ``[c][y][x]`` lists (None stays None)."""
    return None if array is None else np.moveaxis(array[0], -1, 0).tolist()


def _one(image) -> Array:
    image = np.asarray(image, dtype=np.float64)
    if image.ndim != 2:
        raise ValueError(f"image: expected a 2-D grid of intensities, got shape {list(image.shape)}")
    return image[None]


def explain_image(run, image, label: int | None = None) -> dict:
    """Every layer of ``run``'s network for one ``image (H, W)``; the loss if ``label`` is given."""
    network, head = run.network, run.head
    with np.errstate(all="ignore"):
        result = network.forward(_one(image))
        loss = None
        if label is not None:
            targets = head.targets(np.array([label]))
            loss = float(head.loss_from_logits(result.logits, targets))
    conv = [{"z": _maps(z), "a": _maps(a), "pooled": _maps(pooled),
             "winners": _maps(winners)} for _, _, z, a, pooled, winners in result.conv]
    dense = [{"z": z[0].tolist(), "a": (result.outputs if a is None else a)[0].tolist()}
             for _, z, a in result.dense]
    return {"image": np.asarray(image, dtype=np.float64).tolist(), "conv": conv, "dense": dense,
            "outputs": result.outputs[0].tolist(),
            "predicted": int(np.argmax(result.outputs[0])), "label": label, "loss": loss}


def explain_pixel(run, image, layer: int, map_index: int, y: int, x: int) -> dict:
    """Pixel (y, x) of feature map ``map_index`` of conv layer ``layer``, written out."""
    network = run.network
    _check(layer, len(network.conv), "layer")
    kernels = network.conv_kernels[layer]
    _check(map_index, kernels.shape[0], "map")
    size = network.map_sizes[layer]
    _check(y, size, "y")
    _check(x, size, "x")
    result = network.forward(_one(image))
    inputs, _, z, a, _, _ = result.conv[layer]
    k, pad = kernels.shape[-1], kernels.shape[-1] // 2
    padded = np.pad(inputs[0], ((pad, pad), (pad, pad), (0, 0)))
    patch = np.moveaxis(padded[y:y + k, x:x + k], -1, 0)              # (C, k, k)
    return {"layer": layer, "map": map_index, "y": y, "x": x,
            "patch": patch.tolist(), "kernel": kernels[map_index].tolist(),
            "bias": float(network.conv_biases[layer][map_index]),
            "z": float(z[0, y, x, map_index]), "a": float(a[0, y, x, map_index]),
            "activation": network.activation.name}


def explain_pooled(run, image, layer: int, map_index: int, y: int, x: int) -> dict:
    """Pooled pixel (y, x) of map ``map_index`` after conv layer ``layer``: its window and winner."""
    network = run.network
    if not network.pool:
        raise ValueError("layer: this network does not pool")
    _check(layer, len(network.conv), "layer")
    _check(map_index, network.conv_kernels[layer].shape[0], "map")
    _check(y, network.map_sizes[layer + 1], "y")
    _check(x, network.map_sizes[layer + 1], "x")
    _, _, _, a, pooled, winners = network.forward(_one(image)).conv[layer]
    window = a[0, POOL * y:POOL * y + POOL, POOL * x:POOL * x + POOL, map_index]
    won = int(winners[0, y, x, map_index])
    return {"layer": layer, "map": map_index, "y": y, "x": x, "window": window.tolist(),
            "winner": [won // POOL, won % POOL], "value": float(pooled[0, y, x, map_index])}


def _check(value: int, limit: int, name: str) -> None:
    if not 0 <= value < limit:
        raise ValueError(f"{name}: {value} is out of range 0 … {limit - 1}")

"""An image network written plainly with loops over pixels: the tests' independent oracle.

Nothing here is shared with ``app.nn.images`` but the activation functions
(applied to one number at a time) and the parameter arrays it reads. Maps
are channel-first lists of ``(C, H, W)`` arrays, as a textbook draws them;
use it on tiny sizes only.
"""
import math

import numpy as np


def conv_same(maps, kernels, biases):
    """maps (C, H, W), kernels (F, C, k, k) → z (F, H, W), stride 1, zero padding k // 2."""
    channels, height, width = maps.shape
    filters, _, k, _ = kernels.shape
    pad = k // 2
    z = np.zeros((filters, height, width))
    for f in range(filters):
        for y in range(height):
            for x in range(width):
                total = biases[f]
                for c in range(channels):
                    for u in range(k):
                        for v in range(k):
                            yy, xx = y + u - pad, x + v - pad
                            if 0 <= yy < height and 0 <= xx < width:
                                total += maps[c, yy, xx] * kernels[f, c, u, v]
                z[f, y, x] = total
    return z


def max_pool(maps):
    """maps (C, H, W) → (pooled (C, H//2, W//2), winners [c][y][x] = (dy, dx), first max wins)."""
    channels, height, width = maps.shape
    pooled = np.zeros((channels, height // 2, width // 2))
    winners = {}
    for c in range(channels):
        for y in range(height // 2):
            for x in range(width // 2):
                best, where = -math.inf, None
                for dy in range(2):
                    for dx in range(2):
                        value = maps[c, 2 * y + dy, 2 * x + dx]
                        if value > best:
                            best, where = value, (dy, dx)
                pooled[c, y, x] = best
                winners[c, y, x] = where
    return pooled, winners


def apply(fn, array):
    """Apply a scalar activation function to every entry."""
    return np.vectorize(lambda v: float(fn(np.array([v]))[0]))(array)


def softmax(z):
    top = max(z)
    exps = [math.exp(v - top) for v in z]
    return [e / sum(exps) for e in exps]


def forward(network, image):
    """One image (H, W) → (conv maps [(z, a, pooled)], dense [(z, a)], probabilities)."""
    f = network.activation.fn
    maps = np.asarray(image, dtype=np.float64)[None]
    conv = []
    for kernels, biases in zip(network.conv_kernels, network.conv_biases):
        z = conv_same(maps, kernels, biases)
        a = apply(f, z)
        pooled = max_pool(a)[0] if network.pool else None
        conv.append((z, a, pooled))
        maps = a if pooled is None else pooled
    vector = [maps[c, y, x] for c in range(maps.shape[0])
              for y in range(maps.shape[1]) for x in range(maps.shape[2])]
    dense = []
    for layer, (weights, biases) in enumerate(zip(network.weights, network.biases)):
        z = [sum(vector[i] * weights[i, j] for i in range(len(vector))) + biases[j]
             for j in range(weights.shape[1])]
        last = layer == len(network.weights) - 1
        vector = softmax(z) if last else [float(f(np.array([v]))[0]) for v in z]
        dense.append((z, vector))
    return conv, dense, vector


def cross_entropy(network, images, labels):
    """Mean of −ln p(label) over the images, from the naive forward pass."""
    return -sum(math.log(forward(network, image)[2][int(label)])
                for image, label in zip(images, labels)) / len(images)

"""A deliberately plain textbook CNN in NumPy, the yardstick for bench.images.

One convolution layer (same padding, stride 1) written as a sum over the
kernel's k × k offsets, ReLU, 2 × 2 max-pooling through a reshape and a
mask, a softmax layer with cross-entropy, and textbook Adam; a fresh array
for every intermediate result. It mirrors ``ImageRun``'s schedule for the
default digit network exactly: batches in order, no shuffling, and after
every epoch one loss reading over the training and the test set (float64).
Parameters are a dict of arrays: K (F, 1, k, k), bK (F,), W (F·h·w, classes),
bW (classes,). Non-goals: other architectures, speed.
"""
import numpy as np


def forward(p, x):
    """Return (cache, logits) for images ``x (n, H, W)``."""
    n, height, width = x.shape
    k = p["K"].shape[-1]
    pad = k // 2
    padded = np.pad(x, ((0, 0), (pad, pad), (pad, pad)))
    z = np.zeros((n, height, width, len(p["bK"])))
    for u in range(k):
        for v in range(k):
            z += padded[:, u:u + height, v:v + width, None] * p["K"][:, 0, u, v]
    z += p["bK"]
    a = np.maximum(z, 0.0)
    h, w = height // 2, width // 2
    windows = a[:, :2 * h, :2 * w].reshape(n, h, 2, w, 2, -1)
    pooled = windows.max(axis=(2, 4))
    flat = pooled.transpose(0, 3, 1, 2).reshape(n, -1)
    logits = flat @ p["W"] + p["bW"]
    return (padded, z, windows, pooled, flat), logits


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(p, x, labels):
    """Mean −ln softmax(logits)[label] (via log-sum-exp)."""
    logits = forward(p, x)[1]
    top = logits.max(axis=1)
    log_sum = np.log(np.exp(logits - top[:, None]).sum(axis=1)) + top
    return float(np.mean(log_sum - logits[np.arange(len(x)), labels]))


def gradients(p, x, labels):
    """dL/dparams of the mean cross-entropy over the batch."""
    (padded, z, windows, pooled, flat), logits = forward(p, x)
    n, height, width = x.shape
    delta = softmax(logits)
    delta[np.arange(n), labels] -= 1.0
    delta /= n
    grads = {"W": flat.T @ delta, "bW": delta.sum(axis=0)}
    d_pooled = (delta @ p["W"].T).reshape(pooled.transpose(0, 3, 1, 2).shape).transpose(0, 2, 3, 1)
    # The gradient goes to the first maximum of each window (row by row), as in the engine.
    _, h, _, w, _, filters = windows.shape
    by_window = windows.transpose(0, 1, 3, 5, 2, 4).reshape(n, h, w, filters, 4)
    first = np.eye(4)[by_window.argmax(axis=-1)]                       # (n, h, w, F, 4)
    routed = (first * d_pooled[..., None]).reshape(n, h, w, filters, 2, 2)
    d_a = np.zeros_like(z)
    d_a[:, :2 * h, :2 * w] = routed.transpose(0, 1, 4, 2, 5, 3).reshape(n, 2 * h, 2 * w, filters)
    d_z = d_a * (z > 0)
    k = p["K"].shape[-1]
    grads["K"] = np.zeros_like(p["K"])
    for u in range(k):
        for v in range(k):
            grads["K"][:, 0, u, v] = np.einsum("nyx,nyxf->f", padded[:, u:u + height, v:v + width],
                                               d_z)
    grads["bK"] = d_z.sum(axis=(0, 1, 2))
    return grads


def adam_step(p, grads, state, rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """θ ← θ − η · m̂ / (√v̂ + ε), in place; ``state`` holds t, m and v per array."""
    state["t"] += 1
    t = state["t"]
    for name, g in grads.items():
        m = state["m"][name] = beta1 * state["m"][name] + (1 - beta1) * g
        v = state["v"][name] = beta2 * state["v"][name] + (1 - beta2) * g * g
        p[name] -= rate * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + epsilon)


def train(p, data, rate, batch_size, epochs, state=None):
    """Train ``epochs`` epochs in place; return [(train loss, test loss)] per epoch and the state."""
    state = state or {"t": 0, "m": {k: np.zeros_like(v) for k, v in p.items()},
                      "v": {k: np.zeros_like(v) for k, v in p.items()}}
    x, y = data.x_train, data.y_train
    history = []
    for _ in range(epochs):
        for start in range(0, len(x), batch_size):
            adam_step(p, gradients(p, x[start:start + batch_size], y[start:start + batch_size]),
                      state, rate)
        history.append((cross_entropy(p, data.x_train, data.y_train),
                        cross_entropy(p, data.x_test, data.y_test)))
    return history, state

"""Finite-difference helpers shared by the engine's tests.

Central differences in float64 with h = 1e-6 have a truncation error of about
h² · f''' ≈ 1e-12 and a rounding error of about eps · |f| / h ≈ 1e-10, so a
relative error below 1e-6 is a real check, not a formality.
"""
from collections.abc import Callable

import numpy as np

H = 1e-6
RTOL = 1e-6
# Below this magnitude an entry is compared absolutely (rel. error = abs / FLOOR):
# an exact-zero gradient (a dead ReLU unit) must not divide by zero.
FLOOR = 1e-3


def central_differences(f: Callable[[], float], x: np.ndarray, h: float = H) -> np.ndarray:
    """Return d f() / d x for every entry of ``x``, perturbing ``x`` in place."""
    grad = np.empty_like(x, dtype=np.float64)
    flat, out = x.reshape(-1), grad.reshape(-1)
    assert np.shares_memory(flat, x), "x must be contiguous so perturbations reach f"
    for i in range(flat.size):
        saved = flat[i]
        flat[i] = saved + h
        up = f()
        flat[i] = saved - h
        down = f()
        flat[i] = saved
        out[i] = (up - down) / (2 * h)
    return grad


def relative_error(actual: np.ndarray, expected: np.ndarray) -> float:
    """Largest |actual - expected| / max(|actual|, |expected|, FLOOR) over all entries."""
    actual, expected = np.asarray(actual, float), np.asarray(expected, float)
    scale = np.maximum(np.maximum(np.abs(actual), np.abs(expected)), FLOOR)
    return float(np.max(np.abs(actual - expected) / scale))

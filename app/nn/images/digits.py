"""The UCI handwritten digits shipped with the app: 1,797 images of 8×8 pixels, values 0..16.

The file, its attribution, licence and format are described in
``data/README.md``; ``tools/build_digits.py`` rebuilds it from
scikit-learn's copy. Loading checks the SHA-256 of the unpacked bytes, so a
damaged or edited file is refused instead of silently training on it.
Non-goal: downloading anything (the app works offline).
"""
import functools
import hashlib
import lzma
from pathlib import Path

import numpy as np

PATH = Path(__file__).resolve().parent / "data" / "digits.u8.xz"
SHA256 = "87ff0c9e40dc7e2c0e34e7257799c2e3f3aec1a016363bb11cad869ec428a826"
COUNT, SIZE, CLASSES = 1797, 8, 10
MAX_VALUE = 16   # a pixel counts the on-pixels of a 4×4 block: 0 … 16


def unpack(packed: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Return (images (1797, 8, 8) uint8 in 0..16, labels (1797,) uint8) from the file's bytes."""
    raw = lzma.decompress(packed)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SHA256:
        raise ValueError(f"{PATH.name}: content has SHA-256 {digest}, expected {SHA256}")
    pixels = COUNT * SIZE * SIZE
    images = np.frombuffer(raw[:pixels], dtype=np.uint8).reshape(COUNT, SIZE, SIZE)
    return images, np.frombuffer(raw[pixels:], dtype=np.uint8)


@functools.cache
def load() -> tuple[np.ndarray, np.ndarray]:
    """The shipped digits, read once per process: (images (1797, 8, 8), labels (1797,)), read-only."""
    return unpack(PATH.read_bytes())

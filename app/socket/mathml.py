"""TeX formulas from the engine's registries as MathML, which browsers render natively.

The engine keeps one TeX string per formula; this turns it into MathML once
per process (latex2mathml, pure Python) so the page needs no typesetting
library and no external service.
"""
from functools import lru_cache

from latex2mathml.converter import convert

LINEAR_STEP = r"z = \sum_{i} w_i x_i + b = \mathbf{w} \cdot \mathbf{x} + b"


@lru_cache(maxsize=None)
def to_mathml(tex: str) -> str:
    """``<math>`` markup for ``tex``."""
    return convert(tex)

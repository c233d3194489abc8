r"""The catalog the page builds its menus and formulas from: every registry of the engine.

Each activation, loss, head, feature, optimizer, regularizer and data set is
defined once in ``app/nn`` with its TeX formula; this lists them with labels
and turns each formula into MathML once per process (latex2mathml, pure
Python), so the page needs no typesetting library and no external service.

Two touches make the MathML read well in a narrow card: equations a formula
separates with ``\quad`` go on rows of their own (a table, one <math>), since
MathML never breaks a line; and a prime follows its base at full size instead
of as a superscript (a superscript prime is a script-size glyph that was
already drawn high, so it floats above the function's name).
"""
import re
from functools import lru_cache

from latex2mathml.converter import convert

from ..nn import activations, datasets, features, heads, losses, optimizers, regularization
from ..nn.images.datasets import IMAGE_DATASETS

LINEAR_STEP = r"z = \sum_{i} w_i x_i + b = \mathbf{w} \cdot \mathbf{x} + b"
_FORMULAS = ("formula", "derivative_formula", "delta_formula")
_QUAD = re.compile(r"\\quad(?![A-Za-z])")
_PRIME = re.compile(r"<msup>((?:(?!<msup>).)*?)<mi>&#x02032;</mi></msup>")
_MATH = re.compile(r"^<math[^>]*>(.*)</math>$", re.S)


def _parts(tex: str) -> list[str]:
    """``tex`` cut at each ``\\quad`` outside braces, the pieces stripped."""
    parts, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|" + _QUAD.pattern, tex):
        token = match.group()
        depth += {"{": 1, "}": -1}.get(token, 0)
        if token.startswith("\\") and depth == 0:
            parts.append(tex[start:match.start()])
            start = match.end()
    parts.append(tex[start:])
    return [part.strip() for part in parts if part.strip()]


def _mathml(tex: str) -> str:
    return _PRIME.sub(r"<mrow>\1<mo>&#x02032;</mo></mrow>", convert(tex))


@lru_cache(maxsize=None)
def to_mathml(tex: str) -> str:
    """``<math>`` markup for ``tex``: one row per ``\\quad``-separated equation."""
    parts = _parts(tex)
    if len(parts) < 2:
        return _mathml(tex)
    rows = "".join(f"<mtr><mtd>{_MATH.match(_mathml(part)).group(1)}</mtd></mtr>"
                   for part in parts)
    return ('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">'
            f"<mtable>{rows}</mtable></math>")


def _entries(registry: dict, *extra: str) -> list[dict]:
    """Each item's name, label and ``extra`` attributes; formulas also as MathML."""
    entries = []
    for item in registry.values():
        entry = {"name": item.name, "label": item.label}
        for key in extra:
            entry[key] = getattr(item, key)
            if key in _FORMULAS:
                entry[f"{key}_mathml"] = to_mathml(entry[key])
        entries.append(entry)
    return entries


@lru_cache(maxsize=1)
def catalog() -> dict:
    """Names, labels and formulas (TeX and MathML) of everything a setting can name."""
    return {
        "linear_step": {"formula": LINEAR_STEP, "formula_mathml": to_mathml(LINEAR_STEP)},
        "activations": _entries(activations.ACTIVATIONS, "symbol", "formula",
                                "derivative_formula"),
        "output_activations": _entries({h.output_activation.name: h.output_activation
                                        for h in heads.HEADS.values()}, "symbol", "formula"),
        "losses": _entries(losses.LOSSES, "formula"),
        "heads": [{**entry, "output_activation": heads.HEADS[entry["name"]]
                   .output_activation.name, "loss": heads.HEADS[entry["name"]].loss.name}
                  for entry in _entries(heads.HEADS, "delta_formula")],
        "features": _entries(features.FEATURES, "formula"),
        "datasets": _entries(datasets.DATASETS, "problem", "classes")
        + [{"name": "custom", "label": "Your own points", "problem": "both",
            "classes": "points"}]
        + [{"name": d.name, "label": d.label, "problem": "images",
            "classes": d.classes or ("num_classes" if d.generate else "images")}
           for d in IMAGE_DATASETS.values()],
        "optimizers": _entries(optimizers.OPTIMIZERS, "formula"),
        "regularizations": _entries(regularization.REGULARIZERS, "formula"),
    }

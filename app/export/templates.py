"""Template text for exported code: named blocks in ``.tmpl`` files, filled by name.

A template file holds blocks, each opened by a line ``@@ name``; text before
the first block describes the file and is not used. ``{{key}}`` marks a
place to fill. A placeholder alone on its line is replaced by a block of
lines, each indented like the placeholder, and an empty value removes that
line; so snippets (a regularization term, a clamp) slot into a loop body.
Non-goal: logic in templates (no conditions, no loops): Python chooses the
blocks, templates hold only the words and the code.
"""
import re
from functools import lru_cache
from pathlib import Path

_BLOCK = re.compile(r"^@@ (\S+)[ \t]*$", re.MULTILINE)
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_ALONE = re.compile(r"^([ \t]*)\{\{(\w+)\}\}[ \t]*$")


@lru_cache(maxsize=None)
def blocks(path: Path) -> dict[str, str]:
    """The blocks of template file ``path`` by name, without their surrounding blank lines."""
    parts = _BLOCK.split(path.read_text(encoding="utf-8"))
    named = dict(zip(parts[1::2], (body.strip("\n") for body in parts[2::2])))
    if len(named) != len(parts) // 2:
        raise ValueError(f"{path.name}: a block name is used twice")
    return named


def block(path: Path, name: str) -> str:
    """Block ``name`` of ``path`` (KeyError naming the file and the block)."""
    try:
        return blocks(path)[name]
    except KeyError:
        raise KeyError(f"{path.name} has no block {name!r}") from None


def fill(text: str, values: dict[str, object]) -> str:
    """Replace every ``{{key}}`` in ``text`` by ``values[key]`` (KeyError for a missing key)."""
    lines = []
    for line in text.split("\n"):
        alone = _ALONE.match(line)
        if alone:
            indent, key = alone.groups()
            value = str(values[key])
            lines.extend(indent + part if part else "" for part in value.split("\n") if value)
        else:
            lines.append(_PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), line))
    return "\n".join(lines)

"""Lay a ``Document`` out as one Python file.

Each step becomes a ``# %% N. Title`` line (editors such as VS Code and
Spyder run those as cells), its words as comments, then its code.
"""
from .document import Document

_GAP = "\n\n\n"   # two blank lines between top-level blocks, as PEP 8 asks


def _comment(text: str) -> str:
    return "\n".join(f"# {line}" if line else "#" for line in text.split("\n"))


def write_script(document: Document) -> str:
    """The whole .py file for ``document``."""
    parts = [document.script_head]
    for number, step in enumerate(document.steps_for("script"), start=1):
        parts.append(f"# %% {number}. {step.title}\n{_comment(step.text)}\n\n{step.code}")
    return _GAP.join(parts) + "\n"

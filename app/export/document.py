"""What an export is made of, before it becomes a .py file or a notebook.

A template (``plane`` for the 2-D playground; image mode can add its own)
turns a run into a ``Document``: a title, a summary, and ordered ``Step``s,
each with its words, its code and, for the notebook, its formulas. The
script and notebook writers only lay a document out, so both carry the same
code and give the same numbers.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of the run: words (comment or markdown), code, and TeX formulas for the notebook."""

    title: str
    text: str
    code: str
    formulas: tuple[str, ...] = ()
    only: str | None = None   # "script" or "notebook": a step the other one lacks


@dataclass(frozen=True)
class Document:
    """A run as code: everything the script and notebook writers need."""

    title: str
    name: str                       # file name without its extension
    summary: tuple[str, ...]        # one line each: "Data: ...", "Network: ..."
    script_head: str                # the .py file's docstring and imports
    notebook_intro: str             # words of the notebook's first cell
    notebook_imports: str
    steps: tuple[Step, ...]

    def steps_for(self, kind: str) -> list[Step]:
        """The steps a ``kind`` ("script" or "notebook") shows, in order."""
        return [step for step in self.steps if step.only in (None, kind)]

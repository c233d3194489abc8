"""Lay a ``Document`` out as a Jupyter notebook, with ``nbformat``.

The first cell holds the title and summary, the second the imports; then
each step is a markdown cell (its words and, as display math, the engine's
own TeX formulas) followed by its code cell. Cell ids are numbered, not
random, so the same run always gives the same file.
"""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from .document import Document

_METADATA = {
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    "language_info": {"name": "python"},
}


def _markdown(number: int, title: str, text: str, formulas: tuple[str, ...]) -> str:
    math = "".join(f"\n\n$$ {formula} $$" for formula in formulas)
    return f"## {number}. {title}\n\n{text}{math}"


def write_notebook(document: Document) -> str:
    """The .ipynb file (JSON text, nbformat 4) for ``document``, validated."""
    summary = "\n".join(f"- {line}" for line in document.summary)
    cells = [new_markdown_cell(f"# {document.title}\n\n{summary}\n\n{document.notebook_intro}"),
             new_code_cell(document.notebook_imports)]
    for number, step in enumerate(document.steps_for("notebook"), start=1):
        cells += [new_markdown_cell(_markdown(number, step.title, step.text, step.formulas)),
                  new_code_cell(step.code)]
    for index, cell in enumerate(cells):
        cell["id"] = f"cell-{index}"
    notebook = new_notebook(cells=cells, metadata=_METADATA)
    nbformat.validate(notebook)
    return nbformat.writes(notebook)

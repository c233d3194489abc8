"""A run as code: a self-contained Python file (NumPy only) and a Jupyter notebook.

``export_python`` and ``export_notebook`` take a run as the web layer knows
it (protocol settings, its own points if any, how often Reset was pressed)
and return ``(file name, text)``. The code rebuilds the run's data, initial
weights and training with the playground's seeds and prints its loss curve.
It reproduces the run as trained from its start with these settings: a run
whose live settings, points or weights were changed while it trained (or
that was imported) went elsewhere from there.
An image run (settings with problem "images", or an ``ImageRunConfig``; its
drawings as an ``ImageSplit``) is written the same way, by ``images``.
Layout: ``plan`` (or ``images.plan``) resolves the run, a template package
(``plane``, or ``images`` for image runs) turns it into a ``document``,
``script`` and ``notebook`` lay the document out. Pure: no Flask; nbformat
only for the notebook.
"""
from ..nn.datasets import Split
from ..nn.images.datasets import ImageSplit
from ..nn.images.run_config import ImageRunConfig
from ..nn.run_config import RunConfig
from . import images, plane
from .images.plan import is_image_run, make_image_plan
from .notebook import write_notebook
from .plan import DEFAULT_EPOCHS, make_plan
from .script import write_script

__all__ = ["DEFAULT_EPOCHS", "export_notebook", "export_python"]


def _document(settings, data, resets, epochs, classes):
    if is_image_run(settings):
        return images.document(make_image_plan(settings, data, resets, epochs, classes))
    return plane.document(make_plan(settings, data, resets, epochs, classes))


def export_python(settings: dict | RunConfig | ImageRunConfig,
                  data: Split | ImageSplit | None = None, resets: int = 0,
                  epochs: int = DEFAULT_EPOCHS, classes: int | None = None) -> tuple[str, str]:
    """Return (file name, text) of the run as one Python file; ValueError names a bad field."""
    document = _document(settings, data, resets, epochs, classes)
    return f"{document.name}.py", write_script(document)


def export_notebook(settings: dict | RunConfig | ImageRunConfig,
                    data: Split | ImageSplit | None = None, resets: int = 0,
                    epochs: int = DEFAULT_EPOCHS, classes: int | None = None) -> tuple[str, str]:
    """Return (file name, JSON text) of the run as a Jupyter notebook; ValueError names a bad field."""
    document = _document(settings, data, resets, epochs, classes)
    return f"{document.name}.ipynb", write_notebook(document)

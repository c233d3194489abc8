"""Validation of drawn images a client sends: ``add_images`` and ``contribute`` to a class's images.

One check for both, so a class's drawing is held to exactly the rules of a
drawing added to one's own run; refusals name the field (``images[i]``,
``labels[i]``).
"""
from ..nn.images.drawn import PIXEL_MAX
from .values import ProtocolError, integer, number


def drawn_images(payload: dict, side: int, classes: int, max_images: int) -> tuple[list, list[int]]:
    """(images as flat lists of side² values 0 … 16, labels): checked, naming the field."""
    images, labels = payload["images"], payload["labels"]
    if not isinstance(images, list) or not images:
        raise ProtocolError("images", "images must be a non-empty list of images")
    if len(images) > max_images:
        raise ProtocolError("images", f"images may hold at most {max_images} images")
    if not isinstance(labels, list) or len(labels) != len(images):
        raise ProtocolError("labels", "labels must be a list with one class per image")
    pixels = side * side
    for i, image in enumerate(images):
        where = f"images[{i}]"
        if not isinstance(image, list) or len(image) != pixels:
            raise ProtocolError(where, f"{where} must be {pixels} pixel values ({side}×{side}, "
                                       "row by row)")
        for value in image:
            number(where, value, 0, PIXEL_MAX)
    return images, [int(integer(f"labels[{i}]", label, 0, classes - 1))
                    for i, label in enumerate(labels)]

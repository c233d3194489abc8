"""Handlers for the images of an image run: add drawings, upload a text of images, export it.

The image counterparts of ``add_points``, ``upload_csv`` and Download CSV;
the text format is the engine's (``app.nn.images.drawn``), its errors name
the line. Each refuses a run that learns points, naming ``problem``.
"""
from flask import request

from ..nn.images.run import ImageRun
from ..play import images
from . import inbound
from .data import counts
from .image_settings import MAX_DRAWN_CLASSES
from .values import ProtocolError, empty


class ImageEvents:
    """``on_<event>`` methods of ``PlaygroundNamespace``."""

    def _image_session(self, event: str):
        """The session the caller steers, if its run learns images (else refused naming ``problem``)."""
        session = self.classroom.steerable(request.sid)
        if not isinstance(session.run, ImageRun):
            raise ProtocolError("problem", f"{event} is for images: choose the problem images "
                                           "first")
        return session

    def on_add_images(self, payload=None):
        """Client adds drawings to the training or test set; weights, epoch and curve stay."""
        session = self._image_session("add_images")
        with session.lock:
            run, limit = session.run, self.config["MAX_IMAGES"]
            added, labels, which = inbound.add_images(payload, run.network.map_sizes[0],
                                                      run.classes, limit)
            session.edit_data(images.add(run.data, added, labels, which, limit), "images")
            self.publisher.run(session)
            return {"ok": True, **counts(session)}

    def on_upload_images(self, payload=None):
        """Client uploads a text of images (one a line): a new run on them."""
        text = inbound.image_text(payload, self.config["MAX_IMAGE_BYTES"])
        session = self._image_session("upload_images")
        with session.lock:
            settings = session.settings
            split, classes = images.from_text(text, settings["train_ratio"], settings["seed"],
                                              self.config["MAX_IMAGES"],
                                              self.config["MAX_IMAGE_BYTES"], MAX_DRAWN_CLASSES)
            session.replace_images(split, classes)
            self.publisher.run(session)
            return {"ok": True, "restarted": True, **counts(session)}

    def on_export_images(self, payload=None):
        """Client asks for every image of the run in the text format (train/test marked)."""
        empty("export_images", payload)
        session = self._image_session("export_images")
        with session.lock:
            return {"ok": True, "images": images.to_text(session.run.data), **counts(session)}

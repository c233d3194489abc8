"""Handlers that edit what the network sees: parameters, points, CSV and model files; and
``explain_point``, which reads one point's pass without changing anything.
(Images have their own: ``image_data``.)"""
from flask import request

from ..export import DEFAULT_EPOCHS, export_notebook, export_python
from ..nn.datasets import DOMAIN
from ..nn.images.run import ImageRun
from ..play import model_files, points, points_csv
from . import inbound, messages, model_values
from .values import ProtocolError, empty


EXPORTERS = {"python": (export_python, "text/x-python"),
             "notebook": (export_notebook, "application/x-ipynb+json")}


def counts(session) -> dict:
    return {"train": len(session.run.data.x_train), "test": len(session.run.data.x_test)}


def point_session(classroom, event: str):
    """The session the caller steers, if its run learns points (else refused naming ``problem``)."""
    session = classroom.steerable(request.sid)
    if isinstance(session.run, ImageRun):
        raise ProtocolError("problem", f"{event} is for points; this run learns images")
    return session


class DataEvents:
    """``on_<event>`` methods of ``PlaygroundNamespace``."""

    def on_set_parameter(self, payload=None):
        """Client sets one weight or bias by hand; training goes on from there."""
        layer, to, source, value = inbound.parameter(payload)
        session = self.classroom.steerable(request.sid)
        self.settle(session)
        with session.lock:
            session.set_parameter(layer, to, source, value)
            self.publisher.frame(session)
        return {"ok": True, "value": value}

    def on_add_points(self, payload=None):
        """Client adds points by clicking the plane; weights, epoch and curve stay."""
        session = point_session(self.classroom, "add_points")
        with session.lock:
            run, limit = session.run, self.config["MAX_POINTS"]
            added, which = inbound.add_points(payload, session.settings["problem"], run.classes,
                                              limit)
            self.settle(session)
            session.edit_data(points.add(run.data, added, which, limit), "points")
            self.publisher.run(session)
            return {"ok": True, **counts(session)}

    def on_erase_points(self, payload=None):
        """Client erases the points around a spot; weights, epoch and curve stay."""
        x1, x2, radius = inbound.erase_points(payload)
        session = point_session(self.classroom, "erase_points")
        self.settle(session)
        with session.lock:
            data, removed = points.erase(session.run.data, x1, x2, radius)
            session.edit_data(data, "points")
            self.publisher.run(session)
            return {"ok": True, "removed": removed, **counts(session)}

    def on_upload_csv(self, payload=None):
        """Client uploads a CSV of points: a new run on them."""
        text = inbound.csv_text(payload, self.config["MAX_CSV_BYTES"])
        session = point_session(self.classroom, "upload_csv")
        with session.lock:
            settings = session.settings
            rows, classes = points_csv.parse(text, DOMAIN, settings["problem"],
                                             self.config["MAX_POINTS"])
            session.replace_points(points.from_rows(rows, settings["train_ratio"],
                                                    settings["seed"]), classes)
            self.publisher.run(session)
            return {"ok": True, "restarted": True, **counts(session)}

    def on_export_model(self, payload=None):
        """Client asks for the model file of the current run."""
        empty("export_model", payload)
        session = self.classroom.steerable(request.sid)
        with session.lock:
            return {"ok": True, "model": model_files.export(session)}

    def on_import_model(self, payload=None):
        """Client sends a model file: its settings, points, weights and history take over."""
        model = model_values.model_file(payload)
        session = self.classroom.steerable(request.sid)
        model_files.load(session, model, self.schema, self.config)
        with session.lock:
            self.publisher.run(session)
            return {"ok": True, "epoch": session.run.epoch, "settings": dict(session.settings)}

    def on_explain_point(self, payload=None):
        """Client picks a point: its forward and backward pass, every number written out."""
        which, index = inbound.point_ref(payload)
        session = point_session(self.classroom, "explain_point")
        with session.lock:
            data = (session.rewound or session.run).data
            x, y = (data.x_train, data.y_train) if which == "train" else (data.x_test, data.y_test)
            if index >= len(x):
                raise ProtocolError("index", f"index must be below {len(x)}, the size of the "
                                             f"{which} set")
            return messages.explanation(session, which, index, x[index], y[index])

    def on_export_code(self, payload=None):
        """Anyone watching asks for the run (as a rewind shows it) as a .py file or a notebook."""
        export, media_type = EXPORTERS[inbound.export_format(payload)]
        session = self.classroom.watched(request.sid)
        with session.lock:
            shown = session.rewound or session.run
            config, draw, classes = shown.config, shown.weight_draw, shown.classes
            custom = shown.data if config.dataset in ("custom", "drawn") else None
            epochs = shown.epoch or DEFAULT_EPOCHS
            reproduces = session.checkpoints.reproducible(shown.epoch)
        try:        # outside the lock: a notebook takes some milliseconds to write
            filename, text = export(config, custom, draw, epochs=epochs, classes=classes)
        except ValueError as error:
            raise ProtocolError(str(error).split()[0].strip(":"), str(error)) from None
        return {"ok": True, "filename": filename, "media_type": media_type, "text": text,
                "epochs": epochs, "reproduces": reproduces}

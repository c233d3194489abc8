"""Handlers that edit what the network sees: parameters, points, CSV files, model files."""
from ..nn.datasets import DOMAIN
from ..nn.explain import explain
from ..play import model_files, points_csv
from ..play import points as data_edits
from . import inbound as payloads
from .values import empty
from .values import ProtocolError


def register(hub) -> None:
    """Attach the data handlers to ``hub`` (an ``events.Hub``)."""
    config = hub.config

    @hub.on("set_parameter")
    def on_set_parameter(payload):
        """Client sets one weight or bias by hand; training goes on from there."""
        layer, to, source, value = payloads.parameter(payload)
        session = hub.caller()
        with session.lock:
            session.set_parameter(layer, to, source, value)
            hub.broadcast_frame(session)
        return {"ok": True, "value": value}

    @hub.on("add_points")
    def on_add_points(payload):
        """Client adds points by clicking the plane; weights, epoch and curve stay."""
        session = hub.caller()
        with session.lock:
            run = session.run
            points, which = payloads.add_points(payload, session.settings["problem"],
                                                run.classes, config["MAX_POINTS"])
            session.edit_points(data_edits.add(run.data, points, which, config["MAX_POINTS"]))
            hub.announce_run(session)
            return {"ok": True, **_counts(session)}

    @hub.on("erase_points")
    def on_erase_points(payload):
        """Client erases the points around a spot; weights, epoch and curve stay."""
        x1, x2, radius = payloads.erase_points(payload)
        session = hub.caller()
        with session.lock:
            data, removed = data_edits.erase(session.run.data, x1, x2, radius)
            session.edit_points(data)
            hub.announce_run(session)
            return {"ok": True, "removed": removed, **_counts(session)}

    @hub.on("upload_csv")
    def on_upload_csv(payload):
        """Client uploads a CSV of points: a new run on them."""
        text = payloads.csv_text(payload, config["MAX_CSV_BYTES"])
        session = hub.caller()
        with session.lock:
            rows, classes = points_csv.parse(text, DOMAIN, session.settings["problem"],
                                             config["MAX_POINTS"])
            data = data_edits.from_rows(rows, session.settings["train_ratio"],
                                        session.settings["seed"])
            session.replace_points(data, classes)
            hub.announce_run(session)
            return {"ok": True, "restarted": True, **_counts(session)}

    @hub.on("export_model")
    def on_export_model(payload):
        """Client asks for the model file of the current run."""
        empty("export_model", payload)
        session = hub.caller()
        with session.lock:
            return {"ok": True, "model": model_files.export(session)}

    @hub.on("import_model")
    def on_import_model(payload):
        """Client sends a model file: its settings, points, weights and history take over."""
        model = payloads.model_file(payload)
        session = hub.caller()
        hub.load_model(session, model)
        with session.lock:
            hub.announce_run(session)
            return {"ok": True, "epoch": session.run.epoch, "settings": dict(session.settings)}

    @hub.on("explain_point")
    def on_explain_point(payload):
        """Client picks a point: its forward and backward pass, every number written out."""
        which, number = payloads.point_ref(payload)
        session = hub.caller()
        with session.lock:
            run = session.run
            x, y = (run.data.x_train, run.data.y_train) if which == "train" else \
                (run.data.x_test, run.data.y_test)
            if number >= len(x):
                raise ProtocolError("index", f"index must be below {len(x)}, the size of the "
                                             f"{which} set")
            return {"ok": True, "run": session.run_id, "epoch": run.epoch, "set": which,
                    "index": number,
                    **explain(run, x[number], y[number])}


def _counts(session) -> dict:
    return {"train": len(session.run.data.x_train), "test": len(session.run.data.x_test)}

"""Handlers that steer training: configure, play, pause, step, reset."""
from .settings import resolve_settings, validate_settings
from .values import empty


def register(hub) -> None:
    """Attach the control handlers to ``hub`` (an ``events.Hub``)."""
    schema = hub.registry.schema

    @hub.on("configure")
    def on_configure(payload):
        """Client sends a partial settings object; ack carries all settings."""
        session = hub.caller()
        changes = validate_settings(payload, schema)
        with session.lock:
            settings = resolve_settings(session.settings, changes, schema)
            restarted = session.configure(settings)
            if restarted:
                hub.announce_run(session)
            else:
                hub.announce_settings(session)
            return {"ok": True, "settings": dict(session.settings), "restarted": restarted}

    @hub.on("play")
    def on_play(payload):
        """Client asks to train continuously at the session's speed."""
        empty("play", payload)
        session = hub.caller()
        with session.lock:
            session.play()
            hub.start_runner(session)
        return {"ok": True, "running": True}

    @hub.on("pause")
    def on_pause(payload):
        """Client asks to stop training; everyone watching gets a last frame."""
        empty("pause", payload)
        session = hub.caller()
        with session.lock:
            session.running = False
            hub.broadcast_frame(session)
        return {"ok": True, "running": False}

    @hub.on("step")
    def on_step(payload):
        """Client asks for exactly one epoch (pausing first)."""
        empty("step", payload)
        session = hub.caller()
        with session.lock:
            session.running = False
            session.train(1)
            hub.broadcast_frame(session)
            return {"ok": True, "epoch": session.run.epoch}

    @hub.on("reset")
    def on_reset(payload):
        """Client asks for new initial weights with the same settings and data."""
        empty("reset", payload)
        session = hub.caller()
        with session.lock:
            session.reset()
            hub.announce_run(session)
        return {"ok": True, "epoch": 0}

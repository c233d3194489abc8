"""Handlers that steer training: configure, play, pause, step, reset.

Each acts on the session the caller watches, and only if the caller may
steer it (``Classroom.steerable``); everyone watching hears what changed.
"""
from flask import request

from .settings import resolve_settings, validate_settings
from .values import empty


class ControlEvents:
    """``on_<event>`` methods of ``PlaygroundNamespace``."""

    def on_configure(self, payload=None):
        """Client sends a partial settings object; ack carries all settings."""
        session = self.classroom.steerable(request.sid)
        changes = validate_settings(payload, self.schema, session.settings["problem"])
        with session.lock:
            restarted = session.configure(resolve_settings(session.settings, changes, self.schema))
            if restarted:
                self.publisher.run(session)
            else:
                self.publisher.settings(session)
            return {"ok": True, "settings": dict(session.settings), "restarted": restarted}

    def on_play(self, payload=None):
        """Client asks to train continuously at the session's speed."""
        empty("play", payload)
        session = self.classroom.steerable(request.sid)
        with session.lock:
            session.play()
            self.training.start(session)
        return {"ok": True, "running": True}

    def on_pause(self, payload=None):
        """Client asks to stop training; everyone watching gets a last frame."""
        empty("pause", payload)
        session = self.classroom.steerable(request.sid)
        with session.lock:
            session.pause()
            self.publisher.frame(session)
        return {"ok": True, "running": False}

    def on_step(self, payload=None):
        """Client asks for exactly one epoch (pausing first)."""
        empty("step", payload)
        session = self.classroom.steerable(request.sid)
        with session.lock:
            session.require_points()
            session.pause()
            session.train(1)
            session.check_stops()
            self.publisher.frame(session)
            return {"ok": True, "epoch": session.run.epoch}

    def on_reset(self, payload=None):
        """Client asks for new initial weights with the same settings and data."""
        empty("reset", payload)
        session = self.classroom.steerable(request.sid)
        with session.lock:
            session.reset()
            self.publisher.run(session)
        return {"ok": True, "epoch": 0}

"""The app's services and how they are wired together (called once by ``create_app``).

    socket/  Gate (Engine.IO connections, every packet checked first)
               └─> PlaygroundNamespace (handlers) ─┬─> play/ Classroom (connections, rooms, expiry)
                                                   ├─> play/ Classwork (class data, class view)
                                                   ├─> play/ Session (settings, play state)
                                                   └─> training/ Training (a runner per playing session)
    play/ and training/ send through socket/ Publisher; training/ trains through a backend
    (this process, or worker processes).
"""
from dataclasses import dataclass

from flask_socketio import SocketIO

from .play.classroom import Classroom
from .play.classwork import Classwork
from .play.cluster import LocalCluster, RedisCluster
from .play.registry import SessionRegistry
from .socket.gate import Gate
from .socket.namespace import PlaygroundNamespace
from .socket.publisher import Publisher
from .socket.refusals import RefusalLog
from .training.trainer import Training


@dataclass
class Playground:
    """What one app serves with: found as ``app.extensions["playground"]``."""

    registry: SessionRegistry
    publisher: Publisher
    classroom: Classroom
    training: Training
    refusals: RefusalLog
    gate: Gate
    classwork: Classwork


def build(socketio: SocketIO, config: dict) -> Playground:
    """Make the services for ``config`` and register the protocol's handlers on ``socketio``."""
    refusals = RefusalLog()
    gate = Gate(socketio.server, config, refusals, socketio.start_background_task,
                socketio.sleep).install()
    registry = SessionRegistry(config)
    publisher = Publisher(socketio, registry.schema, config, gate)
    # The classroom is made last (it needs the others); these two reach it when called.
    cluster = (RedisCluster(config["MESSAGE_QUEUE"],
                            lambda session_id, sid: classroom.catch_up(session_id, sid))
               if config["MESSAGE_QUEUE"] else LocalCluster())
    training = Training(config, publisher, lambda session_id: classroom.watchers(session_id),
                        socketio.start_background_task, socketio.sleep)
    classroom = Classroom(config, registry, cluster, publisher, training, socketio)
    classwork = Classwork(config, classroom, publisher, socketio)
    playground = Playground(registry, publisher, classroom, training, refusals, gate, classwork)
    socketio.on_namespace(PlaygroundNamespace(playground, config))
    return playground

"""Several app instances serving one set of classes, through Redis (``MESSAGE_QUEUE``).

Flask-SocketIO's message queue already carries every emit to the clients of
every instance, and moves a connection into a Socket.IO room wherever it
lives. What it does not know is which instance holds a class: that is the
directory here, one Redis key per class code (``playground:class:CODE`` ->
the instance and the run's session id), written when a teacher shares and
removed when the class closes. A student whose join lands on another
instance follows the run from there: their connection enters the run's
Socket.IO room (frames arrive through the queue), and the run's instance is
asked, on its own Redis channel, to send that connection the run and its
whole history (late joiners see everything so far).

Without ``MESSAGE_QUEUE`` the app uses ``LocalCluster``: no Redis, no network.
"""
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

CLASS_KEY = "playground:class:{code}"
INSTANCE_CHANNEL = "playground:instance:{instance}"
CLASS_TTL_SECONDS = 24 * 3600   # a crashed instance's classes vanish from the directory in a day
RETRY_SECONDS = 1


class LocalCluster:
    """One instance: every class is local, nothing to publish."""

    instance = "local"

    def reserve(self, code: str, session_id: str) -> bool:
        return True

    def remove(self, code: str) -> None:
        pass

    def find(self, code: str) -> dict | None:
        return None

    def ask_for_catch_up(self, where: dict, sid: str) -> None:
        raise RuntimeError("a single instance has no remote classes")


class RedisCluster(LocalCluster):
    """The class directory and the catch-up channel of this instance, in Redis."""

    def __init__(self, url: str, send_catch_up: Callable[[str, str], None]):
        import redis  # only needed with a message queue

        self.instance = secrets.token_hex(8)
        self.redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self._send_catch_up = send_catch_up
        self._pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        self._pubsub.subscribe(INSTANCE_CHANNEL.format(instance=self.instance))
        threading.Thread(target=self._listen, daemon=True, name="cluster-listener").start()

    def reserve(self, code: str, session_id: str) -> bool:
        """Claim ``code`` for a class of this instance; False when another instance has it."""
        value = json.dumps({"instance": self.instance, "session": session_id})
        return bool(self.redis.set(CLASS_KEY.format(code=code), value, nx=True,
                                   ex=CLASS_TTL_SECONDS))

    def remove(self, code: str) -> None:
        self.redis.delete(CLASS_KEY.format(code=code))

    def find(self, code: str) -> dict | None:
        """{"instance", "session"} of a class held by another instance, else None."""
        value = self.redis.get(CLASS_KEY.format(code=code))
        where = json.loads(value) if value else None
        return where if where and where["instance"] != self.instance else None

    def ask_for_catch_up(self, where: dict, sid: str) -> None:
        """Ask the class's instance to send connection ``sid`` the run and its history."""
        self.redis.publish(INSTANCE_CHANNEL.format(instance=where["instance"]),
                           json.dumps({"session": where["session"], "sid": sid}))

    def _listen(self) -> None:
        """Serve catch-up requests for the life of the process, through Redis outages."""
        import redis

        while True:
            try:
                for message in self._pubsub.listen():
                    self._catch_up(message)
            except redis.RedisError as error:
                log.error("lost Redis (%s); listening again in %d s", error, RETRY_SECONDS)
                time.sleep(RETRY_SECONDS)

    def _catch_up(self, message: dict) -> None:
        try:
            request = json.loads(message["data"])
            self._send_catch_up(str(request["session"]), str(request["sid"]))
        except Exception:  # one bad request must not stop the listener
            log.exception("catch-up request failed")

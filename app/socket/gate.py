"""The gate in front of every handler: Engine.IO connections and Socket.IO packets, checked first.

python-socketio would take anything a script sends: ``connect`` or
``disconnect`` as an ordinary event (running those handlers again), binary
attachments (kept in memory until a header's announced count arrives), a
second connect, packets that do not decode (a traceback each, twice).
Browsers send none of these. The gate sits between Engine.IO and Socket.IO
(it takes over Engine.IO's connect, message and disconnect events) and:

- limits Engine.IO connections per address (``MAX_CONNECTIONS_PER_ADDRESS``),
  before any Socket.IO session exists, and bars an address with too many
  strikes (``strikes.py``: each closing below);
- closes a connection that has not opened its Socket.IO session within
  ``OPEN_SECONDS``, or whose messages wait unsent beyond ``SEND_QUEUE_LIMIT``
  at two watchdog rounds running (a client that does not read);
- refuses reserved event names (answering an ack naming ``event``), binary
  packets, repeated connects and undecodable packets: each counts as a bad
  packet, the first is logged, and at ``MAX_BAD_PACKETS`` the connection closes.

Closing cuts the TCP connection (a websocket's): a client that never reads
would otherwise hold the sending task forever.
"""
import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from urllib.parse import parse_qs

from socketio import packet

from .strikes import Strikes
from .values import printable

log = logging.getLogger(__name__)
RESERVED = frozenset({"connect", "disconnect", "connect_error", "disconnecting",
                      "newListener", "removeListener"})
REQUEST_KEY = "playground.request"   # a dict the WSGI layer puts in each environ (web.wsgi)
NAMESPACE = "/"
WATCH_SECONDS = 0.25                  # watchdog round: a lagging page's catch-up frame waits <= this


class Gate:
    """Engine.IO's connect/message/disconnect handlers, in front of python-socketio's."""

    def __init__(self, server, config: dict, refusals, start_task: Callable,
                 sleep: Callable[[float], None]):
        self.server, self.eio, self.refusals = server, server.eio, refusals
        self.per_address = config["MAX_CONNECTIONS_PER_ADDRESS"]
        self.open_seconds = config["OPEN_SECONDS"]
        self.queue_limit = config["SEND_QUEUE_LIMIT"]
        self.bad_limit = config["MAX_BAD_PACKETS"]
        self.strikes = Strikes(config)
        self.start_task, self.sleep = start_task, sleep
        self._addresses: dict[str, str] = {}         # eio sid -> client address
        self._counts: Counter = Counter()             # address -> open Engine.IO connections
        self._unopened: dict[str, float] = {}        # eio sid -> deadline to open a session
        self._bad: Counter = Counter()                # eio sid -> bad packets so far
        self._over: set[str] = set()                  # eio sids over SEND_QUEUE_LIMIT last round
        self._tcp: dict[str, socket.socket] = {}     # eio sid -> its websocket's TCP socket
        self._lock = threading.Lock()
        self._watching = False
        self._ticks: list[Callable[[], None]] = []   # called by the watchdog each round

    def every_round(self, tick: Callable[[], None]) -> None:
        """Call ``tick`` once a round (``WATCH_SECONDS``) while connections are open."""
        self._ticks.append(tick)

    def install(self) -> "Gate":
        """Take over Engine.IO's events; python-socketio's handlers run behind the checks."""
        self._pass_connect = self.server._handle_eio_connect
        self._pass_disconnect = self.server._handle_eio_disconnect
        self.eio.on("connect", self.connect)
        self.eio.on("message", self.message)
        self.eio.on("disconnect", self.disconnect)
        return self

    # -- connections ---------------------------------------------------------------------
    def connect(self, eio_sid: str, environ: dict) -> bool:
        address = environ.get("REMOTE_ADDR") or ""
        with self._lock:
            refused = self._counts[address] >= self.per_address or self.strikes.barred(address)
            if not refused:
                self._counts[address] += 1
                self._addresses[eio_sid] = address
                self._unopened[eio_sid] = time.monotonic() + self.open_seconds
        if refused:
            self.refusals.note(address, "Engine.IO connection refused: too many open from this "
                                        "address (MAX_CONNECTIONS_PER_ADDRESS) or MAX_STRIKES")
            return False
        self._adopt(eio_sid, environ)
        self._pass_connect(eio_sid, environ)
        self._watch()
        return True

    def adopt_upgrade(self, environ: dict) -> None:
        """A long-polling connection upgrades to a websocket: note its TCP socket."""
        eio_sid = _query_sid(environ)
        if eio_sid:
            self._adopt(eio_sid, environ)

    def _adopt(self, eio_sid: str, environ: dict) -> None:
        """Tie the request to ``eio_sid``; a websocket's TCP socket is kept to cut it when closing."""
        request = environ.get(REQUEST_KEY)
        if request is not None:
            request["eio_sid"] = eio_sid
        sock = environ.get("gunicorn.socket")
        if sock is not None and "transport=websocket" in environ.get("QUERY_STRING", ""):
            with self._lock:
                if eio_sid in self._addresses:
                    self._tcp[eio_sid] = sock

    def disconnect(self, eio_sid: str, reason=None) -> None:
        with self._lock:
            address = self._addresses.pop(eio_sid, None)
            if address is not None:
                self._counts[address] -= 1
                if self._counts[address] <= 0:
                    del self._counts[address]
            self._unopened.pop(eio_sid, None)
            self._bad.pop(eio_sid, None)
            self._tcp.pop(eio_sid, None)
        self._pass_disconnect(eio_sid, reason)

    def close(self, eio_sid: str, why: str) -> None:
        """End connection ``eio_sid`` now, whether or not its client reads."""
        with self._lock:
            sock = self._tcp.pop(eio_sid, None)
            address = self._addresses.get(eio_sid, "")
        self.strikes.strike(address)
        self.refusals.note(address, f"connection {eio_sid[:8]} closed: {why}")
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)   # a task blocked sending to it ends too
            except OSError:
                pass
        connection = self.eio.sockets.get(eio_sid)
        if connection is not None:
            connection.close(wait=False, abort=True)

    def failed(self, environ: dict, error: Exception) -> None:
        """An Engine.IO request raised (an empty websocket frame does): close its connection."""
        eio_sid = environ.get(REQUEST_KEY, {}).get("eio_sid") or _query_sid(environ)
        self.refusals.note(environ.get("REMOTE_ADDR") or "",
                           f"bad Engine.IO request ({type(error).__name__}); connection closed")
        if eio_sid:
            self.close(eio_sid, "its request failed")

    def backlog(self, eio_sid: str | None) -> int:
        """Messages queued for connection ``eio_sid`` and not yet taken by its client."""
        connection = self.eio.sockets.get(eio_sid) if eio_sid else None
        return connection.queue.qsize() if connection is not None else 0

    # -- packets ---------------------------------------------------------------------------
    def message(self, eio_sid: str, data) -> None:
        """Check one Socket.IO packet, then hand it to python-socketio's dispatch."""
        connection = self.eio.sockets.get(eio_sid)
        if connection is not None and connection.closed:
            return                  # what a closed connection had still in flight
        if isinstance(data, bytes):
            return self._bad_packet(eio_sid, "binary data")
        try:
            pkt = self.server.packet_class(encoded_packet=data)
        except Exception as error:   # whatever the decoder raises: bad JSON, a bad type ...
            return self._bad_packet(eio_sid, f"does not decode ({type(error).__name__})")
        kind, namespace = pkt.packet_type, pkt.namespace or NAMESPACE
        if kind in (packet.BINARY_EVENT, packet.BINARY_ACK):
            return self._bad_packet(eio_sid, "binary attachments")
        if kind == packet.EVENT:
            return self._event(eio_sid, pkt, namespace)
        if kind == packet.CONNECT:
            if self.server.manager.sid_from_eio_sid(eio_sid, namespace) is not None:
                return self._bad_packet(eio_sid, "a second connect")
            self.server._handle_connect(eio_sid, pkt.namespace, pkt.data)
            if self.server.manager.sid_from_eio_sid(eio_sid, namespace) is not None:
                with self._lock:
                    self._unopened.pop(eio_sid, None)
        elif kind == packet.DISCONNECT:
            self.server._handle_disconnect(eio_sid, pkt.namespace,
                                           self.server.reason.CLIENT_DISCONNECT)
        elif kind == packet.ACK:
            self.server._handle_ack(eio_sid, pkt.namespace, pkt.id, pkt.data)
        else:
            self._bad_packet(eio_sid, "a packet type clients do not send")

    def _event(self, eio_sid: str, pkt, namespace: str) -> None:
        data = pkt.data
        if not isinstance(data, list) or not data or not isinstance(data[0], str):
            return self._bad_packet(eio_sid, "an event without a name")
        if data[0] in RESERVED:
            if pkt.id is not None:
                self.server._send_packet(eio_sid, self.server.packet_class(
                    packet.ACK, namespace=pkt.namespace, id=pkt.id,
                    data=[{"ok": False, "error": {"field": "event", "message":
                           f"{data[0]} is reserved: clients cannot send it as an event"}}]))
            return self._bad_packet(eio_sid, f"the reserved event name {data[0]!r}")
        self.server._handle_event(eio_sid, pkt.namespace, pkt.id, data)

    def _bad_packet(self, eio_sid: str, why: str) -> None:
        with self._lock:
            self._bad[eio_sid] += 1
            count = self._bad[eio_sid]
            address = self._addresses.get(eio_sid, "")
        if count == 1:
            log.warning("%s %s: bad packet (%s); the connection closes after %d",
                        address or "?", eio_sid[:8], printable(why), self.bad_limit)
        if count >= self.bad_limit:
            self.close(eio_sid, f"{count} bad packets (MAX_BAD_PACKETS)")

    # -- the clock -------------------------------------------------------------------------
    def _watch(self) -> None:
        """Make sure the watchdog runs while connections are open."""
        with self._lock:
            if self._watching:
                return
            self._watching = True
        self.start_task(self._watchdog)

    def _watchdog(self) -> None:
        """Every round: close connections that never opened a session, or never read; ticks."""
        while True:
            self.sleep(WATCH_SECONDS)
            for work in [lambda: self._inspect(time.monotonic()), *self._ticks]:
                try:
                    work()
                except Exception:             # the clock must outlive one bad round
                    log.exception("connection watchdog failed")
            with self._lock:
                if not self._addresses:
                    self._watching = False
                    return

    def _inspect(self, now: float) -> None:
        with self._lock:
            late = [sid for sid, deadline in self._unopened.items() if deadline <= now]
            self._unopened = {sid: d for sid, d in self._unopened.items() if d > now}
            open_sids = list(self._addresses)
        for sid in late:
            self.close(sid, f"no Socket.IO session within {self.open_seconds:g} s (OPEN_SECONDS)")
        # Over two rounds running: it does not read (one round may be a burst of answers).
        over = {sid for sid in open_sids if self.backlog(sid) > self.queue_limit}
        for sid in over & self._over:
            self.close(sid, f"{self.queue_limit} messages unread (SEND_QUEUE_LIMIT)")
        self._over = over


def _query_sid(environ: dict) -> str | None:
    sid = parse_qs(environ.get("QUERY_STRING", "")).get("sid")
    return sid[0] if sid else None

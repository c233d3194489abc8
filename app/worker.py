"""gunicorn's gevent worker, with what a classroom server needs on top.

Each socket costs a greenlet, not a thread, so thousands of idle websockets
or slow clients cannot starve the others (``server.py`` sets the
connection count and how long a request's headers may take). Added here:

- at most ``MAX_TCP_PER_ADDRESS`` open TCP connections from one address (one
  script cannot take every connection the worker has), and none at all from
  an address the gate bars for its strikes (held unread, then closed);
  off behind a proxy (``PROXY_HOPS``), where every client has the proxy's address;
- gunicorn's own error pages (a malformed request line, headers too large)
  carry the app's security headers.
"""
from collections import Counter

import gevent
from gunicorn.workers.ggevent import GeventWorker

from .socket.refusals import RefusalLog
from .web.security import with_headers


class _Headered:
    """A client socket whose raw HTTP error page gets the security headers on its way out."""

    def __init__(self, sock):
        self._sock = sock

    def sendall(self, data: bytes) -> None:
        head, sep, body = data.partition(b"\r\n\r\n")
        status, *lines = head.split(b"\r\n")
        names = [line.split(b":", 1)[0].decode("latin-1") for line in lines]
        extra = [f"{name}: {value}".encode("latin-1")
                 for name, value in with_headers([(n, "") for n in names])[len(names):]]
        self._sock.sendall(b"\r\n".join([status, *lines, *extra]) + sep + body)

    def __getattr__(self, name):
        return getattr(self._sock, name)


class PlaygroundWorker(GeventWorker):
    """``-k gevent`` plus a cap on connections per address and headed error pages."""

    def init_process(self):
        values = getattr(self.app, "values", {})
        self.tcp_limit = 0 if values.get("PROXY_HOPS") else values.get("MAX_TCP_PER_ADDRESS", 0)
        self.open_from: Counter = Counter()
        self.refusals = RefusalLog()
        super().init_process()

    def handle(self, listener, client, addr):
        address = addr[0] if isinstance(addr, tuple) else ""
        if self.tcp_limit and self.open_from[address] >= self.tcp_limit:
            self.refusals.note(address, f"TCP connection refused: {self.tcp_limit} open "
                                        "from this address (MAX_TCP_PER_ADDRESS)")
            client.close()
            return
        self.open_from[address] += 1     # greenlets switch only on I/O: no lock needed
        try:
            if self.tcp_limit and self._barred(address):
                self._hold(address, client)
            else:
                super().handle(listener, client, addr)
        finally:
            self.open_from[address] -= 1
            if self.open_from[address] <= 0:
                del self.open_from[address]

    def _hold(self, address: str, client) -> None:
        """A barred address's connection is held unread for ``HEADER_SECONDS``, then closed.

        Closing at once invites a script to reconnect thousands of times a second
        (each costing an accept); held, each costs an idle greenlet, as a slow
        client does, and counts toward ``MAX_TCP_PER_ADDRESS``.
        """
        self.refusals.note(address, "TCP connection held unread and closed: MAX_STRIKES")
        gevent.sleep(self.cfg.keepalive)
        client.close()

    def _barred(self, address: str) -> bool:
        """The app's gate turns ``address`` away (``socket/strikes.py``): close before reading."""
        playground = getattr(self.wsgi, "extensions", {}).get("playground")
        return playground is not None and playground.gate.strikes.barred(address)

    def handle_error(self, req, client, addr, exc):
        super().handle_error(req, _Headered(client), addr, exc)

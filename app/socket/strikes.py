"""Addresses that keep misbehaving are turned away at the door for a while.

Closing a connection that opened no Socket.IO session (``OPEN_SECONDS``) or
sent bad packets bounds what it holds, but a script reconnects at once: 2,000
such sockets cycling cost the server a full HTTP, websocket and Engine.IO
handshake each, hundreds a second, and a normal client's handshake waited
behind them for seconds. So each such closing is a strike against the
address (a refusal for a per-address limit is not: a class behind one NAT
address may meet those and must not be barred for it): past
``MAX_STRIKES`` within ``STRIKE_SECONDS`` (a token bucket refilling at that
pace), the gate refuses the address's Engine.IO connections and the gunicorn
worker holds its TCP connections unread, then closes them (``worker.py``).
A browser opens its session at once and never strikes.
"""
from .ratelimit import RateLimiter

MAX_ADDRESSES = 10_000     # addresses remembered; ones whose strikes expired are forgotten first


class Strikes:
    """Misbehaviour per client address: ``strike`` it, ask whether it is ``barred``."""

    def __init__(self, config: dict):
        limit = config["MAX_STRIKES"]
        self._strikes = RateLimiter(limit / config["STRIKE_SECONDS"], limit,
                                    max_keys=MAX_ADDRESSES)

    def strike(self, address: str) -> None:
        self._strikes.allow(address)

    def barred(self, address: str) -> bool:
        return not self._strikes.available(address)

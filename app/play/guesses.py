"""Class codes are short, so guessing them must be slow.

Six characters from 31 are easy to type and, with 50 classes open, take
about 18 million guesses to hit one; at the 530 lookups a second one address
managed, that was 9 hours. Every lookup of a code that names no class (the
join page, its QR code, the ``join`` event) counts against the client's
address: ``JOIN_MISSES_PER_MINUTE`` of them, refilling steadily; past that,
every lookup from the address is refused until it refills, so the oracle
answers a few times a minute (years per class). Students typing their
class's code rarely miss, so a class behind one address never notices.
"""
from ..socket.ratelimit import RateLimiter
from ..socket.values import ProtocolError

MAX_ADDRESSES = 10_000     # addresses remembered; ones that refilled are forgotten first


class CodeGuesses:
    """Unknown class codes tried, per client address."""

    def __init__(self, per_minute: float):
        self._misses = RateLimiter(per_minute / 60, per_minute, max_keys=MAX_ADDRESSES)

    def check(self, address: str) -> None:
        """Raise ``ProtocolError("code")`` while ``address`` has used up its misses."""
        if not self._misses.available(address):
            raise ProtocolError("code", "too many unknown class codes from your address; "
                                        "wait a minute and check the code")

    def missed(self, address: str) -> None:
        """``address`` looked up a code that names no class."""
        self._misses.allow(address)

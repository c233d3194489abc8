"""Engine.IO over a websocket, spoken by hand: what a script (not a browser) can send.

The attack tests and ``bench.attack`` use it to open connections from any
loopback address (127.0.0.N), send what no Socket.IO client would (empty
frames, binary attachments, a ``connect`` event), answer pings without ever
reading frames, or never open a Socket.IO session. Every wait has a timeout.
"""
import base64
import json
import os
import socket
import struct
from urllib.parse import urlsplit

import numpy as np

OPEN, CLOSE, PING, PONG, MESSAGE = "0", "1", "2", "3", "4"
TEXT, BINARY, CLOSE_FRAME, PING_FRAME, PONG_FRAME = 1, 2, 8, 9, 10


def upgrade_request(host: str, query: str = "EIO=4&transport=websocket") -> bytes:
    """The HTTP request that opens a websocket to ``/socket.io/``."""
    key = base64.b64encode(os.urandom(16)).decode()
    return (f"GET /socket.io/?{query} HTTP/1.1\r\nHost: {host}\r\n"
            f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n").encode()


def client_frame(payload: bytes, opcode: int = TEXT) -> bytes:
    """One masked client frame (as RFC 6455 requires of clients)."""
    mask = os.urandom(4)
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
    elif length < 65536:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
    key = np.resize(np.frombuffer(mask, np.uint8), length)
    return header + mask + (np.frombuffer(payload, np.uint8) ^ key).tobytes()


class Closed(Exception):
    """The server closed the connection."""


class RawSocket:
    """One websocket to ``/socket.io/`` from ``source`` (a loopback address)."""

    def __init__(self, url: str, source: str = "127.0.0.1", timeout: float = 10.0,
                 query: str = "EIO=4&transport=websocket"):
        parts = urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout,
                                             source_address=(source, 0))
        self._buffer = b""
        try:
            self.sock.sendall(upgrade_request(parts.netloc, query))
            head = self._read_until(b"\r\n\r\n")
        except (OSError, Closed):
            self.sock.close()
            raise
        self.status = int(head.split(b" ", 2)[1])
        if self.status != 101:
            self.sock.close()
            raise Closed(f"no websocket: HTTP {self.status}")

    def _read_until(self, end: bytes) -> bytes:
        """The handshake's answer up to ``end``; what came after it stays in the buffer."""
        data = b""
        while end not in data:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise Closed("closed during the handshake")
            data += chunk
        head, _, rest = data.partition(end)
        self._buffer = rest
        return head

    def _exact(self, count: int) -> bytes:
        while len(self._buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Closed("the server closed the connection")
            self._buffer += chunk
        data, self._buffer = self._buffer[:count], self._buffer[count:]
        return data

    def send_frame(self, payload: bytes, opcode: int = TEXT) -> None:
        self.sock.sendall(client_frame(payload, opcode))

    def send(self, text: str) -> None:
        self.send_frame(text.encode("utf-8", "surrogatepass"))

    def receive(self) -> tuple[int, bytes]:
        """The next frame from the server: (opcode, payload); Closed when it closed."""
        first, second = self._exact(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack("!H", self._exact(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", self._exact(8))[0]
        payload = self._exact(length)
        if first & 0x0F == CLOSE_FRAME:
            raise Closed("close frame")
        return first & 0x0F, payload

    def packet(self) -> str:
        """The next Engine.IO packet, answering pings on the way."""
        while True:
            opcode, payload = self.receive()
            text = payload.decode("utf-8", "replace")
            if opcode == TEXT and text == PING:
                self.send(PONG)
                continue
            return text

    def open(self) -> dict:
        """Read Engine.IO's open packet: {"sid", "pingInterval", ...}."""
        text = self.packet()
        if not text.startswith(OPEN):
            raise Closed(f"expected the open packet, got {text[:40]!r}")
        return json.loads(text[1:])

    def connect(self, auth: dict | None = None) -> str:
        """Open the Socket.IO session on "/" (after ``open``); its sid."""
        self.send("40" + (json.dumps(auth) if auth else ""))
        while True:
            text = self.packet()
            if text.startswith("40"):
                return json.loads(text[2:])["sid"]
            if text.startswith("44"):
                raise Closed(f"refused: {text[2:]}")

    def wait_closed(self, seconds: float) -> bool:
        """Answer pings and read until the server closes (True) or ``seconds`` pass (False)."""
        self.sock.settimeout(seconds)
        try:
            while True:
                self.packet()
        except (Closed, ConnectionError):
            return True
        except socket.timeout:
            return False

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

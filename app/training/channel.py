"""Pickled messages over a socket pair: the pipe between the web process and a training worker.

``multiprocessing.connection`` reads with ``os.read``, which gevent cannot
interrupt: a web process waiting for a worker's answer would stop every
socket it serves. Here both ends are ``socket`` objects, which gevent's
monkey-patching makes cooperative in the web process (a wait lets the other
greenlets run) and which stay plain blocking sockets in the worker. Each
message is an 8-byte length and a pickle. A wait may have a timeout
(``socket.timeout``, a ``TimeoutError``), so a stalled worker is noticed.
Only the two processes of one server talk on it: pickles are trusted here.
"""
import pickle
import socket
import struct

_LENGTH = struct.Struct("!Q")


class Channel:
    """One end of the pipe: ``send`` an object, ``recv`` the next one."""

    def __init__(self, sock: socket.socket):
        self.sock = sock

    def send(self, message: object, timeout: float | None = None) -> None:
        """Send ``message``; TimeoutError when the other end takes none of it for ``timeout`` s."""
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.sock.settimeout(timeout)
        self.sock.sendall(_LENGTH.pack(len(data)))
        self.sock.sendall(data)

    def recv(self, timeout: float | None = None) -> object:
        """The next message; EOFError when the other end closed, TimeoutError after ``timeout`` s."""
        self.sock.settimeout(timeout)
        (length,) = _LENGTH.unpack(self._exactly(_LENGTH.size))
        return pickle.loads(self._exactly(length))

    def _exactly(self, count: int) -> bytearray:
        buffer = bytearray(count)
        view, got = memoryview(buffer), 0
        while got < count:
            received = self.sock.recv_into(view[got:])
            if not received:
                raise EOFError("the other end closed the pipe")
            got += received
        return buffer

    def close(self) -> None:
        self.sock.close()

"""The attacks of issue 14 as bounded asyncio scripts (loopback only): ``python -m bench.attack``.

Each attacker is a coroutine that runs until ``deadline`` (``time.time()``
seconds), opening raw Engine.IO websockets (``Raw``) from loopback addresses
127.0.0.N the way a student's script would, reconnecting whenever the server
closes it, and returns counts for the table's note. Nothing here reads
from or writes to anything but the server under test.
"""
import asyncio
import json
import socket
import time
from urllib.parse import urlsplit

from tests.raw_engineio import BINARY, CLOSE_FRAME, TEXT, client_frame, upgrade_request

TIMEOUT = 10.0


class Refused(Exception):
    """The server refused or closed the connection."""


class Raw:
    """One websocket to ``/socket.io/`` from ``source``, spoken by hand."""

    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, url: str, source: str, receive_buffer: int | None = None) -> "Raw":
        parts = urlsplit(url)
        sock = socket.socket()
        if receive_buffer:                    # a client that never reads: the kernel holds little
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        sock.setblocking(False)
        try:
            sock.bind((source, 0))
            await asyncio.wait_for(asyncio.get_running_loop().sock_connect(
                sock, (parts.hostname, parts.port)), TIMEOUT)
            reader, writer = await asyncio.open_connection(sock=sock)
        except (OSError, asyncio.TimeoutError) as error:
            sock.close()
            raise Refused(repr(error)) from error
        raw = cls(reader, writer)
        writer.write(upgrade_request(parts.netloc))
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), TIMEOUT)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError) as error:
            raw.close()
            raise Refused(repr(error)) from error
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raw.close()
            raise Refused(head.split(b"\r\n", 1)[0].decode(errors="replace"))
        return raw

    async def send(self, data: str | bytes, opcode: int = TEXT) -> None:
        payload = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
        try:
            self.writer.write(client_frame(payload, opcode))
            await asyncio.wait_for(self.writer.drain(), TIMEOUT)
        except (OSError, asyncio.TimeoutError) as error:
            raise Refused(repr(error)) from error

    async def frame(self) -> tuple[int, bytes]:
        """The next frame from the server: (opcode, payload)."""
        try:
            first, second = await self.reader.readexactly(2)
            length = second & 0x7F
            if length >= 126:
                extra = await self.reader.readexactly(2 if length == 126 else 8)
                length = int.from_bytes(extra, "big")
            payload = await self.reader.readexactly(length)
        except (OSError, asyncio.IncompleteReadError) as error:
            raise Refused(repr(error)) from error
        if first & 0x0F == CLOSE_FRAME:
            raise Refused("close frame")
        return first & 0x0F, payload

    async def packet(self) -> str:
        """The next Engine.IO packet, answering pings on the way."""
        while True:
            _, payload = await self.frame()
            text = payload.decode("utf-8", "replace")
            if text == "2":
                await self.send("3")
                continue
            return text

    async def session(self) -> None:
        """Read the open packet and open the Socket.IO session."""
        await asyncio.wait_for(self.packet(), TIMEOUT)
        await self.send("40")
        while not (await asyncio.wait_for(self.packet(), TIMEOUT)).startswith("40"):
            pass

    async def call(self, event: str, payload=None, ack_id: int = 1):
        """Send an event with an ack id; its ack's payload (reading past other messages)."""
        args = [event] + ([payload] if payload is not None else [])
        await self.send(f"42{ack_id}{json.dumps(args)}")
        prefix = f"43{ack_id}"
        while not (text := await asyncio.wait_for(self.packet(), TIMEOUT)).startswith(prefix):
            pass
        return json.loads(text[len(prefix):])[0]

    def close(self) -> None:
        self.writer.close()


def sources(block: int, count: int) -> list[str]:
    """``count`` loopback addresses 127.<block>.x.y (never 127.0.0.1, the normal client's)."""
    return [f"127.{block}.{1 + k // 250}.{1 + k % 250}" for k in range(count)]


async def _until(deadline: float, once, counts: dict) -> None:
    """Run ``once()`` again and again until ``deadline``, counting how each attempt ended."""
    while time.time() < deadline:
        try:
            await once()
            counts["ended"] = counts.get("ended", 0) + 1
        except Refused:
            counts["closed"] = counts.get("closed", 0) + 1
            await asyncio.sleep(0.2)
        except asyncio.TimeoutError:
            counts["timeouts"] = counts.get("timeouts", 0) + 1


async def _hold(raw: Raw, deadline: float) -> None:
    """Answer pings (never anything else) until ``deadline`` or until closed."""
    try:
        while time.time() < deadline:
            await asyncio.wait_for(raw.packet(), max(0.1, deadline - time.time()))
    except asyncio.TimeoutError:
        pass
    finally:
        raw.close()


async def idle_sockets(url: str, count: int, deadline: float) -> dict:
    """Item 1: ``count`` Engine.IO websockets that never open a Socket.IO session (50 an address)."""
    counts = {"opened": 0}

    async def one(source: str):
        raw = await Raw.open(url, source)
        counts["opened"] += 1
        await _hold(raw, deadline)

    addresses = sources(1, (count + 49) // 50)
    await asyncio.gather(*(_until(deadline, lambda s=addresses[k // 50]: one(s), counts)
                           for k in range(count)))
    return counts


async def slowloris(url: str, count: int, deadline: float) -> dict:
    """Item 1: ``count`` HTTP requests whose headers come one line every 2 s (30 an address)."""
    parts, counts = urlsplit(url), {"opened": 0}

    async def one(source: str):
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(
                parts.hostname, parts.port, local_addr=(source, 0)), TIMEOUT)
        except (OSError, asyncio.TimeoutError) as error:
            raise Refused(repr(error)) from error
        counts["opened"] += 1
        try:
            writer.write(f"GET / HTTP/1.1\r\nHost: {parts.netloc}\r\n".encode())
            while time.time() < deadline and not reader.at_eof():
                await asyncio.sleep(2.0)
                writer.write(b"X-Slow: 1\r\n")
                await asyncio.wait_for(writer.drain(), TIMEOUT)
        except OSError as error:
            raise Refused(repr(error)) from error
        finally:
            writer.close()

    addresses = sources(2, (count + 29) // 30)
    await asyncio.gather(*(_until(deadline, lambda s=addresses[k // 30]: one(s), counts)
                           for k in range(count)))
    return counts


async def non_readers(url: str, count: int, deadline: float) -> dict:
    """Item 2: ``count`` sessions from one address training at full speed that never read,
    only send a pong every 5 s (a 4 KB receive buffer: the kernel holds almost nothing)."""
    counts = {"opened": 0}

    async def one():
        raw = await Raw.open(url, "127.0.3.1", receive_buffer=4096)
        counts["opened"] += 1
        try:
            await raw.session()
            await raw.send('42["configure",{"speed":10000}]')
            await raw.send('42["play"]')
            while time.time() < deadline:
                await asyncio.sleep(min(5.0, max(0.0, deadline - time.time())))
                await raw.send("3")
        finally:
            raw.close()

    await asyncio.gather(*(_until(deadline, one, counts) for _ in range(count)))
    return counts


async def _spam(url: str, source: str, deadline: float, counts: dict, packets) -> None:
    """One connection after another from ``source``, each sending ``packets()`` until closed."""
    async def one():
        raw = await Raw.open(url, source)
        counts["opened"] = counts.get("opened", 0) + 1
        try:
            await raw.session()
            while time.time() < deadline:
                batch = packets()
                for data, opcode in batch:
                    await raw.send(data, opcode)
                    counts["sent"] = counts.get("sent", 0) + 1
                await asyncio.sleep(0 if batch else 0.1)
        finally:
            raw.close()

    await _until(deadline, one, counts)


async def connect_events(url: str, deadline: float) -> dict:
    """Item 3: ``42["connect",{}]`` and ``42["disconnect"]`` as ordinary events, from one address."""
    counts: dict = {}
    await _spam(url, "127.0.4.1", deadline, counts,
                lambda: [('42["connect",{}]', TEXT), ('42["disconnect"]', TEXT)])
    page = await Raw.open(url, "127.0.4.1")     # the address was not locked out
    try:
        await page.session()
        counts["a page from that address afterwards"] = "connects"
    finally:
        page.close()
    return counts


async def binary_attachments(url: str, frames: int, deadline: float) -> dict:
    """Item 4: a header announcing 9,999,999,999 attachments, then 900 KB binary frames
    (at most ``frames`` of them)."""
    counts: dict = {}
    header = '459999999999-["configure",{"_placeholder":true,"num":0}]'
    blob = bytes(900_000)

    def packets():
        if counts.get("binary", 0) >= frames:
            return []
        counts["binary"] = counts.get("binary", 0) + 10
        return [(header, TEXT)] + [(blob, BINARY)] * 10

    await _spam(url, "127.0.5.1", deadline, counts, packets)
    return counts


async def malformed(url: str, deadline: float) -> dict:
    """Item 6: ``42[`` (undecodable) as fast as the socket takes it, from one address."""
    counts: dict = {}
    await _spam(url, "127.0.6.1", deadline, counts, lambda: [("42[", TEXT)] * 50)
    return counts


async def classroom_griefing(url: str, rooms: int, bots: int, deadline: float) -> dict:
    """Item 7: one address shares ``rooms`` rooms and leaves; a teacher from elsewhere shares;
    ``bots`` students resubmit their runs as fast as allowed while the teacher reads."""
    counts = {"rooms": 0, "teacher_bytes": 0, "submitted": 0, "refused": 0}
    for _ in range(rooms):
        raw = await Raw.open(url, "127.0.7.1")
        try:
            await raw.session()
            counts["rooms"] += (await raw.call("share"))["ok"]
        finally:
            raw.close()
    teacher = await Raw.open(url, "127.0.7.200")
    await teacher.session()
    shared = await teacher.call("share")
    counts["teacher_shared"] = shared["ok"]
    if not shared["ok"]:
        teacher.close()
        return counts

    async def read_board():
        while time.time() < deadline:
            text = await asyncio.wait_for(teacher.packet(), TIMEOUT)
            if text.startswith('42["board'):
                counts["teacher_bytes"] += len(text)

    async def bot(source: str):
        raw = await Raw.open(url, source)
        try:
            await raw.session()
            await raw.call("join", {"code": shared["code"]})
            await raw.call("fork")
            await raw.call("step")
            while time.time() < deadline:
                ack = await raw.call("submit_run", {"label": "bot"})
                counts["submitted" if ack["ok"] else "refused"] += 1
                await asyncio.sleep(0.05)
        finally:
            raw.close()

    await asyncio.gather(read_board(), *(bot(s) for s in sources(8, bots)),
                         return_exceptions=True)
    teacher.close()
    return counts


async def long_run(url: str, deadline: float) -> dict:
    """Item 5: a tiny network at full speed until ``deadline``, then a late join and an export."""
    raw = await Raw.open(url, "127.0.9.1")
    await raw.session()
    await raw.call("configure", {"hidden_layers": [2], "num_points": 20, "batch_size": 30,
                                 "speed": 10000})
    await raw.call("play")
    while time.time() < deadline:             # a tab that reads its frames
        await asyncio.wait_for(raw.packet(), TIMEOUT)
    await raw.call("pause")
    code = (await raw.call("share"))["code"]
    started = time.monotonic()
    late = await Raw.open(url, "127.0.9.2")
    await late.session()
    await late.send(f'421{json.dumps(["join", {"code": code}])}')
    seen = set()
    while len(seen) < 2:                      # the join's ack and the run's first frame
        text = await asyncio.wait_for(late.packet(), TIMEOUT)
        seen |= {"ack"} if text.startswith("431") else set()
        seen |= {"frame"} if text.startswith('42["frame"') else set()
    joined = time.monotonic() - started
    started = time.monotonic()
    model = (await raw.call("export_model"))["model"]
    exported = time.monotonic() - started
    late.close()
    raw.close()
    return {"epochs": model["epoch"], "late_join_s": joined, "export_s": exported,
            "export_kb": len(json.dumps(model)) / 1024}

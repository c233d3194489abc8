"""What the loopback load scripts share: training clients, the server's CPU and memory, the table."""
import asyncio
import os
import time
from pathlib import Path

import socketio


def _family(pid: int) -> list[int]:
    """``pid`` and its descendants: gunicorn's master, its worker, the training processes."""
    family, index = [pid], 0
    while index < len(family):
        member = family[index]
        for task in Path(f"/proc/{member}").glob("task/*/children"):
            try:
                family.extend(int(child) for child in task.read_text().split())
            except FileNotFoundError:
                pass
        index += 1
    return family


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by the server (master and worker)."""
    total = 0.0
    for member in _family(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:     # a process that ended meanwhile
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _status_total(pid: int, key: str) -> int:
    """The sum of ``key`` (a /proc/PID/status line) over the server's processes."""
    total = 0
    for member in _family(pid):
        status = Path(f"/proc/{member}/status")
        for line in status.read_text().splitlines() if status.exists() else ():
            if line.startswith(key):
                total += int(line.split()[1])
    return total


def rss_mb(pid: int) -> float:
    """Resident memory of the server (master and worker), in MB."""
    return _status_total(pid, "VmRSS:") / 1024


def threads(pid: int) -> int:
    """Threads of the server, all its processes."""
    return _status_total(pid, "Threads:")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def print_table(rows: list[tuple[str, str, str, bool]]) -> None:
    """Rows of (measure, value, target, met); a row without a target is not judged."""
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    target_width = max(len("target"), *(len(r[2]) for r in rows))
    print(f"{'measure'.ljust(width)} | {'value'.ljust(value_width)} | "
          f"{'target'.ljust(target_width)} | met")
    print(f"{'-' * width}-+-{'-' * value_width}-+-{'-' * target_width}-+----")
    for name, value, target, met in rows:
        print(f"{name.ljust(width)} | {value.ljust(value_width)} | {target.ljust(target_width)} | "
              f"{('yes' if met else 'NO') if target else ''}")


def core_ticks() -> list[tuple[int, int]]:
    """(busy, total) clock ticks of each CPU core so far, from /proc/stat."""
    ticks = []
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith("cpu") and line[3].isdigit():
            values = [int(v) for v in line.split()[1:]]
            idle = values[3] + values[4]             # idle + iowait
            ticks.append((sum(values[:8]) - idle, sum(values[:8])))
    return ticks


def core_use(before: list[tuple[int, int]], after: list[tuple[int, int]]) -> list[float]:
    """Each core's busy share between two ``core_ticks`` readings."""
    return [(b1 - b0) / max(t1 - t0, 1) for (b0, t0), (b1, t1) in zip(before, after)]


def training_clients(url: str, count: int, seconds: float, start_at: float, out,
                     settings: dict | list[dict] | None = None) -> None:
    """``count`` clients, each training its own run: frames, epochs and timed acks.

    ``settings`` is one ``configure`` for all, or one per client. From
    ``start_at`` for ``seconds``, each sends a live ``configure`` twice a
    second and times its ack; it counts frames (and those with news: a later
    epoch than the last) and notes (time, epoch) of the first and last frame
    in the window. Puts one record per client on ``out``.
    """
    per_client = settings if isinstance(settings, list) else [settings or {}] * count

    async def one(index: int) -> dict:
        client = socketio.AsyncClient(reconnection=False)
        record = {"frames": 0, "news": 0, "acks": [], "first": None, "last": None}

        @client.on("frame")
        async def frame(message):
            now = time.time()
            if start_at <= now <= start_at + seconds:
                record["frames"] += 1
                record["news"] += record["last"] is None or message["epoch"] > record["last"][1]
                record["first"] = record["first"] or (now, message["epoch"])
                record["last"] = (now, message["epoch"])

        await client.connect(url, transports=["websocket"], wait_timeout=30)
        await client.call("configure", {"seed": index, **per_client[index]}, timeout=30)
        await client.call("play", timeout=30)
        await asyncio.sleep(max(0.0, start_at - time.time()))
        rates = (0.03, 0.01)
        while time.time() < start_at + seconds:
            sent = time.time()
            await client.call("configure", {"learning_rate": rates[len(record["acks"]) % 2]},
                              timeout=30)
            record["acks"].append(time.time() - sent)
            await asyncio.sleep(0.5)
        await client.disconnect()
        return record

    async def main():
        return await asyncio.gather(*(one(i) for i in range(count)), return_exceptions=True)

    out.put([r if isinstance(r, dict) else {"error": repr(r)} for r in asyncio.run(main())])


def epochs_per_second(record: dict) -> float:
    """A client's training speed over the window, from its first and last frame."""
    if not record["first"] or record["last"][0] <= record["first"][0]:
        return 0.0
    return (record["last"][1] - record["first"][1]) / (record["last"][0] - record["first"][0])


def watch_server(pid: int, start_at: float, seconds: float) -> dict:
    """From ``start_at`` (the clients' common start), the server's use over ``seconds``.

    Returns cpu (cores busy, all its processes), cores (each core's busy share,
    whole machine) and memory (RSS of all its processes, MB, at the end).
    """
    while time.time() < start_at:
        time.sleep(0.05)   # the clients start together at start_at
    cpu_before, ticks_before, wall_before = cpu_seconds(pid), core_ticks(), time.monotonic()
    time.sleep(seconds)
    return {"cpu": (cpu_seconds(pid) - cpu_before) / (time.monotonic() - wall_before),
            "cores": core_use(ticks_before, core_ticks()), "memory": rss_mb(pid)}


def server_rows(result: dict) -> list[tuple[str, str, str, bool]]:
    """The unjudged rows every load script ends with: the server's CPU and memory."""
    return [("server CPU, all its processes (cores busy)", f"{result['cpu']:.2f}", "", True),
            ("server memory, all its processes (RSS)", f"{result['memory']:.0f} MB", "", True)]


def report(rows: list[tuple[str, str, str, bool]], records: list[dict], clients: str) -> None:
    """Print the table, then how many ``clients`` failed (with one example)."""
    print_table(rows)
    errors = [r["error"] for r in records if "error" in r]
    if errors:
        print(f"\n{len(errors)} {clients} failed, e.g. {errors[0]}")

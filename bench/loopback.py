"""What the loopback load scripts share: the server's CPU and memory, percentiles, the table."""
import os
from pathlib import Path


def _family(pid: int) -> list[int]:
    """``pid`` and its children: gunicorn's master and its worker."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid, *map(int, children)]


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by the server (master and worker)."""
    total = 0.0
    for member in _family(pid):
        fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def rss_mb(pid: int) -> float:
    """Resident memory of the server (master and worker), in MB."""
    total = 0.0
    for member in _family(pid):
        for line in Path(f"/proc/{member}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
    return total


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

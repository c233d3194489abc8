"""CSV of points: ``x1,x2,label[,set]`` per line, parsed with errors that name the line.

The format is in docs/PROTOCOL.md. For classification the class count is
read from the labels: only ±1 means two classes, whole numbers 0 … k − 1 mean
k classes (3 ≤ k ≤ 5). Non-goal: writing CSV (the browser does that).
"""
import csv
import io

import numpy as np

from ..nn.datasets import MAX_CLASSES, class_count
from ..socket.inbound import SETS
from ..socket.values import ProtocolError, number

HEADER = ("x1", "x2", "label")


def _error(line: int, message: str) -> ProtocolError:
    return ProtocolError("csv", f"line {line}: {message}")


def _number(line: int, name: str, text: str, low: float, high: float) -> float:
    try:
        return number(name, float(text), low, high)
    except ValueError as error:   # float() or number() (a ProtocolError) refused it
        message = getattr(error, "message", f"{name} is not a number: {text.strip()[:20]!r}")
        raise _error(line, message) from None


def parse(text: str, domain: float, problem: str, max_points: int):
    """Return (rows, classes): rows of (x1, x2, label, set or None); classes 1 for regression."""
    rows, label_lines = [], []
    reader = csv.reader(io.StringIO(text, newline=None))  # \r, \r\n and \n all end a line
    try:
        numbered = list(enumerate(reader, start=1))
    except csv.Error as error:
        raise ProtocolError("csv", f"line {reader.line_num}: {error}") from None
    for line, fields in numbered:
        fields = [f.strip() for f in fields]
        if not any(fields):
            continue
        if line == 1 and tuple(f.lower() for f in fields[:3]) == HEADER:
            continue
        if len(fields) not in (3, 4):
            raise _error(line, f"expected x1,x2,label[,set] but found {len(fields)} fields")
        x1, x2 = (_number(line, n, f, -domain, domain) for n, f in zip(HEADER[:2], fields))
        value = _number(line, "label", fields[2], -np.inf, np.inf)
        which = fields[3].lower() if len(fields) == 4 else None
        if which is not None and which not in SETS:
            raise _error(line, f"set must be train or test, not {fields[3][:20]!r}")
        rows.append((x1, x2, value, which))
        label_lines.append(line)
        if len(rows) > max_points:
            raise _error(line, f"more than {max_points} points")
    if not rows:
        raise ProtocolError("csv", "the file has no points")
    return rows, _classes(rows, label_lines, problem)


def _classes(rows, lines, problem: str) -> int:
    labels = [row[2] for row in rows]
    if problem == "regression":
        for line, value in zip(lines, labels):
            if not -1.0 <= value <= 1.0:
                raise _error(line, "a regression label must be between -1 and 1")
        return 1
    classes = class_count("classification", None, 3, np.array(labels))  # 2: every label ±1
    if classes == 2:
        return 2
    for line, value in zip(lines, labels):
        if value != int(value) or not 0 <= value < MAX_CLASSES:
            raise _error(line, "a class label must be 1 or -1 (two classes) "
                               f"or a whole number from 0 to {MAX_CLASSES - 1}")
    if max(labels) < 2:
        raise ProtocolError("csv", "two classes are written 1 and -1; "
                                   "0, 1, 2 … are for three to five classes")
    return classes

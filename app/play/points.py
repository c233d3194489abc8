"""Build new point sets from edits: added points, an eraser, an uploaded CSV, a model file.

Pure functions from a ``Split`` (or rows) to a new ``Split``; the session
decides what to do with it. Every refusal is a ``ProtocolError`` naming the
field, because these are answers to a user's action.
"""
import numpy as np

from ..nn.datasets import Split, split_points
from ..socket.values import ProtocolError


def size(split: Split) -> int:
    return len(split.x_train) + len(split.x_test)


def points_of(x: np.ndarray, y: np.ndarray) -> list[list[float]]:
    """Rows ``[x1, x2, label]`` of one set, as the protocol sends them."""
    return np.column_stack([x, y]).tolist()


def _stack(x: np.ndarray, rows: list) -> np.ndarray:
    return np.concatenate([x, np.asarray(rows, dtype=np.float64).reshape(-1, 2)])


def add(split: Split, points: list[tuple[float, float, float]], which: str,
        max_points: int) -> Split:
    """``split`` with ``points`` appended to the training or test set."""
    if size(split) + len(points) > max_points:
        raise ProtocolError("points", f"at most {max_points} points in all; "
                                      f"there are {size(split)} already")
    xy = [p[:2] for p in points]
    labels = np.array([p[2] for p in points])
    if which == "train":
        return Split(_stack(split.x_train, xy), np.concatenate([split.y_train, labels]),
                     split.x_test, split.y_test)
    return Split(split.x_train, split.y_train,
                 _stack(split.x_test, xy), np.concatenate([split.y_test, labels]))


def erase(split: Split, x1: float, x2: float, radius: float) -> tuple[Split, int]:
    """``split`` without the points within ``radius`` of (x1, x2); and how many went.

    Every point may go ("Clear all" is one large eraser): a run with no training
    point waits, paused, for new ones.
    """
    centre = np.array([x1, x2])
    keep_train = np.hypot(*(split.x_train - centre).T) > radius
    keep_test = np.hypot(*(split.x_test - centre).T) > radius
    removed = int((~keep_train).sum() + (~keep_test).sum())
    return Split(split.x_train[keep_train], split.y_train[keep_train],
                 split.x_test[keep_test], split.y_test[keep_test]), removed


def empty() -> Split:
    """No points at all: where "Your own points" starts."""
    none = np.empty((0, 2))
    return Split(none, np.empty(0), none.copy(), np.empty(0))


def from_rows(rows: list[tuple], train_percent: float, seed: int) -> Split:
    """Points from CSV rows ``(x1, x2, label, set or None)``; unassigned ones split by ratio."""
    chosen = {"train": [], "test": []}
    free = []
    for x1, x2, label, which in rows:
        (chosen[which] if which else free).append((x1, x2, label))
    if free:
        array = np.asarray(free)
        rest = split_points(array[:, :2], array[:, 2], train_percent,
                            np.random.default_rng([seed, 2]))
        chosen["train"] += np.column_stack([rest.x_train, rest.y_train]).tolist()
        chosen["test"] += np.column_stack([rest.x_test, rest.y_test]).tolist()
    if not chosen["train"]:
        raise ProtocolError("csv", "no point is in the training set")
    train = np.asarray(chosen["train"]).reshape(-1, 3)
    test = np.asarray(chosen["test"]).reshape(-1, 3)
    return Split(train[:, :2].copy(), train[:, 2].copy(), test[:, :2].copy(), test[:, 2].copy())


def from_sets(train: list, test: list) -> Split:
    """Points from the protocol's ``{"train": [...], "test": [...]}`` (validated rows)."""
    if not train:
        raise ProtocolError("model.data.train", "the model has no training points")
    a = np.asarray(train, dtype=np.float64).reshape(-1, 3)
    b = np.asarray(test, dtype=np.float64).reshape(-1, 3)
    return Split(a[:, :2].copy(), a[:, 2].copy(), b[:, :2].copy(), b[:, 2].copy())


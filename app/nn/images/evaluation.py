"""How a trained image network does on the test set, class by class.

A confusion matrix (row = true class, column = predicted class), each
class's accuracy (its diagonal entry over its row), and the test images it
gets most confidently wrong: what the page shows beside the accuracy.
Inputs are the network's class probabilities ``(n, k)`` and the labels.
Non-goal: other metrics (precision, recall, F1).
"""
import numpy as np

Array = np.ndarray


def confusion_matrix(outputs: Array, labels: Array, classes: int) -> Array:
    """``(k, k)`` counts: entry [t, p] is how many images of class t were predicted as p."""
    predicted = np.argmax(outputs, axis=1) if len(outputs) else np.zeros(0, dtype=np.int64)
    matrix = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(labels, dtype=np.int64), predicted), 1)
    return matrix


def class_accuracy(matrix: Array) -> list[float | None]:
    """Fraction of each class's images predicted right; None for a class with no images."""
    totals = matrix.sum(axis=1)
    return [float(matrix[c, c] / totals[c]) if totals[c] else None for c in range(len(matrix))]


def most_confused(outputs: Array, labels: Array, count: int) -> list[dict]:
    """The ``count`` wrongly predicted images the network was surest about, surest first.

    Each is ``{"index", "label", "predicted", "probability"}``: the image's
    index in the set, its class, the predicted class and that class's
    probability (its own class's probability is ``outputs[index][label]``).
    """
    labels = np.asarray(labels, dtype=np.int64)
    if not len(labels):
        return []
    predicted = np.argmax(outputs, axis=1)
    wrong = np.flatnonzero(predicted != labels)
    confidence = outputs[wrong, predicted[wrong]]
    order = wrong[np.argsort(-confidence, kind="stable")][:count]
    return [{"index": int(i), "label": int(labels[i]), "predicted": int(predicted[i]),
             "probability": float(outputs[i, predicted[i]])} for i in order]


def report(outputs: Array, labels: Array, classes: int, count: int) -> dict:
    """Confusion matrix, per-class accuracy and the ``count`` most confused images, JSON-ready."""
    matrix = confusion_matrix(outputs, labels, classes)
    return {"confusion": matrix.tolist(), "class_accuracy": class_accuracy(matrix),
            "most_confused": most_confused(outputs, labels, count)}

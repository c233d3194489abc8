"""One training point through the network, every intermediate number written out.

``explain`` is what the page's backpropagation view shows: the forward pass
layer by layer (z = W·a + b, a = f(z)), the loss of that one point, then the
backward pass (∂L/∂a, ∂L/∂z, ∂L/∂W, ∂L/∂b) and the plain gradient-descent
step w ← w − η·∂L/∂w. It uses the readable forward pass and the run's own
head, and a test holds it equal to the training kernel's gradients for a
batch of that one point. Non-goals: optimizer state (momentum, Adam) and the
regularization term: the step shown is the data loss's SGD step.
"""
import numpy as np

from .features import feature_matrix

Array = np.ndarray


def _rows(array: Array) -> list:
    return np.asarray(array, dtype=np.float64)[0].tolist()


def explain(run, point: Array, label: float) -> dict:
    """Forward and backward pass of ``run``'s network for one point ``(x1, x2)``."""
    network, head = run.network, run.head
    inputs = feature_matrix(np.asarray(point, dtype=np.float64).reshape(1, 2),
                            run.config.features)
    targets = head.targets(np.array([label], dtype=np.float64))
    with np.errstate(all="ignore"):
        zs, activations = network.forward(inputs)
        output = activations[-1]
        delta = head.delta(zs[-1], output, targets)          # ∂L/∂z of the output layer
        backward = []
        dl_da = head.loss.gradient(output, targets)
        for layer in range(len(network.weights) - 1, -1, -1):
            if layer < len(network.weights) - 1:
                dl_da = delta @ network.weights[layer + 1].T
                delta = dl_da * network.activation.derivative(zs[layer], activations[layer + 1])
            dl_dw = activations[layer].T @ delta
            backward.append({"dL_da": _rows(dl_da), "dL_dz": _rows(delta),
                             "dL_dw": dl_dw.tolist(), "dL_db": _rows(delta)})
        backward.reverse()
        rate = run.config.learning_rate
        return {
            "point": [float(point[0]), float(point[1]), float(label)],
            "inputs": _rows(inputs),
            "layers": [{"z": _rows(z), "a": _rows(a)} for z, a in zip(zs, activations[1:])],
            "output": _rows(output),
            "target": _rows(targets),
            "loss": float(head.loss_value(output, targets)),
            "backward": backward,
            "learning_rate": rate,
            "weights": [w.tolist() for w in network.weights],
            "biases": [bias.tolist() for bias in network.biases],
            "updated_weights": [(w - rate * np.asarray(b["dL_dw"])).tolist()
                                for w, b in zip(network.weights, backward)],
            "updated_biases": [(bias - rate * np.asarray(b["dL_db"])).tolist()
                               for bias, b in zip(network.biases, backward)],
        }

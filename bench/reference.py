"""A deliberately plain textbook mini-batch SGD, the yardstick for bench.engine.

Per-layer lists of weights ``W[l]: (n_in, n_out)`` and biases ``b[l]: (n_out,)``,
``z = a @ W + b``, ``np.tanh``, a fresh array for every intermediate result:
the way one would first write it (Nielsen's network.py, vectorised over the
batch). It mirrors ``app.nn.train.Run``'s schedule exactly: batches in order,
no shuffling, MSE, tanh output, and after every epoch one loss reading over
the training and the test set. Non-goal: speed; that is the engine's job.
"""
import numpy as np


def forward(weights, biases, x):
    """Return the activations of every layer for ``x (n, d_in)``; [0] is ``x``."""
    activations = [x]
    for w, b in zip(weights, biases):
        activations.append(np.tanh(activations[-1] @ w + b))
    return activations


def mse(weights, biases, x, y):
    """Mean over the batch of the squared error, ``y: (n, 1)``."""
    return float(np.mean((forward(weights, biases, x)[-1] - y) ** 2))


def sgd_step(weights, biases, x, y, learning_rate):
    """One gradient-descent step on the batch ``x, y``, in place."""
    activations = forward(weights, biases, x)
    output = activations[-1]
    delta = 2.0 / len(x) * (output - y) * (1.0 - output ** 2)  # dL/dz of the last layer
    for layer in range(len(weights) - 1, -1, -1):
        grad_w = activations[layer].T @ delta
        grad_b = delta.sum(axis=0)
        if layer > 0:
            a = activations[layer]
            delta = (delta @ weights[layer].T) * (1.0 - a ** 2)
        weights[layer] -= learning_rate * grad_w
        biases[layer] -= learning_rate * grad_b


def train(weights, biases, data, learning_rate, batch_size, epochs):
    """Train ``epochs`` epochs in place; return [(train_loss, test_loss)] per epoch."""
    x, y = data.x_train, data.y_train
    history = []
    for _ in range(epochs):
        for start in range(0, len(x), batch_size):
            sgd_step(weights, biases, x[start:start + batch_size],
                     y[start:start + batch_size], learning_rate)
        history.append((mse(weights, biases, data.x_train, data.y_train),
                        mse(weights, biases, data.x_test, data.y_test)))
    return history

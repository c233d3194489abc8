"""A training run: data, network and the loss history, advanced epoch by epoch.

``Run`` is what the web layer drives: it never loops on its own, so the caller
bounds every loop (``train(epochs)``). Everything random comes from
``np.random.Generator``s derived from the seed, so the same settings give the
same data, initial weights and loss curve.
"""
from dataclasses import dataclass, field, fields

import numpy as np

from . import activations, losses
from .datasets import Split, make_split
from .network import Network, columns_with_ones

Array = np.ndarray
INPUTS = 2  # x1, x2
OUTPUTS = 1
SATURATION_MARGIN = 1e-6  # an output this close to a bound of its range counts as saturated


@dataclass(frozen=True)
class RunConfig:
    """Everything that determines a run. Field names match the socket protocol."""

    dataset: str = "circle"
    num_points: int = 500
    noise: float = 0.0           # percent, 0-50
    train_ratio: float = 50.0    # percent of points used for training
    seed: int = 1
    hidden_layers: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    learning_rate: float = 0.03
    batch_size: int = 10
    loss: str = "mse"

    def changed_fields(self, other: "RunConfig") -> set[str]:
        """Names of the fields whose values differ between ``self`` and ``other``."""
        return {f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)}


# Changing one of these needs new data or a new network: the run starts over.
RESTART_FIELDS = frozenset({"dataset", "num_points", "noise", "train_ratio", "seed",
                            "hidden_layers"})


@dataclass
class History:
    """Per-epoch losses; index i holds epoch i (index 0: before any training)."""

    train: list[float] = field(default_factory=list)
    test: list[float] = field(default_factory=list)


class Run:
    """One network learning one data set with mini-batch gradient descent."""

    def __init__(self, config: RunConfig, resets: int = 0):
        self.config = config
        self.resets = resets
        self.data: Split = make_split(config.dataset, config.num_points, config.noise,
                                      config.train_ratio, np.random.default_rng([config.seed, 0]))
        sizes = (INPUTS, *config.hidden_layers, OUTPUTS)
        self.network = Network(sizes, config.activation, "tanh")
        self.network.initialize(np.random.default_rng([config.seed, 1, resets]))
        self.loss = losses.get(config.loss)
        # Loss readings run in float32 (see Network.predict_columns).
        self._x_all = columns_with_ones(
            np.concatenate([self.data.x_train, self.data.x_test])).astype(np.float32)
        self._batches = self._make_batches(config.batch_size)
        self.epoch = 0
        self.history = History()
        self.failure: str | None = None   # None, "nonfinite" or "saturated"
        self._record_losses()

    def update(self, config: RunConfig) -> None:
        """Apply settings that keep the weights: learning rate, activation, batch size."""
        restart = config.changed_fields(self.config) & RESTART_FIELDS
        if restart:
            raise ValueError(f"changing {sorted(restart)} needs a new run")
        self.network.activation = activations.get(config.activation)
        self.loss = losses.get(config.loss)
        if config.batch_size != self.config.batch_size:
            self._batches = self._make_batches(config.batch_size)
        self.config = config

    def _make_batches(self, batch_size: int) -> list[tuple[Array, Array]]:
        x, y = self.data.x_train, self.data.y_train
        return [(columns_with_ones(x[i:i + batch_size]), y[i:i + batch_size].T.copy())
                for i in range(0, len(x), batch_size)]

    @property
    def diverged(self) -> bool:
        """True once training has failed beyond repair (see ``failure``)."""
        return self.failure is not None

    def train(self, epochs: int) -> int:
        """Run up to ``epochs`` epochs, stopping after one that diverged; return how many ran."""
        network, loss, params = self.network, self.loss, self.network.params
        gradients, subtract = network.gradients, np.subtract
        done = 0
        with np.errstate(all="ignore"):  # divergence is detected, not raised
            while done < epochs:
                rate = self.config.learning_rate
                for x_columns, y_columns in self._batches:
                    # grads come back already multiplied by the learning rate
                    subtract(params, gradients(x_columns, y_columns, loss, rate), out=params)
                self.epoch += 1
                done += 1
                self._record_losses()
                if self.diverged:
                    break
        return done

    def _record_losses(self) -> None:
        with np.errstate(all="ignore"):
            out = self.network.predict_columns(self._x_all, np.float32).T
            n = len(self.data.x_train)
            self.history.train.append(self.loss.value(out[:n], self.data.y_train))
            self.history.test.append(self.loss.value(out[n:], self.data.y_test))
            self.failure = self._diagnose(out[:n])

    def _diagnose(self, train_outputs: Array) -> str | None:
        """Name the way this run has failed, if it has.

        "nonfinite": a loss or a parameter is NaN or infinite (parameters are
        checked too: a saturated output can hide an infinite weight).
        "saturated": the loss rose above its value before training and every
        training output sits at a bound of the output activation, where its
        derivative is zero: gradients vanish and the run cannot recover. A
        bounded output (tanh) never overflows, so this is how a too-high
        learning rate shows there.
        """
        train, test = self.history.train, self.history.test
        if not (np.isfinite(train[-1]) and np.isfinite(test[-1])
                and np.isfinite(self.network.params).all()):
            return "nonfinite"
        low, high = self.network.output_activation.output_range
        if train[-1] > train[0] and np.isfinite(low) and np.isfinite(high):
            margin = SATURATION_MARGIN * (high - low)
            if np.all((train_outputs <= low + margin) | (train_outputs >= high - margin)):
                return "saturated"
        return None

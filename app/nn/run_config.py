"""What determines a run (``RunConfig``) and which fields restart it.

Field names match the socket protocol's settings, so the web layer can pass
validated settings straight through.
"""
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class RunConfig:
    """Everything that determines a run. Field names match the socket protocol."""

    problem: str = "classification"
    dataset: str = "circle"
    num_classes: int = 3          # classes of the data sets that take it ("blobs", "spirals")
    num_points: int = 500
    noise: float = 0.0            # percent, 0-50
    train_ratio: float = 50.0     # percent of points used for training
    seed: int = 1
    features: tuple[str, ...] = ("x1", "x2")
    hidden_layers: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    learning_rate: float = 0.03
    batch_size: int = 10
    loss: str = "mse"
    optimizer: str = "sgd"
    regularization: str = "none"
    regularization_rate: float = 0.0

    def __post_init__(self):
        # Lists from JSON compare unequal to tuples: store tuples always.
        object.__setattr__(self, "features", tuple(self.features))
        object.__setattr__(self, "hidden_layers", tuple(int(n) for n in self.hidden_layers))

    def changed_fields(self, other: "RunConfig") -> set[str]:
        """Names of the fields whose values differ between ``self`` and ``other``."""
        return {f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)}


# Changing one of these needs new data or a new network: the run starts over.
RESTART_FIELDS = frozenset({"problem", "dataset", "num_classes", "num_points", "noise",
                            "train_ratio", "seed", "features", "hidden_layers", "loss"})


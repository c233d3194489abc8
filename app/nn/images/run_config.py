"""What determines an image run (``ImageRunConfig``) and which of its fields restart it.

Field names match the socket protocol's settings for ``problem: "images"``
(docs/PROTOCOL.md), so the web layer can pass validated settings through;
``conv_layers`` is a list of ``{"filters", "kernel"}``. The defaults are the
default digit network: one convolution of 8 filters 3×3, ReLU, 2×2
max-pooling, a softmax layer on the 128 pooled pixels, Adam. It reaches
0.95 test accuracy on the digits in a few epochs (tests/nn/images/
test_convergence.py gives the numbers) and its weights fit a frame.
"""
from dataclasses import dataclass

from ..run_config import RunConfig
from .network import ConvSpec

# Changing one of these needs new data or a new network: the run starts over.
RESTART_FIELDS = frozenset({"problem", "dataset", "num_classes", "num_points", "noise",
                            "train_ratio", "seed", "image_size", "conv_layers", "pool",
                            "hidden_layers", "loss"})


@dataclass(frozen=True)
class ImageRunConfig:
    """Everything that determines an image run. Field names match the socket protocol."""

    problem: str = "images"
    dataset: str = "digits"         # "digits", "shapes" or "drawn"
    num_classes: int = 4            # shapes: the first 2-6 shapes; drawn: at least this many
    num_points: int = 600           # shapes: how many images
    noise: float = 0.0              # shapes: percent, 0-50
    image_size: int = 8             # shapes and drawn: 8-16 pixels a side (digits are 8)
    train_ratio: float = 70.0       # percent of images used for training
    seed: int = 1
    conv_layers: tuple[dict, ...] = ({"filters": 8, "kernel": 3},)
    pool: bool = True
    hidden_layers: tuple[int, ...] = ()
    activation: str = "relu"
    learning_rate: float = 0.01
    batch_size: int = 32
    loss: str = "cross_entropy"
    optimizer: str = "adam"
    regularization: str = "none"
    regularization_rate: float = 0.0

    def __post_init__(self):
        # Lists from JSON compare unequal to tuples: store tuples, and each
        # conv layer as exactly {"filters": int, "kernel": int}.
        layers = tuple({"filters": int(layer["filters"]), "kernel": int(layer["kernel"])}
                       for layer in self.conv_layers)
        object.__setattr__(self, "conv_layers", layers)
        object.__setattr__(self, "hidden_layers", tuple(int(n) for n in self.hidden_layers))

    @property
    def conv_specs(self) -> tuple[ConvSpec, ...]:
        """``conv_layers`` as the network takes them."""
        return tuple(ConvSpec(layer["filters"], layer["kernel"]) for layer in self.conv_layers)

    changed_fields = RunConfig.changed_fields   # the names of the fields that differ

"""Which image run to write out: settings, weight draw, images and epochs, checked by the engine.

Like ``app.export.plan`` for the plane, the plan is resolved by building the
engine's own ``ImageRun`` (no training), so the class count, the layer sizes
and every refusal are exactly the playground's. Errors are ValueErrors whose
message starts with the field they are about.
"""
from dataclasses import dataclass, fields

from ...nn.images.datasets import ImageSplit
from ...nn.images.run import ImageRun
from ...nn.images.run_config import ImageRunConfig
from ..plan import DEFAULT_EPOCHS, whole

_CONFIG_FIELDS = {f.name for f in fields(ImageRunConfig)}


@dataclass(frozen=True)
class ImagePlan:
    """An image run to export: config, weight draw, classes, layer sizes, drawings, epochs."""

    config: ImageRunConfig
    resets: int
    classes: int
    map_sizes: tuple[int, ...]     # side of the maps: the image, then after each conv layer
    sizes: tuple[int, ...]         # dense part: flattened maps, hidden layers, classes
    data: ImageSplit | None        # drawings, written into the code; None: made from the seed
    epochs: int

    @property
    def generated(self) -> bool:
        """True when the images come from the digits file or the shapes generator."""
        return self.data is None


def is_image_run(settings) -> bool:
    """True for an ``ImageRunConfig`` or protocol settings with problem "images"."""
    return isinstance(settings, ImageRunConfig) or (
        isinstance(settings, dict) and settings.get("problem") == "images")


def _config(settings: dict) -> ImageRunConfig:
    """The config of protocol ``settings``; a layer list that is not one names its field."""
    given = {k: v for k, v in settings.items() if k in _CONFIG_FIELDS}
    try:
        ImageRunConfig(hidden_layers=given.get("hidden_layers", ()))
    except (TypeError, ValueError) as error:
        raise ValueError(f"hidden_layers: expected a list of whole numbers ({error})") from None
    try:
        return ImageRunConfig(**given)
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"conv_layers: expected {{\"filters\", \"kernel\"}} objects "
                         f"({error})") from None


def _check(config: ImageRunConfig) -> None:
    """Refuse, naming the field, what the engine would refuse in words of its own."""
    whole("seed", config.seed)
    if whole("batch_size", config.batch_size) < 1:
        raise ValueError(f"batch_size: expected a whole number ≥ 1, got {config.batch_size!r}")
    if any(n < 1 for n in config.hidden_layers):
        raise ValueError(f"hidden_layers: every layer needs ≥ 1 neuron, got "
                         f"{list(config.hidden_layers)}")
    for field in ("learning_rate", "regularization_rate"):
        value = getattr(config, field)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                not 0 <= value < float("inf"):
            raise ValueError(f"{field}: expected a finite number ≥ 0, got {value!r}")


def make_image_plan(settings: dict | ImageRunConfig, data: ImageSplit | None = None,
                    resets: int = 0, epochs: int = DEFAULT_EPOCHS,
                    classes: int | None = None) -> ImagePlan:
    """Resolve an image run; ``data`` are its drawings (data set "drawn"), else None."""
    if isinstance(settings, ImageRunConfig):
        config = settings
    else:
        config = _config(settings)
    resets, epochs = whole("resets", resets), whole("epochs", epochs)
    _check(config)
    if data is None and config.dataset == "drawn":
        raise ValueError("dataset: 'drawn' has no generator; pass the drawings")
    try:
        run = ImageRun(config, resets, data, classes)
    except KeyError as error:                      # an unknown activation or optimizer
        message = str(error.args[0])
        raise ValueError(f"{message.split(' ')[1]}: {message}") from None
    own = None if config.dataset != "drawn" else run.data
    return ImagePlan(config, resets, run.classes, tuple(run.network.map_sizes),
                     tuple(run.network.sizes), own, epochs)

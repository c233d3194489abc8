"""Which run to write out: settings, seed, resets, data and epochs, checked as the engine checks them.

The plan is resolved by building the engine's own ``Run`` (cheap: no
training), so the class count, the output head, the layer sizes and any
refusal (a label that fits no head, a data set of the wrong problem) are
exactly the playground's. Errors are ValueErrors whose message starts with
the field they are about.
Non-goal: validating raw socket payloads; the socket layer does that first.
"""
from dataclasses import dataclass, fields

from ..nn.datasets import DATASETS, Split
from ..nn.heads import Head
from ..nn.run_config import RunConfig
from ..nn.train import Run

DEFAULT_EPOCHS = 200
_CONFIG_FIELDS = {f.name for f in fields(RunConfig)}
_FIELDS = {"feature": "features"}   # a registry's kind → the setting that names it


@dataclass(frozen=True)
class Plan:
    """A run to export: its config, Reset count, class count, head, own points and epochs."""

    config: RunConfig
    resets: int
    classes: int
    head: Head
    sizes: tuple[int, ...]
    data: Split | None       # own points, written into the code; None: drawn from the seed
    epochs: int

    @property
    def generated(self) -> bool:
        """True when the data come from a generator and the seed, not from literals."""
        return self.data is None


def whole(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{field}: expected a whole number ≥ 0, got {value!r}")
    return value


def make_plan(settings: dict | RunConfig, data: Split | None = None, resets: int = 0,
              epochs: int = DEFAULT_EPOCHS, classes: int | None = None) -> Plan:
    """Resolve a run: protocol ``settings`` (or a RunConfig), own points, Reset presses, epochs.

    ``data`` is the run's training and test points when they are its own
    (data set "custom", or edited); without it the data set's generator and
    the seed rebuild them. ``classes`` overrides the class count as
    ``Run`` allows (a model file's output layer).
    """
    if isinstance(settings, RunConfig):
        config = settings
    else:
        config = RunConfig(**{k: v for k, v in settings.items() if k in _CONFIG_FIELDS})
    resets, epochs = whole("resets", resets), whole("epochs", epochs)
    if data is None and config.dataset not in DATASETS:
        raise ValueError(f"dataset: {config.dataset!r} has no generator; pass its points")
    try:
        run = Run(config, resets, data, classes)
    except (KeyError, ValueError) as error:        # an unknown activation, labels that fit no head
        message = str(error.args[0])
        if not message.startswith("unknown "):
            raise ValueError(message) from None
        kind = message.split(" ")[1]
        raise ValueError(f"{_FIELDS.get(kind, kind)}: {message}") from None
    own = None if data is None else run.data
    return Plan(config, resets, run.classes, run.head, run.network.sizes, own, epochs)

"""The settings of image runs (problem ``"images"``): their fields, defaults, ranges and cost.

One schema serves both kinds of run (``settings.settings_schema``). Fields
only images have (``image_size``, ``conv_layers``, ``pool``) and the one only
points have (``features``) say so in ``applies_to``; a shared field whose
default or range differs for images carries them in ``by_problem.images``
(the defaults are ``ImageRunConfig``'s, the limits the server's config).
``check_images`` holds the fields together: the digits are 8×8, and a network
too big for a frame (parameters) or an epoch (multiply-adds per image) is
refused naming the architecture field the change touched.
"""
from ..nn.images import digits
from ..nn.images.network import ConvSpec, network_cost
from ..nn.images.run_config import RESTART_FIELDS as IMAGE_RESTART_FIELDS  # noqa: F401 (re-exported)
from ..nn.images.run_config import ImageRunConfig
from ..nn.images.shapes import MAX_SIZE, MIN_SIZE, SHAPES
from .values import ProtocolError, integer, key_name, short_list

IMAGES = "images"
IMAGE_DATASETS = ("digits", "shapes", "drawn")
MAX_DRAWN_CLASSES = 10          # labels of your own images: 0 … 9, like the digits
MAX_NUM_CLASSES = len(SHAPES)   # the num_classes setting of images (the shapes there are)
IMAGE_DEFAULTS = ImageRunConfig()
POINT_PROBLEMS = ("classification", "regression")
APPLIES_TO = {"image_size": [IMAGES], "conv_layers": [IMAGES], "pool": [IMAGES],
              "features": list(POINT_PROBLEMS)}
# A refused network names the first of these the change touched.
ARCHITECTURE = ("conv_layers", "hidden_layers", "pool", "image_size", "num_classes", "dataset",
                "problem")


def image_fields(config: dict) -> dict:
    """Type and range of the fields only image runs have."""
    return {
        "image_size": {"type": "integer", "min": MIN_SIZE, "max": MAX_SIZE},
        "conv_layers": {"type": "conv_layers", "min": 1, "max": config["MAX_FILTERS"],
                        "max_layers": config["MAX_CONV_LAYERS"],
                        "kernels": list(range(3, config["MAX_KERNEL"] + 1, 2)),
                        "max_parameters": config["MAX_IMAGE_PARAMETERS"],
                        "max_multiply_adds": config["MAX_IMAGE_MULTIPLY_ADDS"]},
        "pool": {"type": "boolean"},
    }


def image_overrides(config: dict, shared: dict) -> dict:
    """``by_problem.images`` of each shared field: its image default and, where it differs, range."""
    ranges = {"num_classes": {"min": 2, "max": MAX_NUM_CLASSES},
              "batch_size": {"max": config["MAX_IMAGE_BATCH_SIZE"]},
              "hidden_layers": {"max": config["MAX_IMAGE_NEURONS"]}}
    overrides = {}
    for name, spec in shared.items():
        if name in APPLIES_TO or not hasattr(IMAGE_DEFAULTS, name):
            continue
        default = getattr(IMAGE_DEFAULTS, name)
        default = list(default) if isinstance(default, tuple) else default
        default = int(default) if spec["type"] == "integer" else default
        overrides[name] = {"default": default, **ranges.get(name, {})}
    return overrides


def conv_layers(field: str, value: object, spec: dict) -> list[dict]:
    """A list of ``{"filters", "kernel"}`` within the schema's limits."""
    value = short_list(field, value, spec["max_layers"], '{"filters", "kernel"}')
    layers = []
    for i, layer in enumerate(value):
        where = f"{field}[{i}]"
        if not isinstance(layer, dict) or set(layer) != {"filters", "kernel"}:
            raise ProtocolError(where, f"{where} must be {{\"filters\": int, \"kernel\": int}}")
        filters = integer(f"{where}.filters", layer["filters"], spec["min"], spec["max"])
        kernel = layer["kernel"]
        if isinstance(kernel, bool) or kernel not in spec["kernels"]:
            raise ProtocolError(f"{where}.kernel", f"{where}.kernel must be one of "
                                f"{', '.join(map(str, spec['kernels']))} (pixels a side)")
        layers.append({"filters": filters, "kernel": int(kernel)})
    return layers


def boolean(field: str, value: object, spec: dict) -> bool:
    if not isinstance(value, bool):
        raise ProtocolError(key_name(field), f"{field} must be true or false")
    return value


def image_classes(settings: dict) -> int:
    """Classes of the run these settings make (your own images: at most ``MAX_DRAWN_CLASSES``)."""
    if settings["dataset"] == "digits":
        return digits.CLASSES
    if settings["dataset"] == "drawn":
        return max(settings["num_classes"], MAX_DRAWN_CLASSES)
    return settings["num_classes"]


def check_images(merged: dict, changes: dict, schema: dict) -> dict:
    """Hold image settings together: digits are 8×8; the network fits the limits."""
    if merged["dataset"] == "digits":
        if changes.get("image_size", digits.SIZE) != digits.SIZE:
            raise ProtocolError("image_size", f"the digits are {digits.SIZE}×{digits.SIZE} "
                                              "pixels; image_size is for shapes")
        merged["image_size"] = digits.SIZE
    conv = [ConvSpec(layer["filters"], layer["kernel"]) for layer in merged["conv_layers"]]
    parameters, multiply_adds = network_cost(merged["image_size"], conv, merged["pool"],
                                             merged["hidden_layers"], image_classes(merged))
    field = next((name for name in ARCHITECTURE if name in changes), "conv_layers")
    limits = schema["conv_layers"]
    limit = limits["max_parameters"]
    if parameters > limit:
        raise ProtocolError(field, f"this network would have {parameters:,} parameters; at "
                                   f"most {limit:,}: use fewer filters or neurons, or pool")
    limit = limits["max_multiply_adds"]
    if multiply_adds > limit:
        raise ProtocolError(field, f"this network would need {multiply_adds:,} multiply-adds "
                                   f"per image; at most {limit:,}: use fewer or smaller "
                                   "filters, or pool")
    return merged


def image_run_config(settings: dict) -> ImageRunConfig:
    """The image engine's view of protocol settings."""
    names = ImageRunConfig.__dataclass_fields__
    return ImageRunConfig(**{k: v for k, v in settings.items() if k in names})

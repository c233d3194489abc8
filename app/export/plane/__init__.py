"""The 2-D playground's run as a ``Document``: settings, data, network, forward, loss,
backward, update, the loop, and the run itself.

Python picks the template blocks for this run (its data set, features,
activation, head, optimizer, regularization) and fills in its numbers; the
words and the code live in the ``.tmpl`` files beside this module. The code
is specialised: it holds only what this run uses.
Image runs: ``app.export.images``, which reuses the update and the frame's run cells.
"""
import re
import textwrap
from pathlib import Path

from ...nn import activations, optimizers, regularization
from ...nn.datasets import DATASETS
from ...nn.features import FEATURES
from ..dataset_source import generator_source
from ..document import Document, Step
from ..plan import Plan
from ..templates import block, fill

_HERE = Path(__file__).parent
STEPS, FRAME, ACTIVATIONS, HEADS, OPTIMIZERS, INPUTS = (
    _HERE / f"{name}.tmpl"
    for name in ("steps", "frame", "activations", "heads", "optimizers", "inputs"))
LINEAR_STEP = r"z = \mathbf{w} \cdot \mathbf{a} + b, \qquad a = f(z)"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


_OPERATOR_SPACE = re.compile(r" ([=←+−/]) ")


def wrap(text: str, width: int = 76) -> str:
    """Re-flow ``text`` paragraph by paragraph (filled-in words change line lengths).

    A line never breaks beside an operator, so "w ← w − η·g" stays on one line.
    """
    def flow(paragraph: str) -> str:
        glued = _OPERATOR_SPACE.sub("\0\\1\0", " ".join(paragraph.split()))
        return textwrap.fill(glued, width, break_long_words=False,
                             break_on_hyphens=False).replace("\0", " ")
    return "\n\n".join(flow(paragraph) for paragraph in text.split("\n\n"))


def step(title: str, name: str, values: dict, formulas=(), only=None, path=STEPS) -> Step:
    """A step from block ``name`` of ``path`` and its words ``name.text``, both filled."""
    text = wrap(fill(block(path, f"{name}.text"), values))
    unique = tuple(dict.fromkeys(formulas))        # tanh hidden and output: show it once
    return Step(title, text, fill(block(path, name), values), unique, only)


def regularized(plan) -> str | None:
    """The regularizer's name when it acts (a rate above 0), else None."""
    config = plan.config
    return config.regularization if config.regularization != "none" and \
        config.regularization_rate > 0 else None


def settings_step(plan: Plan) -> Step:
    """The run's numbers as named constants; data settings only for generated data."""
    config = plan.config
    data_settings = fill(block(STEPS, "generated_settings"), {
        "num_points": config.num_points, "noise": config.noise,
        "train_ratio": config.train_ratio}) if plan.generated else ""
    classes_words = ("regression: one output, a real number" if plan.classes == 1 else
                     "two classes, labels +1 and −1" if plan.classes == 2 else
                     f"classes 0 … {plan.classes - 1}")
    regularization = (f"REGULARIZATION_RATE = {config.regularization_rate!r}  # λ, "
                      f"the weight of the {config.regularization.upper()} term"
                      if regularized(plan) else "")
    return step("Settings", "settings", {
        "seed": config.seed, "resets": plan.resets, "data_settings": data_settings,
        "classes": plan.classes, "classes_words": classes_words, "sizes": list(plan.sizes),
        "learning_rate": repr(config.learning_rate), "batch_size": config.batch_size,
        "regularization_setting": regularization, "epochs": plan.epochs})


def _rows(x, y) -> str:
    return "\n".join(f"[{a!r}, {b!r}, {label!r}]," for (a, b), label in
                     zip(x.tolist(), y.tolist()))


def data_step(plan: Plan) -> Step:
    """The data: the generator read from the engine and the split, or the own points as literals."""
    config = plan.config
    feature_rows = "\n".join(block(INPUTS, name) for name in config.features)
    values = {"features": fill(block(STEPS, "features"), {"feature_rows": feature_rows}),
              "feature_words": ", ".join(FEATURES[name].label for name in config.features)}
    if plan.generated:
        name, source = generator_source(config.dataset)
        values.update(generator=source, dataset=name, data_words=(
            f"{config.num_points} points of the {DATASETS[config.dataset].label} data set "
            f"with noise {config.noise:g} %"))
        return step("Data", "generated", values)
    data = plan.data
    values.update(train_rows=_rows(data.x_train, data.y_train),
                  test_rows=_rows(data.x_test, data.y_test),
                  data_words=f"{len(data.y_train)} for training and {len(data.y_test)} for testing")
    return step("Data", "own", values)


def _network_words(sizes: tuple[int, ...]) -> str:
    hidden = sizes[1:-1]
    middle = ("no hidden layer" if not hidden else
              f"hidden layers of {', '.join(map(str, hidden[:-1]))} and {hidden[-1]} neurons"
              if len(hidden) > 1
              else f"one hidden layer of {hidden[0]} neurons")
    return f"{sizes[0]} inputs, {middle}, {sizes[-1]} output{'s' if sizes[-1] > 1 else ''}"


def model_steps(plan: Plan) -> list[Step]:
    """Network, forward pass, loss and backpropagation for this run's activation and head."""
    activation, head = activations.get(plan.config.activation), plan.head
    output = head.output_activation
    loss_block = "loss.mse" if head.loss.name == "mse" else f"loss.{head.name}"
    values = {
        "network_words": _network_words(plan.sizes), "activation_words": activation.label,
        "output_words": _lower_first(output.label), "loss_words": _lower_first(head.loss.label),
        "activation": block(ACTIVATIONS, activation.name),
        "activation_prime": block(ACTIVATIONS, f"{activation.name}.prime"),
        "output": block(HEADS, f"output.{output.name}"),
        "targets": block(HEADS, f"targets.{output.name}"),
        "loss": block(HEADS, loss_block), "delta": block(HEADS, f"delta.{head.name}")}
    return [step("The network", "network", values),
            step("Forward pass", "forward", values,
                  [LINEAR_STEP, activation.formula, output.formula]),
            step("Loss", "loss", values, [head.loss.formula]),
            step("Backpropagation", "backward", values,
                  [activation.derivative_formula, head.delta_formula])]


def update_step(plan, snippets: Path = OPTIMIZERS) -> Step:
    """The optimizer's update, with the regularization term and the L1 clamp slotted in.

    ``snippets``: the template holding ``l1.penalty``, ``l2.penalty`` and
    ``l1.clamp`` for this kind of parameters (image runs bring their own).
    """
    name = plan.config.optimizer
    regularizer = regularized(plan)
    pieces = {"penalty_setting": "", "penalty": "", "clamp": ""}
    text = block(OPTIMIZERS, f"{name}.text")
    formulas = [optimizers.OPTIMIZERS[name].formula]
    if regularizer:
        pieces["penalty_setting"] = block(OPTIMIZERS, "penalty_setting")
        pieces["penalty"] = block(snippets, f"{regularizer}.penalty")
        if regularizer == "l1":
            pieces["clamp"] = block(snippets, "l1.clamp")
        text += "\n\n" + block(OPTIMIZERS, f"{regularizer}.text")
        formulas.append(regularization.get(regularizer).formula)
    return Step("Update", wrap(text), fill(block(OPTIMIZERS, name), pieces), tuple(formulas))


def _summary(plan: Plan) -> tuple[str, ...]:
    config, head = plan.config, plan.head
    if plan.generated:
        data = (f"{DATASETS[config.dataset].label}, {config.num_points} points, noise "
                f"{config.noise:g} %, {config.train_ratio:g} % of them for training")
    else:
        data = (f"your own points, {len(plan.data.y_train)} for training, "
                f"{len(plan.data.y_test)} for testing")
    return (f"Data: {data}",
            f"Inputs: {', '.join(FEATURES[name].label for name in config.features)}",
            f"Network: {' → '.join(map(str, plan.sizes))} neurons, "
            f"{activations.get(config.activation).label} in the hidden layers, "
            f"{_lower_first(head.label)}",
            *training_summary(plan))


def training_summary(plan, loss_words: str = "") -> tuple[str, str]:
    """The summary's lines on training (optimizer, rate, batches, regularization) and the seed."""
    config, regularizer = plan.config, regularized(plan)
    return (f"Training: {optimizers.OPTIMIZERS[config.optimizer].label}, learning rate "
            f"{config.learning_rate!r}, batches of {config.batch_size}, {loss_words}" +
            (f"{regularizer.upper()} regularization at rate {config.regularization_rate!r}"
             if regularizer else "no regularization"),
            f"Seed {config.seed}, initial weights after {plan.resets} presses of Reset")


def _name(plan: Plan) -> str:
    data = plan.config.dataset if plan.generated else "own_points"
    reset = f"_reset{plan.resets}" if plan.resets else ""
    return f"playground_{data}_seed{plan.config.seed}{reset}"


def assemble(title: str, name: str, summary: tuple[str, ...], steps: list[Step],
             loop: Path = STEPS, frame: Path = FRAME) -> Document:
    """A document: ``steps`` (settings … update), then the loop of ``loop``, the run cells,
    and the words, imports and weights cell of ``frame`` (image runs pass their own)."""
    empty: dict = {}
    steps = [*steps, step("The loop", "loop", empty, path=loop),
             step("Run it", "script_main", empty, only="script", path=FRAME),
             step("Run it", "notebook_run", empty, only="notebook", path=FRAME),
             step("The trained weights", "notebook_weights", empty, only="notebook", path=frame),
             step("The loss curve", "notebook_plot", empty, only="notebook", path=FRAME)]
    docstring = fill(block(frame, "docstring"), {
        "title": f"{title}.", "filename": f"{name}.py",
        "summary": "\n".join(textwrap.fill(line, 79, subsequent_indent="    ") for line in summary)})
    return Document(title, name, summary, docstring + "\n\n" + block(frame, "script_imports"),
                    block(frame, "intro"), block(frame, "notebook_imports"), tuple(steps))


def document(plan: Plan) -> Document:
    """The run described by ``plan`` as a document the script and notebook writers lay out."""
    return assemble("A Neural Network Playground run, as code", _name(plan), _summary(plan),
                    [settings_step(plan), data_step(plan), *model_steps(plan), update_step(plan)])

"""A data set's generator as script source, read from the engine's own definition.

The exported file must draw exactly the points the playground draws, so it
does not get a second copy of each generator: this module reads the
generator's source out of ``app/nn/datasets.py`` (or, for image runs, the
shapes generator out of ``app/nn/images/shapes.py``) together with the
module constants and helpers it uses, drops the type annotations (the script
has no ``Array`` alias) and the leading underscores, and names it after the
data set. Non-goal: a general dependency tracer; it knows one flat module.
"""
import ast
import builtins
import inspect
import re
from functools import lru_cache

from ..nn import datasets

_IMPORTED = {"np"}   # what the exported script imports itself


@lru_cache(maxsize=None)
def _module(module=datasets) -> tuple[list[str], dict[str, ast.AST]]:
    """An engine module's source lines and its top-level definitions by name."""
    source = inspect.getsource(module)
    definitions: dict[str, ast.AST] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            definitions[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                names = target.elts if isinstance(target, ast.Tuple) else [target]
                definitions.update((name.id, node) for name in names if isinstance(name, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            definitions[node.target.id] = node
    return source.splitlines(), definitions


def _used_names(node: ast.AST) -> set[str]:
    """Names ``node`` reads; a function's annotations are left out (the script drops them)."""
    parts = [*node.body, *node.args.defaults] if isinstance(node, ast.FunctionDef) else [node]
    return {n.id for part in parts for n in ast.walk(part)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _dependencies(name: str, module=datasets, given: frozenset = frozenset()) -> list[str]:
    """``name`` and every module-level definition it needs, needed ones first.

    ``given``: names the script defines itself (a constant the module imports).
    """
    _, definitions = _module(module)
    order: list[str] = []

    def visit(current: str) -> None:
        if current in order:
            return
        node = definitions[current]
        for used in sorted(_used_names(node)):
            if used in definitions and used != current:
                visit(used)
            elif used not in _IMPORTED | given and not hasattr(builtins, used) \
                    and not _is_local(node, used):
                raise ValueError(f"the {name} generator uses {used!r}, which a script lacks")
        order.append(current)
    visit(name)
    return order


def _is_local(node: ast.AST, name: str) -> bool:
    """True when ``name`` is an argument or assigned inside function ``node``."""
    if not isinstance(node, ast.FunctionDef):
        return False
    arguments = {a.arg for a in node.args.args + node.args.kwonlyargs}
    stored = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return name in arguments | stored


def _function_text(lines: list[str], node: ast.FunctionDef, public: str) -> str:
    """The function with a plain signature (no annotations) and its body as written."""
    args = node.args.args
    defaults = [None] * (len(args) - len(node.args.defaults)) + node.args.defaults
    params = [a.arg if d is None else f"{a.arg}={ast.unparse(d)}" for a, d in zip(args, defaults)]
    body = lines[node.body[0].lineno - 1:node.end_lineno]
    return "\n".join([f"def {public}({', '.join(params)}):", *body])


def _assignment_text(lines: list[str], node: ast.AST) -> str:
    """The assignment with the comment lines directly above it."""
    start = node.lineno - 1
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return "\n".join(lines[start:node.end_lineno])


def generator_source(dataset: str) -> tuple[str, str]:
    """Return (function name, source) of data set ``dataset``'s generator for a script.

    The function is called ``dataset`` and takes ``(n, noise, rng, classes)``
    like the engine's; the source defines whatever it needs first.
    """
    return function_source(datasets, datasets.DATASETS[dataset].generate.__name__, dataset)


def function_source(module, engine_name: str, public_name: str,
                    given: frozenset = frozenset()) -> tuple[str, str]:
    """Return (``public_name``, source) of function ``engine_name`` of ``module`` for a script.

    The source defines what the function needs first, except the ``given``
    names (which the script defines itself).
    """
    lines, definitions = _module(module)
    names = _dependencies(engine_name, module, given)
    public = {name: (public_name if name == engine_name else name.lstrip("_")) for name in names}
    first = [name for index, name in enumerate(names)   # one text for `A, B = 8, 16`
             if all(definitions[other] is not definitions[name] for other in names[:index])]
    texts = [_function_text(lines, definitions[name], public[name])
             if isinstance(definitions[name], ast.FunctionDef)
             else _assignment_text(lines, definitions[name]) for name in first]
    return public_name, "\n\n\n".join(_renamed(text, public) for text in texts)


def _renamed(text: str, names: dict[str, str]) -> str:
    """``text`` with ``names`` replaced; a top-level line's continuation moves left with it."""
    lines, shift = [], 0
    for line in text.split("\n"):
        new = line
        for name, replacement in names.items():
            new = re.sub(rf"\b{re.escape(name)}\b", replacement, new)
        if not line.startswith(" "):
            shift = len(line) - len(new)
        elif shift > 0 and line.startswith(" " * shift):
            new = new[shift:]
        lines.append(new)
    return "\n".join(lines)

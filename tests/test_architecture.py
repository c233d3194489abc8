"""The code's shape, checked: small files and functions, and a pure engine.

No file in app/ over 250 lines and no function over 50 (the team's guide);
app/nn imports nothing but NumPy and the standard library (every module of
it, found by walking the folder, not a list kept by hand).
"""
import ast
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
MAX_FILE_LINES = 250
MAX_FUNCTION_LINES = 50
ENGINE_ALLOWED = {"numpy"} | set(sys.stdlib_module_names)


def _sources(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _imported(path: Path, tree: ast.AST) -> set[str]:
    """Top-level names of everything ``path`` imports; relative imports made absolute."""
    package = path.relative_to(APP.parent).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join(base + ((node.module,) if node.module else ()))
                names |= {module} if node.module else {f"{module}.{a.name}" for a in node.names}
            else:
                names.add(node.module)
    return names


def test_no_file_in_app_is_over_250_lines():
    long = {str(p.relative_to(APP)): n for p in _sources(APP)
            if (n := len(p.read_text().splitlines())) > MAX_FILE_LINES}
    assert not long, f"files over {MAX_FILE_LINES} lines: {long}"


def test_no_function_in_app_is_over_50_lines():
    long = {}
    for path in _sources(APP):
        for node in _functions(ast.parse(path.read_text())):
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                long[f"{path.relative_to(APP)}:{node.lineno} {node.name}"] = lines
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


@pytest.mark.parametrize("path", _sources(APP / "nn"), ids=lambda p: str(p.relative_to(APP)))
def test_the_engine_imports_only_numpy_and_the_standard_library(path):
    for name in _imported(path, ast.parse(path.read_text())):
        top = name.split(".")[0]
        inside_engine = name == "app.nn" or name.startswith("app.nn.")
        assert inside_engine or (top != "app" and top in ENGINE_ALLOWED), \
            f"{path.relative_to(APP)} imports {name}"

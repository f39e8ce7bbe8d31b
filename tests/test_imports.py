"""Every module of the package imports alone, and the modules' imports form no cycle.

Each module is imported in a fresh interpreter (an import that works only after another module
has run is a hidden order dependency). The cycle check reads every ``import`` statement of the
package, those under ``if TYPE_CHECKING:`` and inside functions included, and asserts the graph
of explicit imports between the package's modules is a DAG. (A submodule's implicit import of
its parent package is not an edge: Python runs the parent first, whatever the child says.)
"""

from __future__ import annotations

import ast
import os
import pathlib
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter

import pytest

import sigma_async

PACKAGE = pathlib.Path(sigma_async.__file__).parent
ROOT = "sigma_async"


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {
    _module_name(path): path
    for path in sorted(PACKAGE.rglob("*.py"))
    if "__pycache__" not in path.parts
}


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    if level == 0:
        return target or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def imports_of(module: str) -> set[str]:
    """The package's modules that ``module`` imports by name, wherever the statement is."""
    path = MODULES[module]
    return edges(module, path.read_text(encoding="utf-8"), is_package=path.name == "__init__.py")


def edges(module: str, source: str, *, is_package: bool) -> set[str]:
    """The package's modules that ``source`` (the text of ``module``) imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node.level, node.module)
            # ``from pkg import name``: an edge to pkg.name when that is a module, else to pkg.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in MODULES:  # ``import sigma_async.x.y`` names a module
                name = name.rpartition(".")[0]
            if name.startswith(ROOT) and name != module:
                found.add(name)
    return found


def test_the_modules_imports_form_no_cycle() -> None:
    graph = {module: imports_of(module) for module in MODULES}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")
    assert set(order) == set(MODULES)


def test_the_cycle_check_sees_type_only_and_local_imports() -> None:
    # A guard on the checker: the type-only back-import that once made
    # _client -> resources -> resources._base -> _client a circle must be an edge.
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .._client import SigmaClient\n"
        "def f():\n    from ..bulk import _runner\n"
    )
    found = edges("sigma_async.resources._base", source, is_package=False)
    assert found == {"sigma_async._client", "sigma_async.bulk._runner"}


# Run in one fresh interpreter: third-party libraries are imported once, then each module of
# the package is imported in a forked child that has imported nothing of the package yet, so an
# import that works only after another of ours has run still fails, at a fraction of the cost
# of one interpreter per module.
_ZYGOTE = """
import importlib, os, sys, traceback
import aiohttp, aiolimiter, attrs, backoff, cattrs, multidict, yarl
assert not [name for name in sys.modules if name.split(".")[0] == "sigma_async"]
failed = 0
for module in sys.argv[1:]:
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(module)
        except BaseException:
            print("--", module, file=sys.stderr)
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    failed += status != 0
sys.exit(1 if failed else 0)
"""


def test_each_module_imports_alone_in_a_fresh_interpreter() -> None:
    # ``__main__`` modules are scripts (``python -m``): importing one runs it, by design.
    modules = sorted(name for name in MODULES if not name.endswith(".__main__"))
    if not hasattr(os, "fork"):  # pragma: no cover - one interpreter per module instead
        for module in modules:
            command = [sys.executable, "-c", f"import {module}"]
            subprocess.run(command, check=True, cwd=PACKAGE.parent)
        return
    result = subprocess.run(
        [sys.executable, "-c", _ZYGOTE, *modules],
        capture_output=True,
        text=True,
        check=False,
        cwd=PACKAGE.parent,
    )
    assert result.returncode == 0, result.stderr[-4000:]

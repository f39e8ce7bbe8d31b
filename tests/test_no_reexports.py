"""A name is imported from the module it lives in: a module (not a package) exports its own.

A package's ``__init__`` gathers its public names; a plain module's ``__all__`` lists only names
it defines, never one it imports, so callers import each name from where it lives (``_config``
once re-exported ``_settings.variable_names``). The modules in :data:`STILL_REEXPORTING` are
other areas' and keep a few; they are listed so that no new re-export joins them.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

from tests.test_imports import MODULES

STILL_REEXPORTING = {
    ("sigma_async._convert", "loads"),
    ("sigma_async._convert", "parse_datetime"),
    ("sigma_async._http.sansio", "API_PREFIX"),
    ("sigma_async._http.sansio", "DEFAULT_BASE_URL"),
    ("sigma_async._http.sansio", "MAX_PER_PAGE"),
    ("sigma_async._http.sansio", "scrub"),
    ("sigma_async.contract._document", "ContractDocumentError"),
    ("sigma_async.testing._query", "MAX_PER_PAGE"),
}

PLAIN_MODULES = sorted(name for name, path in MODULES.items() if path.name != "__init__.py")


def _exported_and_imported(path: pathlib.Path) -> tuple[set[str], set[str]]:
    """Return the module's ``__all__`` and the names its top-level imports bind."""
    exported: set[str] = set()
    imported: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imported |= {alias.asname or alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            exported |= set(ast.literal_eval(node.value))
    return exported, imported


@pytest.mark.parametrize("name", PLAIN_MODULES)
def test_a_module_exports_no_name_it_imports(name: str) -> None:
    exported, imported = _exported_and_imported(MODULES[name])
    reexported = {found for found in exported & imported if (name, found) not in STILL_REEXPORTING}
    assert reexported == set()


def test_the_check_sees_a_reexport(tmp_path: pathlib.Path) -> None:
    module = tmp_path / "module.py"
    module.write_text('from ._settings import variable_names\n__all__ = ["variable_names"]\n')
    assert _exported_and_imported(module) == ({"variable_names"}, {"variable_names"})

"""The emulator reads the API's facts from the generated table; none is restated by hand."""

from __future__ import annotations

import ast
from pathlib import Path

import attrs
import pytest

from sigma_async import operations
from sigma_async.contract import API_DOCS_PATH
from sigma_async.testing import _faults, _handlers, _lifecycle, _query, _validation
from sigma_async.testing._app import build_app
from sigma_async.testing._engine import SORTABLE_FIELDS
from sigma_async.testing._handlers import Runtime

TESTING = Path(_handlers.__file__).parent


def test_the_emulator_serves_exactly_the_operations_of_the_table() -> None:
    app = build_app(Runtime(engine=None, stats=None, faults=None))  # type: ignore[arg-type]
    served = {
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if route.resource is not None
        and route.resource.canonical.startswith(operations.API_PREFIX)
        and route.method != "HEAD"  # aiohttp adds HEAD beside each GET
    }
    expected = {
        (op.method, operations.API_PREFIX + op.path) for op in operations.OPERATIONS.values()
    }
    # Beside the operations, the service's own OpenAPI document (NestJS's Swagger module).
    expected.add(("GET", operations.API_PREFIX + API_DOCS_PATH))
    assert served == expected
    assert set(_handlers.ROUTES) == set(operations.OPERATIONS)


def test_an_operation_without_a_handler_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    extra = attrs.evolve(operations.GET_CHANNEL, operation_id="getThing", path="/things/{id}")
    monkeypatch.setattr(_handlers, "OPERATIONS", {**operations.OPERATIONS, "getThing": extra})
    with pytest.raises(LookupError, match="getThing"):
        build_app(Runtime(engine=None, stats=None, faults=None))  # type: ignore[arg-type]


def test_fault_rules_name_the_operations_of_the_table() -> None:
    assert frozenset(operations.OPERATIONS) == _faults.OPERATIONS


def test_lists_take_the_tables_sortable_fields_and_limits() -> None:
    expected = {
        op.resource: frozenset(op.sortable) for op in operations.OPERATIONS.values() if op.sortable
    }
    assert dict(SORTABLE_FIELDS) == expected
    assert _query.MAX_PER_PAGE is operations.MAX_PER_PAGE
    assert _query._MAX_DEPTH is operations.MAX_FILTER_DEPTH


def test_enums_are_the_specs() -> None:
    spec_values = set(operations.ENUMS.values())
    for field, allowed in _validation.ENUMS.items():
        assert allowed in spec_values, field
    assert tuple(_lifecycle.EVENT_MESSAGES) == operations.ENUMS["EventAction"]


def _literals(source: Path) -> tuple[list[str], list[set[object]]]:
    """A module's code string literals (docstrings left out: prose may name facts) and the
    sets of strings its tuple, list and set literals spell out."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    strings = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    ]
    # Each literal collection's constants (any type: a str set is compared with them).
    collections: list[set[object]] = [
        {element.value for element in node.elts if isinstance(element, ast.Constant)}
        for node in ast.walk(tree)
        if isinstance(node, (ast.Tuple, ast.List, ast.Set))
    ]
    return strings, collections


@pytest.mark.parametrize("source", sorted(TESTING.glob("*.py")), ids=lambda path: path.name)
def test_no_module_restates_the_prefix_an_operation_id_or_an_enum(source: Path) -> None:
    strings, collections = _literals(source)
    assert not [text for text in strings if operations.API_PREFIX in text]
    assert not set(operations.OPERATIONS) & set(strings), "an operationId written out"
    for name, values in operations.ENUMS.items():
        # The logic may name a state; a collection of all of an enum's values copies the spec.
        if len(values) > 1:
            assert set(values) not in collections, f"{source.name} restates {name}"

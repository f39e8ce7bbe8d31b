"""Compare the bundled contract with another document: every difference, named by where it is.

A position is named by its section and wire path: ``response 200 body: data[].channel.name``,
``request body: name``, ``query parameters: perPage``, ``path parameter 1 (channelId)``; the
section alone names a body's root. A field missing on one side and a field of the same shape
added on the other, with no other candidate either way, is reported once, as a rename.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ._document import Contract, OperationShape
from ._report import Difference, InferredVerdict
from ._schema import ITEMS, SchemaNode

__all__ = ["compare"]

QUERY = "query parameters"
# A position's yes/no facts: the SchemaNode attribute (and kind prefix), its word when true,
# its word when false.
_FLAGS = (("required", "required", "optional"), ("nullable", "nullable", "not nullable"))

# (kind, where, expected, actual, message) -> a Difference of the operation being compared.
_Make = Callable[[str, str, Any, Any, str], Difference]


def compare(expected: Contract, actual: Contract) -> tuple[list[Difference], list[InferredVerdict]]:
    """Every difference between ``expected`` (ours) and ``actual``; a verdict per inferred op."""
    differences: list[Difference] = []
    verdicts: list[InferredVerdict] = []
    for key, ours in expected.operations.items():
        theirs = actual.operations.get(key)
        make = _maker(ours.label, ours.operation_id)
        if theirs is None:
            found = [
                make(
                    "operation-missing",
                    "operation",
                    ours.label,
                    None,
                    f"the document has no {ours.label}",
                )
            ]
        else:
            found = list(_operation(ours, theirs, make))
        differences.extend(found)
        if ours.inferred:
            verdicts.append(_verdict(ours, theirs, found))
    for key, theirs in actual.operations.items():
        if key not in expected.operations:
            make = _maker(theirs.label, None)
            message = f"the document has {theirs.label}, which the SDK does not offer"
            differences.append(make("operation-added", "operation", None, theirs.label, message))
    return differences, verdicts


def _maker(label: str, operation_id: str | None) -> _Make:
    # Every difference found in one operation names it: bind Difference's first two fields.
    return functools.partial(Difference, label, operation_id)


def _verdict(
    ours: OperationShape, theirs: OperationShape | None, found: list[Difference]
) -> InferredVerdict:
    if theirs is None:
        reason = "not in the document"
    elif found:
        reason = f"documented differently ({len(found)} difference(s))"
    else:
        reason = "documented as the SDK assumes"
    return InferredVerdict(
        operation=ours.label,
        operation_id=ours.operation_id or ours.label,
        verdict="contradicted" if theirs is None or found else "confirmed",
        reason=reason,
    )


def _operation(ours: OperationShape, theirs: OperationShape, make: _Make) -> Iterator[Difference]:
    for position, (mine, other) in enumerate(
        zip(ours.path_params, theirs.path_params, strict=False), 1
    ):
        section = f"path parameter {position} ({mine.name})"
        if mine.name != other.name:
            message = f"{section} is named {other.name!r} in the document"
            yield make("path-parameter-renamed", section, mine.name, other.name, message)
        yield from _node(mine.schema, other.schema, section, "", make)
    yield from _fields(ours.query_params, theirs.query_params, QUERY, "", make)
    yield from _body(ours.request, theirs.request, "request body", make)
    if ours.success_statuses != theirs.success_statuses:
        before, after = "/".join(ours.success_statuses), "/".join(theirs.success_statuses)
        message = f"success status {before or 'none'} is {after or 'none'} in the document"
        yield make("success-status-changed", "responses", before, after, message)
    status = ours.success_statuses[0] if ours.success_statuses else "2xx"
    yield from _body(ours.response, theirs.response, f"response {status} body", make)


def _body(
    mine: SchemaNode | None, other: SchemaNode | None, section: str, make: _Make
) -> Iterator[Difference]:
    if mine is not None and other is not None:
        yield from _node(mine, other, section, "", make)
    elif mine is not None or other is not None:
        kind, told = ("body-added", "adds one") if mine is None else ("body-missing", "has none")
        yield make(
            kind, section, mine is not None, other is not None, f"{section}: the document {told}"
        )


def _where(section: str, path: str) -> str:
    return f"{section}: {path}" if path else section


def _fields(
    mine: Mapping[str, SchemaNode],
    other: Mapping[str, SchemaNode],
    section: str,
    prefix: str,
    make: _Make,
) -> Iterator[Difference]:
    """Compare two sets of named positions (an object's properties, the query parameters)."""
    noun = "parameter" if section == QUERY else "field"
    missing = [name for name in mine if name not in other]
    added = [name for name in other if name not in mine]
    renamed = _renames(mine, other, missing, added)
    for old, new in renamed.items():
        where = _where(section, prefix + old)
        yield make(f"{noun}-renamed", where, old, new, f"{where} is named {new!r} in the document")
    for name in missing:
        if name not in renamed:
            where = _where(section, prefix + name)
            yield make(f"{noun}-missing", where, name, None, f"{where} is not in the document")
    new_names = set(renamed.values())
    for name in added:
        if name not in new_names:
            where = _where(section, prefix + name)
            required = "a required" if other[name].required else "an optional"
            message = f"{where} is in the document ({required} {noun}), not in the SDK"
            yield make(f"{noun}-added", where, None, name, message)
    for name, node in mine.items():
        counterpart = renamed.get(name, name)
        if counterpart in other:
            yield from _node(node, other[counterpart], section, prefix + name, make)


def _renames(
    mine: Mapping[str, SchemaNode],
    other: Mapping[str, SchemaNode],
    missing: list[str],
    added: list[str],
) -> dict[str, str]:
    """Pair a missing name with an added one when each is the other's only same-shape match."""
    pairs: dict[str, str] = {}
    for old in missing:
        matches = [new for new in added if other[new].signature() == mine[old].signature()]
        if len(matches) != 1:
            continue
        back = [o for o in missing if mine[o].signature() == other[matches[0]].signature()]
        if back == [old]:
            pairs[old] = matches[0]
    return pairs


def _node(
    mine: SchemaNode, other: SchemaNode, section: str, path: str, make: _Make
) -> Iterator[Difference]:
    """Compare one position's own facts, then the positions inside it."""
    where = _where(section, path)
    if mine.type != other.type and None not in (mine.type, other.type):
        message = f"{where} is {other.type} in the document, {mine.type} in the SDK"
        yield make("type-changed", where, mine.type, other.type, message)
    if mine.format != other.format and None not in (mine.format, other.format):
        message = f"{where} has format {other.format} in the document, {mine.format} in the SDK"
        yield make("format-changed", where, mine.format, other.format, message)
    for flag, yes, no in _FLAGS:
        before, after = getattr(mine, flag), getattr(other, flag)
        if before != after:
            message = f"{where} is {yes if after else no} in the document"
            yield make(f"{flag}-changed", where, before, after, message)
    yield from _enum(mine, other, where, make)
    for keyword in sorted(set(mine.limits) | set(other.limits)):
        before, after = mine.limits.get(keyword), other.limits.get(keyword)
        if before != after:
            message = f"{where}: {keyword} is {after!r} in the document, {before!r} in the SDK"
            yield make("limit-changed", f"{where} ({keyword})", before, after, message)
    if mine.recursive or other.recursive:
        return
    items, their_items = mine.children.get(ITEMS), other.children.get(ITEMS)
    if items is not None and their_items is not None:
        yield from _node(items, their_items, section, f"{path}[]", make)
    properties = {k: v for k, v in mine.children.items() if k != ITEMS}
    theirs = {k: v for k, v in other.children.items() if k != ITEMS}
    if properties or theirs:
        yield from _fields(properties, theirs, section, f"{path}." if path else "", make)


def _enum(mine: SchemaNode, other: SchemaNode, where: str, make: _Make) -> Iterator[Difference]:
    if mine.enum is None or other.enum is None:
        if mine.enum is not other.enum:
            told = "has no enum" if other.enum is None else "adds an enum"
            yield make(
                "enum-changed",
                where,
                _listed(mine.enum),
                _listed(other.enum),
                f"{where}: the document {told}",
            )
        return
    added, removed = _listed(other.enum - mine.enum), _listed(mine.enum - other.enum)
    if added:
        message = f"{where}: enum value(s) {_quoted(added)} added in the document"
        yield make("enum-values-added", where, None, added, message)
    if removed:
        message = f"{where}: enum value(s) {_quoted(removed)} not in the document"
        yield make("enum-values-removed", where, removed, None, message)


def _listed(values: frozenset[Any] | None) -> list[Any] | None:
    return None if values is None else sorted(values, key=repr)


def _quoted(values: list[Any] | None) -> str:
    return ", ".join(repr(v) for v in values or ())

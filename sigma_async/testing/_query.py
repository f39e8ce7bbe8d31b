"""The list convention: the ``q`` JSON filter, ``sort``, ``page`` and ``perPage``, and the envelope.

``q`` is a Mongo-like filter: ``{"field": value}`` (dot paths reach nested keys; a list field
matches when any element equals the value), ``$and``/``$or``/``$nor`` over lists of filters,
and the operators ``$eq``, ``$ne``, ``$in``, ``$nin``, ``$gt``, ``$gte``, ``$lt``, ``$lte`` and
``$exists``. Anything else is a 400, as is a ``q`` that is not a JSON object.

Sorting ties are broken by ``id`` ascending (events: by insertion order), so pages are stable.
``perPage`` above :data:`MAX_PER_PAGE` is capped, and the envelope reports the size applied.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs
from multidict import MultiMapping

from ..operations import MAX_FILTER_DEPTH, MAX_PER_PAGE
from ._wire import ApiError

__all__ = [
    "MAX_PER_PAGE",
    "ListQuery",
    "Page",
    "envelope",
    "matches",
    "page_of",
    "parse_list_query",
    "sort_docs",
]

Page = dict[str, Any]
"""A list response: ``data``, ``total``, ``count``, ``page`` and ``perPage``."""

_SORT_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_.]*)\|(asc|desc)$")
_INT_RE = re.compile(r"^[0-9]+$")
# The spec sets no maximum, so any page number is answered (past the last page, with no data);
# but int() refuses more than 4300 digits, so a number longer than this is a 400, not a crash.
_MAX_DIGITS = 100
_MISSING = object()
_COMPARISONS = ("$gt", "$gte", "$lt", "$lte")
# The spec's limit (MongoDB's own); it also keeps the matcher's recursion far from Python's.
_MAX_DEPTH = MAX_FILTER_DEPTH
_OPERATORS = frozenset({"$eq", "$ne", "$in", "$nin", "$exists", *_COMPARISONS})


@attrs.frozen
class ListQuery:
    """A parsed list request."""

    filter: dict[str, Any]
    sort_field: str
    descending: bool
    page: int
    per_page: int


def parse_list_query(query: MultiMapping[str], sortable: Iterable[str]) -> ListQuery:
    """Parse and check the list parameters; raises :class:`ApiError` (400) on a bad one."""
    errors: list[str] = []
    raw = {name: _single(query, name, errors) for name in ("q", "sort", "page", "perPage")}
    filter_: dict[str, Any] = {}
    if raw["q"] is not None:
        filter_ = _parse_filter(raw["q"], errors)
    sort_field, descending = "updatedAt", True
    if raw["sort"] is not None:
        found = _SORT_RE.match(raw["sort"])
        if found is None:
            errors.append("sort must look like `field|asc` or `field|desc`")
        elif found.group(1) not in set(sortable):
            errors.append(f"sort field {found.group(1)!r} is not a sortable field")
        else:
            sort_field, descending = found.group(1), found.group(2) == "desc"
    page = _positive_int("page", raw["page"], errors)
    per_page = _positive_int("perPage", raw["perPage"], errors, default=MAX_PER_PAGE)
    if errors:
        raise ApiError(400, errors)
    return ListQuery(filter_, sort_field, descending, page, min(per_page, MAX_PER_PAGE))


Ties = Literal["id", "insertion"]


def page_of(docs: Iterable[Mapping[str, Any]], query: ListQuery, *, ties: Ties = "id") -> Page:
    """Filter, sort and cut ``docs`` into the page envelope.

    Equal sort keys are ordered by ``id`` ascending, or with ``ties="insertion"`` in the order
    ``docs`` come (their insertion order), whichever the direction.
    """
    selected = [doc for doc in docs if matches(doc, query.filter)] if query.filter else docs
    return envelope(sort_docs(selected, query.sort_field, query.descending, ties=ties), query)


def sort_docs(
    docs: Iterable[Mapping[str, Any]], field: str, descending: bool, *, ties: Ties = "id"
) -> list[Mapping[str, Any]]:
    """Return ``docs`` ordered by ``field`` (Mongo's cross-type order), ties as :func:`page_of`."""
    ordered = list(docs)
    if ties == "id":
        ordered.sort(key=lambda doc: _order_key(doc.get("id")))
    # Python's sort is stable even reversed, so equal keys keep the order set above.
    ordered.sort(key=lambda doc: _order_key(lookup(doc, field)), reverse=descending)
    return ordered


def envelope(ordered: Sequence[Mapping[str, Any]], query: ListQuery) -> Page:
    """Cut the requested page out of already filtered and sorted ``ordered``."""
    start = (query.page - 1) * query.per_page
    data = ordered[start : start + query.per_page]
    return {
        "data": data,
        "total": len(ordered),
        "count": len(data),
        "page": query.page,
        "perPage": query.per_page,
    }


def matches(doc: Mapping[str, Any], filter_: Mapping[str, Any]) -> bool:
    """Whether ``doc`` satisfies an already checked filter."""
    for key, condition in filter_.items():
        if key == "$and":
            if not all(matches(doc, sub) for sub in condition):
                return False
        elif key == "$or":
            if not any(matches(doc, sub) for sub in condition):
                return False
        elif key == "$nor":
            if any(matches(doc, sub) for sub in condition):
                return False
        elif not _field_matches(lookup(doc, key), condition):
            return False
    return True


def lookup(doc: Mapping[str, Any], path: str) -> Any:
    """Follow a dot path into nested objects; a missing key yields ``None``."""
    value: Any = doc
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _single(query: MultiMapping[str], name: str, errors: list[str]) -> str | None:
    values = query.getall(name, [])
    if len(values) > 1:
        errors.append(f"{name} must be given once")
        return None
    return values[0] if values else None


def _positive_int(name: str, raw: str | None, errors: list[str], default: int = 1) -> int:
    if raw is None:
        return default
    if len(raw) > _MAX_DIGITS:
        errors.append(f"{name} must have at most {_MAX_DIGITS} digits")
        return default
    if not _INT_RE.match(raw) or int(raw) < 1:
        errors.append(f"{name} must be an integer not less than 1")
        return default
    return int(raw)


def _parse_filter(raw: str, errors: list[str]) -> dict[str, Any]:
    try:
        value = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        errors.append("q must be a JSON object")
        return {}
    if not isinstance(value, dict):
        errors.append("q must be a JSON object")
        return {}
    _check_filter(value, "q", errors)
    return value


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _check_filter(filter_: dict[str, Any], where: str, errors: list[str], depth: int = 0) -> None:
    if depth > _MAX_DEPTH:
        errors.append(f"q nests $and/$or/$nor deeper than {_MAX_DEPTH} levels")
        return
    for key, condition in filter_.items():
        if key in ("$and", "$or", "$nor"):
            if not isinstance(condition, list) or not condition:
                errors.append(f"{where}.{key} must be a non-empty array of filters")
                continue
            for index, sub in enumerate(condition):
                if isinstance(sub, dict):
                    _check_filter(sub, f"{where}.{key}[{index}]", errors, depth + 1)
                else:
                    errors.append(f"{where}.{key}[{index}] must be a JSON object")
        elif key.startswith("$"):
            errors.append(f"{where}: unknown operator {key}")
        elif _is_operator_object(condition):
            _check_operators(condition, f"{where}.{key}", errors)


def _is_operator_object(condition: object) -> bool:
    return isinstance(condition, dict) and any(str(k).startswith("$") for k in condition)


def _check_operators(condition: dict[str, Any], where: str, errors: list[str]) -> None:
    for op, operand in condition.items():
        if op not in _OPERATORS:
            errors.append(f"{where}: unknown operator {op}")
        elif op in ("$in", "$nin") and not isinstance(operand, list):
            errors.append(f"{where}.{op} must be an array")
        elif op == "$exists" and not isinstance(operand, bool):
            errors.append(f"{where}.$exists must be a boolean")


def _field_matches(value: Any, condition: Any) -> bool:
    if not _is_operator_object(condition):
        return _equals(value, condition)
    return all(_operator_holds(op, value, operand) for op, operand in condition.items())


def _operator_holds(op: str, value: Any, operand: Any) -> bool:
    if op == "$eq":
        return _equals(value, operand)
    if op == "$ne":
        return not _equals(value, operand)
    if op == "$in":
        return any(_equals(value, item) for item in operand)
    if op == "$nin":
        return not any(_equals(value, item) for item in operand)
    if op == "$exists":
        return (value is not None) is operand
    return _compare(op, value, operand)


def _equals(value: Any, expected: Any) -> bool:
    # Mongo: a scalar condition matches an array field when any element equals it.
    if isinstance(value, list) and not isinstance(expected, list):
        return any(_same(item, expected) for item in value)
    return _same(value, expected)


def _same(left: Any, right: Any) -> bool:
    if left != right:
        return False
    # JSON `true` and `1` are different values, unlike Python's True and 1.
    return type(left) is type(right) or _both_numbers(left, right)


def _both_numbers(left: Any, right: Any) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right))


def _compare(op: str, value: Any, operand: Any) -> bool:
    # Mongo compares only within one type class (numbers with numbers, strings with strings).
    if _order_key(value)[0] != _order_key(operand)[0] or value is None:
        return False
    left, right = _order_key(value)[1], _order_key(operand)[1]
    try:
        if op == "$gt":
            return bool(left > right)
        if op == "$gte":
            return bool(left >= right)
        if op == "$lt":
            return bool(left < right)
        return bool(left <= right)
    except TypeError:
        return False


def _order_key(value: Any) -> tuple[int, Any]:
    # Mongo's cross-type order: null < numbers < strings < objects < arrays < booleans.
    if value is None:
        return (0, 0)
    if isinstance(value, bool):
        return (5, value)
    if isinstance(value, (int, float)):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    if isinstance(value, dict):
        return (3, json.dumps(value, sort_keys=True))
    return (4, json.dumps(value, sort_keys=True))

"""One schema of any supported dialect, read as a tree of the facts a wire contract consists of.

OpenAPI 3.0, OpenAPI 3.1 and Swagger 2.0 say the same things differently: ``nullable: true``,
``type: [string, "null"]``, ``x-nullable``, or a ``oneOf`` with a null branch; an enum inline or
behind a ``$ref``; an object spread over ``allOf``. :func:`read_schema` folds those spellings into
one :class:`SchemaNode` per wire position, so comparing two documents compares meaning, not
spelling. ``$ref`` is resolved by the ``referencing`` library (python-jsonschema's), never by
hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
from referencing.exceptions import Unresolvable

if TYPE_CHECKING:
    # The library exports no name for the resolver type it hands out; typing only.
    from referencing._core import Resolver as _Resolver

    Resolver = _Resolver[Any]

__all__ = [
    "ITEMS",
    "LIMIT_KEYWORDS",
    "ContractDocumentError",
    "SchemaNode",
    "read_schema",
    "resolve",
]

LIMIT_KEYWORDS = (
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
)
"""The validation keywords compared as a field's limits."""

ITEMS = "[]"
"""The child name standing for an array's items (``tags[]``, ``data[].id``)."""


class ContractDocumentError(ValueError):
    """A document cannot be read as an API contract (a dangling ``$ref``, a missing section)."""


@attrs.frozen
class SchemaNode:
    """What one wire position holds: its type, constraints, and the positions inside it.

    ``type`` is a JSON type (``string``, ``integer``, ...), several joined by ``|`` for a
    ``oneOf``/``anyOf``, or None when the schema says nothing. ``children`` holds an object's
    properties and, under :data:`ITEMS`, an array's items.
    """

    type: str | None
    format: str | None = None
    required: bool = False
    nullable: bool = False
    enum: frozenset[Any] | None = None
    limits: Mapping[str, Any] = attrs.field(factory=dict)
    children: Mapping[str, SchemaNode] = attrs.field(factory=dict)
    recursive: bool = False

    def signature(self) -> tuple[Any, ...]:
        """Return the facts two positions must share to be one field under two names (a rename)."""
        return (self.type, self.format, self.nullable, self.enum, tuple(sorted(self.children)))


def resolve(node: Any, resolver: Resolver, where: str) -> tuple[dict[str, Any], Resolver]:
    """Follow ``$ref`` until a schema or object with content; siblings of a ``$ref`` win."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or ref in seen:
            raise ContractDocumentError(f"{where}: circular or malformed $ref {ref!r}")
        seen.add(ref)
        try:
            resolved = resolver.lookup(ref)
        except Unresolvable:
            # Not the library's message: it prints the whole document.
            raise ContractDocumentError(f"{where}: cannot resolve $ref {ref!r}") from None
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        contents = resolved.contents
        node = {**contents, **siblings} if isinstance(contents, Mapping) else contents
        resolver = resolved.resolver
    if not isinstance(node, Mapping):
        raise ContractDocumentError(f"{where}: expected an object, got {type(node).__name__}")
    return dict(node), resolver


def read_schema(
    schema: Any,
    resolver: Resolver,
    *,
    where: str,
    required: bool = False,
    _stack: frozenset[str] = frozenset(),
) -> SchemaNode:
    """Read ``schema`` (resolving references through ``resolver``) as a :class:`SchemaNode`."""
    ref = schema.get("$ref") if isinstance(schema, Mapping) else None
    if isinstance(ref, str) and ref in _stack:
        # A schema that contains itself: stop here rather than unfold it forever.
        return SchemaNode(type="object", required=required, recursive=True)
    stack = _stack | {ref} if isinstance(ref, str) else _stack
    node, resolver = resolve(schema, resolver, where)
    node, resolver = _merge_all_of(node, resolver, where)
    nullable = bool(node.get("nullable") or node.get("x-nullable"))
    types, nullable_by_type = _types(node.get("type"))
    nullable = nullable or nullable_by_type
    alternatives = node.get("oneOf") or node.get("anyOf")
    if isinstance(alternatives, list):
        branches = [b for b in alternatives if not _is_null_schema(b)]
        nullable = nullable or len(branches) < len(alternatives)
        if len(branches) == 1:
            inner = read_schema(branches[0], resolver, where=where, required=required, _stack=stack)
            return attrs.evolve(inner, nullable=inner.nullable or nullable)
        read = [read_schema(b, resolver, where=where, _stack=stack) for b in branches]
        types = sorted({t for branch in read for t in (branch.type or "any").split("|")})
    children: dict[str, SchemaNode] = {}
    needed = set(node.get("required") or ())
    for name, sub in (node.get("properties") or {}).items():
        children[name] = read_schema(
            sub, resolver, where=f"{where}.{name}", required=name in needed, _stack=stack
        )
    if "items" in node:
        children[ITEMS] = read_schema(
            node["items"], resolver, where=f"{where}[]", required=True, _stack=stack
        )
    if not types and children:
        types = ["array"] if set(children) == {ITEMS} else ["object"]
    enum = node.get("enum")
    return SchemaNode(
        type="|".join(types) if types else None,
        format=node.get("format"),
        required=required,
        nullable=nullable,
        enum=frozenset(v for v in enum if v is not None) if isinstance(enum, list) else None,
        limits=_limits(node),
        children=children,
    )


def _types(declared: Any) -> tuple[list[str], bool]:
    """OpenAPI 3.1 allows a list of types; ``"null"`` in it means nullable."""
    if declared is None:
        return [], False
    listed = declared if isinstance(declared, list) else [declared]
    kept = sorted(str(t) for t in listed if t != "null")
    return kept, len(kept) < len(listed)


def _is_null_schema(schema: Any) -> bool:
    return isinstance(schema, Mapping) and schema.get("type") == "null" and len(schema) == 1


def _merge_all_of(
    node: dict[str, Any], resolver: Resolver, where: str
) -> tuple[dict[str, Any], Resolver]:
    """Fold ``allOf`` into one schema: properties and ``required`` unite, other keys add up."""
    parts = node.pop("allOf", None)
    if not isinstance(parts, list):
        return node, resolver
    merged: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    required: list[str] = []
    for part in [*parts, node]:
        # Every reference points into the one document, so the resolver stays the same.
        body, _ = resolve(part, resolver, where)
        body, _ = _merge_all_of(body, resolver, where)
        properties.update(body.pop("properties", None) or {})
        required.extend(body.pop("required", None) or ())
        for key, value in body.items():
            merged.setdefault(key, value)
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged, resolver


def _limits(node: Mapping[str, Any]) -> dict[str, Any]:
    limits = {key: node[key] for key in LIMIT_KEYWORDS if node.get(key) is not None}
    # Swagger 2.0 / OpenAPI 3.0 spell an exclusive bound as a flag on minimum/maximum;
    # OpenAPI 3.1 gives the bound itself. Compare the 3.1 form.
    for flag, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if limits.get(flag) is True and bound in limits:
            limits[flag] = limits.pop(bound)
        elif limits.get(flag) is False:
            del limits[flag]
    return limits

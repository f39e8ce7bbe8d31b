"""Render sigma_async/operations.py: the spec's operations and facts as a Python table.

Everything the client, the CLI and the emulator must agree on about the API (each operation's
method, path, parameters, models and retry rules; the API prefix; list caps; enums; sortable
fields; secret fields) is read here from the spec, once, and written out as plain data.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

HEADER = '''\
# DO NOT EDIT: generated from openapi/sigma-livestream.yaml by codegen/operations.py.
# Change the spec or the generator, then run `nox -s codegen`; `nox -s codegen-check` fails when
# this file differs from a fresh generation.
"""The Sigma Livestream API's operations and facts, generated from the OpenAPI contract.

Every fact about the API that code needs (a path, a method, which calls may be retried, the list
cap, an enum's values, a sortable field, a secret field) is read from here, never restated.
"""
'''

_METHODS = ("get", "post", "put", "patch", "delete")
_SORT_PATTERN = re.compile(r"^\^\((?P<fields>[^)]*)\)\\\|\(asc\|desc\)\$$")
_REF = "#/components/"


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith(_REF), ref
        kind, name = ref[len(_REF) :].split("/")
        node = spec["components"][kind][name]
    return node


def _ref_name(node: dict[str, Any] | None) -> str | None:
    if node is None:
        return None
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[1] if ref else None


def _json_schema(operation: dict[str, Any], key: str) -> dict[str, Any] | None:
    content = operation.get(key, {}).get("content", {})
    return content.get("application/json", {}).get("schema")


def _success(operation: dict[str, Any]) -> tuple[int, str | None]:
    for status, response in operation["responses"].items():
        if str(status).startswith("2"):
            return int(status), _ref_name(_json_schema({"r": response}, "r"))
    raise ValueError(f"{operation['operationId']}: no 2xx response")


def _sortable(parameters: list[dict[str, Any]]) -> tuple[str, ...]:
    for parameter in parameters:
        if parameter["name"] == "sort":
            match = _SORT_PATTERN.match(parameter["schema"]["pattern"])
            assert match, parameter["schema"]["pattern"]
            return tuple(field.replace("\\.", ".") for field in match["fields"].split("|"))
    return ()


def _secret_paths(
    spec: dict[str, Any], schema_name: str, prefix: str = "", seen: tuple[str, ...] = ()
) -> list[str]:
    """Wire paths (dotted) of every x-sigma-secret field reachable from a schema."""
    if schema_name in seen:
        return []
    schema = spec["components"]["schemas"][schema_name]
    paths: list[str] = []
    for wire_name, prop in schema.get("properties", {}).items():
        path = f"{prefix}{wire_name}"
        if prop.get("x-sigma-secret"):
            paths.append(path)
        target = _ref_name(prop) or _ref_name(prop.get("items"))
        if target and spec["components"]["schemas"][target].get("type") == "object":
            paths += _secret_paths(spec, target, f"{path}.", (*seen, schema_name))
    return paths


def _secret(prop: dict[str, Any]) -> bool:
    return bool(prop.get("x-sigma-secret"))


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for path, item in spec["paths"].items():
        shared = [_resolve(spec, p) for p in item.get("parameters", [])]
        for method in _METHODS:
            if method not in item:
                continue
            operation = item[method]
            parameters = shared + [_resolve(spec, p) for p in operation.get("parameters", [])]
            status, response = _success(operation)
            found.append(
                {
                    "operation_id": operation["operationId"],
                    "resource": operation["tags"][0],
                    "method": method.upper(),
                    "path": path,
                    "path_params": tuple(p["name"] for p in parameters if p["in"] == "path"),
                    "query_params": tuple(p["name"] for p in parameters if p["in"] == "query"),
                    "request_model": _ref_name(_json_schema(operation, "requestBody")),
                    "response_model": response,
                    "success_status": status,
                    "idempotent": operation["x-sigma-idempotent"],
                    "retry_404_means_done": operation.get("x-sigma-retry-404-means-done", False),
                    "inferred": operation.get("x-sigma-inferred", False),
                    "sortable": _sortable(parameters),
                    "summary": operation["summary"],
                }
            )
    return found


def _constant(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).upper()  # startChannel -> START_CHANNEL


def render(spec_path: Path) -> str:
    """Return the source of sigma_async/operations.py (unformatted; ruff formats it)."""
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    server = urlsplit(spec["servers"][0]["url"])
    schemas = spec["components"]["schemas"]
    parameters = spec["components"]["parameters"]
    operations = _operations(spec)
    models = sorted(
        {op["request_model"] for op in operations if op["request_model"]}
        | {op["response_model"] for op in operations if op["response_model"]}
    )
    enums = {name: schema["enum"] for name, schema in schemas.items() if "enum" in schema}
    secrets = {
        name: tuple(_secret_paths(spec, name))
        for name, schema in schemas.items()
        if schema.get("type") == "object" and _secret_paths(spec, name)
    }
    max_per_page = parameters["PerPage"]["schema"]["x-sigma-max"]
    max_depth = parameters["Query"]["content"]["application/json"]["schema"]["x-sigma-max-depth"]

    out: list[str] = [HEADER, "from __future__ import annotations", ""]
    out.append("from types import MappingProxyType")
    out.append("from typing import Final")
    out.append("")
    out.append("import attrs")
    out.append("")
    out.append(f"from .models import {', '.join(models)}")
    out.append("")
    names = [_constant(op["operation_id"]) for op in operations]
    exported = sorted(
        [
            "API_PREFIX",
            "DEFAULT_BASE_URL",
            "ENUMS",
            "MAX_FILTER_DEPTH",
            "MAX_PER_PAGE",
            "OPERATIONS",
            "Operation",
            "SECRET_FIELDS",
            "SECRET_PATHS",
            *names,
        ]
    )
    out.append(f"__all__ = {exported!r}")
    out.append("")
    out.append(f"DEFAULT_BASE_URL: Final = {server.scheme + '://' + server.netloc!r}")
    out.append('"""The service root the client talks to unless told otherwise."""')
    out.append(f"API_PREFIX: Final = {server.path.rstrip('/')!r}")
    out.append('"""Where the API lives under the service root; every operation path follows it."""')
    out.append(f"MAX_PER_PAGE: Final = {max_per_page!r}")
    out.append(
        '"""The service caps ``perPage`` at this; the SDK refuses more rather than be capped."""'
    )
    out.append(f"MAX_FILTER_DEPTH: Final = {max_depth!r}")
    out.append('"""The deepest ``q`` filter nesting the SDK sends and the emulator accepts."""')
    out.append("")
    out.append("ENUMS: Final = MappingProxyType(")
    out.append("    {")
    for name, values in enums.items():
        out.append(f"        {name!r}: {tuple(values)!r},")
    out.append("    }")
    out.append(")")
    out.append('"""Each enum schema\'s documented wire values, in the spec\'s order."""')
    out.append("")
    fields = {
        name: wires
        for name, schema in schemas.items()
        if (wires := tuple(w for w, p in schema.get("properties", {}).items() if _secret(p)))
    }
    out.append(f"SECRET_FIELDS: Final = MappingProxyType({fields!r})")
    out.append(
        '"""The wire names of each schema\'s ``x-sigma-secret`` fields (credentials, keys)."""'
    )
    out.append(f"SECRET_PATHS: Final = MappingProxyType({secrets!r})")
    out.append(
        '"""Dotted wire paths of the secrets reachable from a schema (``input.streamToken``)."""'
    )
    out.append("")
    out.append("")
    out.append(OPERATION_CLASS)
    for op, name in zip(operations, names, strict=True):
        out.append(f"{name}: Final = Operation(")
        for key in (
            "operation_id",
            "resource",
            "method",
            "path",
            "path_params",
            "query_params",
        ):
            out.append(f"    {key}={op[key]!r},")
        out.append(f"    request_model={op['request_model'] or 'None'},")
        out.append(f"    response_model={op['response_model'] or 'None'},")
        for key in ("success_status", "idempotent", "retry_404_means_done", "inferred", "sortable"):
            out.append(f"    {key}={op[key]!r},")
        out.append(")")
        out.append(f'"""{op["summary"]}"""')
        out.append("")
    out.append("OPERATIONS: Final = MappingProxyType(")
    out.append("    {")
    for op, name in zip(operations, names, strict=True):
        out.append(f"        {op['operation_id']!r}: {name},")
    out.append("    }")
    out.append(")")
    out.append('"""Every operation of the spec, by operationId, in the spec\'s order."""')
    return "\n".join(out) + "\n"


OPERATION_CLASS = '''
@attrs.frozen(kw_only=True)
class Operation:
    """One operation of the spec: what a request for it looks like and how it may be retried."""

    operation_id: str
    """The spec's ``operationId`` (``startChannel``)."""
    resource: str
    """The API area (the spec tag): ``channels``, ``sessions`` or ``events``."""
    method: str
    """The HTTP method, upper case."""
    path: str
    """The path template under :data:`API_PREFIX` (``/channels/{channelId}/start``)."""
    path_params: tuple[str, ...]
    """The template's parameters, each filled with exactly one encoded path segment."""
    query_params: tuple[str, ...]
    """The query parameters the operation takes (wire names)."""
    request_model: type | None
    """The model of the JSON body, or None for a bodiless request."""
    response_model: type | None
    """The model of a success body, or None when the spec documents none (it is ignored)."""
    success_status: int
    """The documented success status."""
    idempotent: bool
    """Whether sending it again cannot do twice what it does (a create can)."""
    retry_404_means_done: bool
    """Whether a 404 on a retry, after an attempt that may have run, means that attempt did it."""
    inferred: bool
    """Whether the operation is inferred rather than documented in the vendor's guide."""
    sortable: tuple[str, ...]
    """The fields a list operation sorts by (``sort=field|asc``); empty for the others."""

'''

"""A whole OpenAPI 3.0/3.1 or Swagger 2.0 document, read as the operations it promises.

Each operation is keyed by its method and path *shape* (``GET /channels/{}``), so that a renamed
path parameter is one operation with a difference, not one missing and one added. Paths are read
under the API prefix wherever the document puts it (in the paths themselves, as NestJS does, in
``servers``, or in Swagger's ``basePath``). Header and cookie parameters are left out: the API's
headers are its authentication, which documents spell as security schemes or not at all.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
from referencing import Registry
from referencing.jsonschema import DRAFT4, DRAFT202012

from ..operations import API_PREFIX
from ._schema import ContractDocumentError, SchemaNode, read_schema, resolve

if TYPE_CHECKING:
    from ._schema import Resolver

__all__ = [
    "Contract",
    "ContractDocumentError",
    "OperationShape",
    "PathParameter",
    "path_shape",
    "read_document",
]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_TEMPLATE = re.compile(r"\{[^}/]+\}")
_DOCUMENT_URI = "urn:sigma-async:contract-document"
_JSON = re.compile(r"^application/(?:[\w.+-]+\+)?json\b")


@attrs.frozen
class PathParameter:
    """A path template's parameter, in its position."""

    name: str
    schema: SchemaNode


@attrs.frozen
class OperationShape:
    """What a document says about one operation."""

    method: str
    path: str
    """The template under the API prefix, with the document's parameter names."""
    operation_id: str | None
    inferred: bool
    path_params: tuple[PathParameter, ...]
    query_params: Mapping[str, SchemaNode]
    request: SchemaNode | None
    """The JSON body's schema (``required`` says whether a body is required), or None."""
    success_statuses: tuple[str, ...]
    """The documented 2xx statuses, in order."""
    response: SchemaNode | None
    """The JSON body of the first success status, or None when it documents none."""

    @property
    def label(self) -> str:
        """``GET /channels/{channelId}``."""
        return f"{self.method} {self.path}"


@attrs.frozen
class Contract:
    """Every operation of one document, by (method, path shape)."""

    dialect: str
    """``OpenAPI 3.0.3``, ``Swagger 2.0``, ..."""
    operations: Mapping[tuple[str, str], OperationShape]


def path_shape(path: str) -> str:
    """Return the template with its parameter names blanked (``/channels/{}``)."""
    return _TEMPLATE.sub("{}", path)


def read_document(document: Mapping[str, Any]) -> Contract:
    """Read a parsed OpenAPI/Swagger document; :class:`ContractDocumentError` if it is not one."""
    if not isinstance(document, Mapping):
        raise ContractDocumentError("the document is not a JSON object")
    swagger = str(document.get("swagger", ""))
    openapi = str(document.get("openapi", ""))
    if swagger.startswith("2."):
        dialect, draft = f"Swagger {swagger}", DRAFT4
    elif openapi.startswith("3.0"):
        dialect, draft = f"OpenAPI {openapi}", DRAFT4
    elif openapi.startswith("3.1"):
        dialect, draft = f"OpenAPI {openapi}", DRAFT202012
    else:
        raise ContractDocumentError(
            "not an OpenAPI 3.0/3.1 or Swagger 2.0 document (no 'openapi' or 'swagger' version)"
        )
    paths = document.get("paths")
    if not isinstance(paths, Mapping):
        raise ContractDocumentError("the document has no 'paths' object")
    registry: Registry[Any] = Registry().with_resource(
        _DOCUMENT_URI, draft.create_resource(document)
    )
    resolver = registry.resolver(base_uri=_DOCUMENT_URI)
    base = _base_path(document)
    swagger2 = bool(swagger)
    operations: dict[tuple[str, str], OperationShape] = {}
    for raw_path, item in paths.items():
        item_node, item_resolver = resolve(item, resolver, f"paths.{raw_path}")
        path = _under_prefix(base + str(raw_path))
        shared = item_node.get("parameters") or []
        for method in _METHODS:
            if method not in item_node:
                continue
            where = f"{method.upper()} {path}"
            op, op_resolver = resolve(item_node[method], item_resolver, where)
            shape = _read_operation(op, op_resolver, method.upper(), path, shared, swagger2)
            operations[shape.method, path_shape(path)] = shape
    return Contract(dialect=dialect, operations=operations)


def _base_path(document: Mapping[str, Any]) -> str:
    if "basePath" in document:
        return str(document["basePath"] or "").rstrip("/")
    servers = document.get("servers") or []
    first = servers[0] if servers and isinstance(servers[0], Mapping) else {}
    return urllib.parse.urlsplit(str(first.get("url", ""))).path.rstrip("/")


def _under_prefix(path: str) -> str:
    path = "/" + path.strip("/")
    if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
        path = path[len(API_PREFIX) :] or "/"
    return path


def _read_operation(
    op: Mapping[str, Any],
    resolver: Resolver,
    method: str,
    path: str,
    shared: list[Any],
    swagger2: bool,
) -> OperationShape:
    where = f"{method} {path}"
    parameters: dict[tuple[str, str], tuple[Mapping[str, Any], Resolver]] = {}
    for raw in [*shared, *(op.get("parameters") or [])]:
        parameter, param_resolver = resolve(raw, resolver, f"{where} parameters")
        key = (str(parameter.get("in")), str(parameter.get("name")))
        parameters[key] = (parameter, param_resolver)  # the operation's own wins
    path_params = tuple(
        PathParameter(name, _parameter_schema(*parameters[("path", name)], where=where))
        if ("path", name) in parameters
        else PathParameter(name, SchemaNode(type=None, required=True))
        for name in (m.group(0)[1:-1] for m in _TEMPLATE.finditer(path))
    )
    query = {
        name: _parameter_schema(parameter, param_resolver, where=where)
        for (location, name), (parameter, param_resolver) in parameters.items()
        if location == "query"
    }
    if swagger2:
        request = _swagger_body(parameters, where)
    else:
        request = _request_body(op.get("requestBody"), resolver, where)
    responses = op.get("responses") or {}
    successes = tuple(str(s) for s in responses if str(s).startswith("2"))
    response = None
    if successes:
        first, first_resolver = resolve(responses[_key(responses, successes[0])], resolver, where)
        response = _response_body(
            first, first_resolver, f"{where} response {successes[0]}", swagger2
        )
    return OperationShape(
        method=method,
        path=path,
        operation_id=op.get("operationId"),
        inferred=bool(op.get("x-sigma-inferred")),
        path_params=path_params,
        query_params=query,
        request=request,
        success_statuses=successes,
        response=response,
    )


def _key(responses: Mapping[Any, Any], status: str) -> Any:
    # YAML may have read an unquoted status as an int.
    return status if status in responses else int(status)


def _parameter_schema(
    parameter: Mapping[str, Any], resolver: Resolver, *, where: str
) -> SchemaNode:
    required = bool(parameter.get("required"))
    name = f"{where} parameter {parameter.get('name')}"
    if "schema" in parameter:
        return read_schema(parameter["schema"], resolver, where=name, required=required)
    if "content" in parameter:
        # A value serialised as JSON (the `q` filter) travels as a string.
        return SchemaNode(type="string", format="json", required=required)
    # Swagger 2.0: the schema keywords sit on the parameter itself.
    return read_schema(
        {k: v for k, v in parameter.items() if k not in ("name", "in", "required", "description")},
        resolver,
        where=name,
        required=required,
    )


def _json_schema(content: Any) -> Any:
    if not isinstance(content, Mapping):
        return None
    for media_type, body in content.items():
        if _JSON.match(str(media_type)) and isinstance(body, Mapping) and "schema" in body:
            return body["schema"]
    return None


def _swagger_body(
    parameters: Mapping[tuple[str, str], tuple[Mapping[str, Any], Resolver]], where: str
) -> SchemaNode | None:
    """Swagger 2.0 sends a JSON body as the one parameter ``in: body``."""
    for (location, _), (parameter, resolver) in parameters.items():
        if location == "body":
            required = bool(parameter.get("required"))
            schema = parameter.get("schema", {})
            return read_schema(schema, resolver, where=f"{where} body", required=required)
    return None


def _request_body(body: Any, resolver: Resolver, where: str) -> SchemaNode | None:
    if body is None:
        return None
    node, body_resolver = resolve(body, resolver, f"{where} requestBody")
    schema = _json_schema(node.get("content"))
    if schema is None:
        return None
    return read_schema(
        schema, body_resolver, where=f"{where} body", required=bool(node.get("required"))
    )


def _response_body(
    response: Mapping[str, Any], resolver: Resolver, where: str, swagger2: bool
) -> SchemaNode | None:
    schema = response.get("schema") if swagger2 else _json_schema(response.get("content"))
    if schema is None:
        return None
    return read_schema(schema, resolver, where=where, required=True)

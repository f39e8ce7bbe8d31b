"""The bundled contract rendered the way NestJS's Swagger module would serve it.

The vendor's service is a NestJS application; ``@nestjs/swagger`` builds its document from the
controllers and DTO classes, which gives it a recognisable form, reproduced here so that the
emulator serves what the real service would if it matched our spec exactly:

- OpenAPI ``3.0.0`` JSON, ``servers: []``, every path carrying the global prefix
  (``/api/livestream/channels``);
- operationIds ``<Controller>_<method>`` (``ChannelsController_createChannel``);
- parameters written out in each operation (no ``components.parameters``), a JSON query value
  (``q``) declared as a string;
- DTOs under ``components.schemas``, enums written inline in the properties that use them (what
  ``@ApiProperty({ enum })`` gives without ``enumName``);
- only the success response of each operation (the error responses need decorators);
- none of our ``x-sigma-*`` extensions.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from ..operations import API_PREFIX
from ._load import bundled_document

__all__ = ["NESTJS_OPENAPI_VERSION", "nestjs_document"]

NESTJS_OPENAPI_VERSION = "3.0.0"
"""The ``openapi`` version ``@nestjs/swagger`` writes."""

_METHODS = ("get", "put", "post", "delete", "patch")


def nestjs_document(
    spec: Mapping[str, Any] | None = None, *, prefix: str = API_PREFIX
) -> dict[str, Any]:
    """Render ``spec`` (default: the bundled contract) as NestJS would serve it under ``prefix``."""
    source = copy.deepcopy(dict(spec)) if spec is not None else bundled_document()
    components = source.get("components", {})
    schemas = components.get("schemas", {})
    enums = {name: schema for name, schema in schemas.items() if "enum" in schema}
    paths: dict[str, Any] = {}
    for path, item in source["paths"].items():
        shared = item.get("parameters", [])
        rendered: dict[str, Any] = {}
        for method in _METHODS:
            if method in item:
                rendered[method] = _operation(item[method], shared, components)
        paths[prefix + path] = rendered
    document: dict[str, Any] = _strip_extensions(
        {
            "openapi": NESTJS_OPENAPI_VERSION,
            "paths": paths,
            "info": {
                "title": source["info"]["title"],
                "description": source["info"].get("description", ""),
                "version": source["info"]["version"],
                "contact": {},
            },
            "tags": [],
            "servers": [],
            "components": {
                "securitySchemes": components.get("securitySchemes", {}),
                "schemas": {
                    name: _inline_enums(schema, enums)
                    for name, schema in schemas.items()
                    if name not in enums
                },
            },
        }
    )
    return document


def _operation(
    op: Mapping[str, Any], shared: list[Any], components: Mapping[str, Any]
) -> dict[str, Any]:
    tag = (op.get("tags") or ["app"])[0]
    parameters = [_parameter(_deref(p, components)) for p in [*shared, *op.get("parameters", [])]]
    rendered: dict[str, Any] = {
        "operationId": f"{tag.capitalize()}Controller_{op['operationId']}",
        "summary": op.get("summary", ""),
        "parameters": parameters,
    }
    if "requestBody" in op:
        rendered["requestBody"] = _deref(op["requestBody"], components)
    status, response = next((s, r) for s, r in op["responses"].items() if str(s).startswith("2"))
    response = _deref(response, components)
    rendered["responses"] = {str(status): {"description": response.get("description", "")}}
    if "content" in response:
        rendered["responses"][str(status)]["content"] = response["content"]
    rendered["tags"] = list(op.get("tags", []))
    rendered["security"] = [{"basicAuth": [], "appId": []}]
    return rendered


def _parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    """NestJS order and form: name, required, in, description, schema (JSON values as strings)."""
    if "content" in parameter:
        schema: dict[str, Any] = {"type": "string"}
    else:
        schema = parameter["schema"]
    rendered = {"name": parameter["name"], "required": parameter.get("required", False)}
    rendered["in"] = parameter["in"]
    if "description" in parameter:
        rendered["description"] = parameter["description"]
    rendered["schema"] = schema
    return rendered


def _deref(node: Any, components: Mapping[str, Any]) -> Any:
    """Write out a ``#/components/{parameters,responses,requestBodies}/X`` reference."""
    while isinstance(node, Mapping) and "$ref" in node:
        _, section, name = node["$ref"].removeprefix("#/").split("/")
        node = components[section][name]
    return copy.deepcopy(node)


def _inline_enums(schema: Any, enums: Mapping[str, Any]) -> Any:
    """Replace each reference to an enum schema by the enum itself, as NestJS writes it."""
    if isinstance(schema, list):
        return [_inline_enums(item, enums) for item in schema]
    if not isinstance(schema, Mapping):
        return schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.rsplit("/", 1)[-1] in enums:
        target = enums[ref.rsplit("/", 1)[-1]]
        return {"type": target.get("type", "string"), "enum": list(target["enum"])}
    return {key: _inline_enums(value, enums) for key, value in schema.items()}


def _strip_extensions(node: Any) -> Any:
    if isinstance(node, list):
        return [_strip_extensions(item) for item in node]
    if isinstance(node, Mapping):
        return {k: _strip_extensions(v) for k, v in node.items() if not str(k).startswith("x-")}
    return node

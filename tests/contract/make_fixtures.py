"""Write tests/contract/fixtures/: the same contract in other dialects, and drifted documents.

    python -m tests.contract.make_fixtures          # rewrite the fixtures
    (tests/contract/test_fixtures.py fails when a committed fixture differs from this output)

- ``swagger-2.0.json`` and ``openapi-3.1.json``: the bundled spec written in Swagger 2.0 and in
  OpenAPI 3.1 by hand-rolled converters (independent of the code under test), each of which must
  report no drift.
- ``drift-*.json``: the NestJS rendering the emulator serves, with one change each.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sigma_async.contract import bundled_document
from sigma_async.contract.nestjs import nestjs_document
from sigma_async.operations import API_PREFIX

FIXTURES = Path(__file__).parent / "fixtures"


# Swagger 2.0 -----------------------------------------------------------------------------------


def _swagger_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema -> Swagger 2.0: #/definitions, x-nullable, no oneOf."""
    if isinstance(node, list):
        return [_swagger_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref":
            out[key] = value.replace("#/components/schemas/", "#/definitions/")
        elif key == "nullable":
            out["x-nullable"] = value
        elif key == "oneOf":
            out.update(_swagger_schema(value[0]))  # Swagger 2.0 has no oneOf: keep the first
        else:
            out[key] = _swagger_schema(value)
    return out


def _swagger_parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in parameter:
        return {"$ref": parameter["$ref"].replace("#/components/parameters/", "#/parameters/")}
    out = {k: v for k, v in parameter.items() if k not in ("schema", "content", "example")}
    if "content" in parameter:
        out["type"] = "string"  # a JSON value in a query string
    else:
        out.update(_swagger_schema(parameter["schema"]))
    return out


def _swagger_response(response: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in response:
        response = components["responses"][response["$ref"].rsplit("/", 1)[-1]]
    out: dict[str, Any] = {"description": response.get("description", "")}
    json_body = response.get("content", {}).get("application/json")
    if json_body is not None:
        out["schema"] = _swagger_schema(json_body["schema"])
    return out


def to_swagger2(spec: dict[str, Any]) -> dict[str, Any]:
    components = spec["components"]
    paths: dict[str, Any] = {}
    for path, item in spec["paths"].items():
        out_item: dict[str, Any] = {}
        for key, op in item.items():
            if key == "parameters":
                out_item[key] = [_swagger_parameter(p) for p in op]
                continue
            out_op = {k: v for k, v in op.items() if k not in ("requestBody", "responses")}
            parameters = [_swagger_parameter(p) for p in op.get("parameters", [])]
            if "requestBody" in op:
                body = op["requestBody"]
                schema = body["content"]["application/json"]["schema"]
                parameters.append(
                    {
                        "in": "body",
                        "name": "body",
                        "required": body.get("required", False),
                        "schema": _swagger_schema(schema),
                    }
                )
            if parameters:
                out_op["parameters"] = parameters
            out_op["responses"] = {
                status: _swagger_response(response, components)
                for status, response in op["responses"].items()
            }
            out_item[key] = out_op
        paths[path] = out_item
    return {
        "swagger": "2.0",
        "info": spec["info"],
        "host": "api.sigma.video",
        "basePath": API_PREFIX,
        "schemes": ["https"],
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "securityDefinitions": {
            "basicAuth": {"type": "basic"},
            "appId": {"type": "apiKey", "in": "header", "name": "X-App-Id"},
        },
        "security": spec["security"],
        "parameters": {name: _swagger_parameter(p) for name, p in components["parameters"].items()},
        "paths": paths,
        "definitions": _swagger_schema(components["schemas"]),
    }


# OpenAPI 3.1 -----------------------------------------------------------------------------------


def _schema_31(node: Any) -> Any:
    """OpenAPI 3.0 -> 3.1: ``nullable: true`` becomes a ``"null"`` in the type list."""
    if isinstance(node, list):
        return [_schema_31(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _schema_31(v) for k, v in node.items() if k != "nullable"}
    if node.get("nullable") and "type" in node:
        out["type"] = [node["type"], "null"]
    return out


def to_openapi31(spec: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = _schema_31(copy.deepcopy(spec))
    out["openapi"] = "3.1.0"
    return out


# Drifted NestJS documents ----------------------------------------------------------------------


def _schemas(doc: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = doc["components"]["schemas"]
    return schemas


def _renamed_field(doc: dict[str, Any]) -> None:
    properties = _schemas(doc)["Channel"]["properties"]
    properties["playbackUrl"] = properties.pop("liveStreamUrl")


def _new_required_field(doc: dict[str, Any]) -> None:
    schema = _schemas(doc)["ChannelCreate"]
    schema["properties"]["region"] = {"type": "string"}
    schema["required"].append("region")


def _enum_value_added(doc: dict[str, Any]) -> None:
    _schemas(doc)["Event"]["properties"]["action"]["enum"].append("transcoded")


def _operation_missing(doc: dict[str, Any]) -> None:
    del doc["paths"][API_PREFIX + "/sessions/{sessionId}"]


def _path_parameter_renamed(doc: dict[str, Any]) -> None:
    item = doc["paths"].pop(API_PREFIX + "/channels/{channelId}/start")
    item["patch"]["parameters"][0]["name"] = "id"
    doc["paths"][API_PREFIX + "/channels/{id}/start"] = item


def _changed_type(doc: dict[str, Any]) -> None:
    _schemas(doc)["Session"]["properties"]["duration"]["type"] = "string"


DRIFTS: dict[str, Callable[[dict[str, Any]], None]] = {
    "drift-renamed-field.json": _renamed_field,
    "drift-new-required-field.json": _new_required_field,
    "drift-enum-value-added.json": _enum_value_added,
    "drift-operation-missing.json": _operation_missing,
    "drift-path-parameter-renamed.json": _path_parameter_renamed,
    "drift-changed-type.json": _changed_type,
}


def render_all() -> dict[str, str]:
    """Every fixture's name and text."""
    documents = {
        "swagger-2.0.json": to_swagger2(bundled_document()),
        "openapi-3.1.json": to_openapi31(bundled_document()),
    }
    for name, drift in DRIFTS.items():
        document = nestjs_document()
        drift(document)
        documents[name] = document
    return {name: json.dumps(doc, indent=1) + "\n" for name, doc in documents.items()}


def main() -> None:
    FIXTURES.mkdir(exist_ok=True)
    for name, text in render_all().items():
        (FIXTURES / name).write_text(text, encoding="utf-8")
        print(f"wrote {FIXTURES / name}")


if __name__ == "__main__":
    main()

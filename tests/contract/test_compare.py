"""compare_documents: the renderings of the same contract agree; each drift is found and named."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from sigma_async.contract import DocumentUnavailableError, compare_documents
from sigma_async.contract.nestjs import nestjs_document
from sigma_async.operations import API_PREFIX, OPERATIONS

from .make_fixtures import FIXTURES


def _load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((FIXTURES / name).read_text("utf-8"))
    return document


def _found(name: str) -> set[tuple[str, str, str]]:
    report = compare_documents(_load(name), source=name)
    assert report.exit_code == 1
    return {(d.operation, d.kind, d.where) for d in report.differences}


@pytest.mark.parametrize("name", ["swagger-2.0.json", "openapi-3.1.json"])
def test_other_dialects_of_the_same_contract_report_no_drift(name: str) -> None:
    report = compare_documents(_load(name), source=name)
    assert report.differences == ()
    assert report.exit_code == 0
    assert {v.operation_id: v.verdict for v in report.inferred} == {
        op.operation_id: "confirmed" for op in OPERATIONS.values() if op.inferred
    }


def test_the_nestjs_rendering_reports_no_drift() -> None:
    report = compare_documents(nestjs_document())
    assert report.differences == ()
    assert report.dialect == "OpenAPI 3.0.0"
    assert report.operations_checked == len(OPERATIONS)


def test_renamed_field() -> None:
    body = "response 200 body"
    assert _found("drift-renamed-field.json") == {
        ("GET /channels", "field-renamed", f"{body}: data[].liveStreamUrl"),
        ("POST /channels", "field-renamed", "response 201 body: liveStreamUrl"),
        ("GET /channels/{channelId}", "field-renamed", f"{body}: liveStreamUrl"),
        ("PATCH /channels/{channelId}", "field-renamed", f"{body}: liveStreamUrl"),
        ("GET /sessions", "field-renamed", f"{body}: data[].channel.liveStreamUrl"),
        ("GET /sessions/{sessionId}", "field-renamed", f"{body}: channel.liveStreamUrl"),
    }
    report = compare_documents(_load("drift-renamed-field.json"))
    assert {(d.expected, d.actual) for d in report.differences} == {
        ("liveStreamUrl", "playbackUrl")
    }


def test_new_required_field() -> None:
    assert _found("drift-new-required-field.json") == {
        ("POST /channels", "field-added", "request body: region")
    }
    (difference,) = compare_documents(_load("drift-new-required-field.json")).differences
    assert "a required field" in difference.message


def test_enum_value_added() -> None:
    assert _found("drift-enum-value-added.json") == {
        ("GET /events", "enum-values-added", "response 200 body: data[].action"),
        ("GET /sessions", "enum-values-added", "response 200 body: data[].events[].action"),
        ("GET /sessions/{sessionId}", "enum-values-added", "response 200 body: events[].action"),
    }
    report = compare_documents(_load("drift-enum-value-added.json"))
    assert {tuple(d.actual) for d in report.differences} == {("transcoded",)}


def test_operation_missing_contradicts_the_inferred_operation() -> None:
    assert _found("drift-operation-missing.json") == {
        ("GET /sessions/{sessionId}", "operation-missing", "operation")
    }
    report = compare_documents(_load("drift-operation-missing.json"))
    verdicts = {v.operation_id: v.verdict for v in report.inferred}
    assert verdicts == {
        "listChannels": "confirmed",
        "updateChannel": "confirmed",
        "getSession": "contradicted",
    }


def test_path_parameter_renamed() -> None:
    assert _found("drift-path-parameter-renamed.json") == {
        (
            "PATCH /channels/{channelId}/start",
            "path-parameter-renamed",
            "path parameter 1 (channelId)",
        )
    }
    (difference,) = compare_documents(_load("drift-path-parameter-renamed.json")).differences
    assert (difference.expected, difference.actual) == ("channelId", "id")


def test_changed_type() -> None:
    assert _found("drift-changed-type.json") == {
        ("GET /sessions", "type-changed", "response 200 body: data[].duration"),
        ("GET /sessions/{sessionId}", "type-changed", "response 200 body: duration"),
    }
    report = compare_documents(_load("drift-changed-type.json"))
    assert {(d.expected, d.actual) for d in report.differences} == {("number", "string")}


# The class, not only the examples: every property of every schema, every parameter. ----------


def _properties() -> list[tuple[str, str]]:
    schemas = nestjs_document()["components"]["schemas"]
    return [
        (schema, name)
        for schema, body in schemas.items()
        if schema != "ErrorBody"  # in no success body: a change to it is not the API's contract
        for name in body.get("properties", {})
    ]


def _ends_at(where: str, name: str) -> bool:
    return where.endswith((f": {name}", f".{name}", f"[].{name}"))


@pytest.mark.parametrize(("schema", "name"), _properties())
def test_every_property_removed_is_named_as_missing(schema: str, name: str) -> None:
    document = nestjs_document()
    del document["components"]["schemas"][schema]["properties"][name]
    differences = compare_documents(document).differences
    assert differences, f"{schema}.{name} removed, nothing reported"
    assert all(d.kind == "field-missing" and _ends_at(d.where, name) for d in differences)


@pytest.mark.parametrize(("schema", "name"), _properties())
def test_every_property_retyped_is_named_as_a_type_change(schema: str, name: str) -> None:
    document = nestjs_document()
    prop = document["components"]["schemas"][schema]["properties"][name]
    new_type = "integer" if prop.get("type") == "boolean" else "boolean"
    prop.clear()
    prop["type"] = new_type
    differences = compare_documents(document).differences
    changed = [d for d in differences if d.kind == "type-changed"]
    assert changed, f"{schema}.{name} retyped, nothing reported"
    assert all(_ends_at(d.where, name) for d in changed)


@pytest.mark.parametrize(
    ("operation_id", "parameter"),
    [(op.operation_id, p) for op in OPERATIONS.values() for p in op.query_params],
)
def test_every_query_parameter_removed_is_named(operation_id: str, parameter: str) -> None:
    operation = OPERATIONS[operation_id]
    document = nestjs_document()
    rendered = document["paths"][API_PREFIX + operation.path][operation.method.lower()]
    rendered["parameters"] = [p for p in rendered["parameters"] if p["name"] != parameter]
    found = {(d.operation_id, d.kind, d.where) for d in compare_documents(document).differences}
    assert found == {(operation_id, "parameter-missing", f"query parameters: {parameter}")}


@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_every_operation_removed_is_named(operation_id: str) -> None:
    operation = OPERATIONS[operation_id]
    document = nestjs_document()
    del document["paths"][API_PREFIX + operation.path][operation.method.lower()]
    report = compare_documents(document)
    assert [(d.operation_id, d.kind) for d in report.differences] == [
        (operation_id, "operation-missing")
    ]
    verdicts = {v.operation_id: v.verdict for v in report.inferred}
    if operation.inferred:
        assert verdicts[operation_id] == "contradicted"
    assert all(v == "confirmed" for k, v in verdicts.items() if k != operation_id)


def test_an_operation_the_sdk_does_not_know_is_reported() -> None:
    document = nestjs_document()
    document["paths"][API_PREFIX + "/transcode-profiles"] = copy.deepcopy(
        document["paths"][API_PREFIX + "/events"]
    )
    found = [(d.operation, d.kind) for d in compare_documents(document).differences]
    assert found == [("GET /transcode-profiles", "operation-added")]


def test_limits_nullability_and_required_are_compared() -> None:
    document = nestjs_document()
    create = document["components"]["schemas"]["ChannelCreate"]
    create["properties"]["name"]["maxLength"] = 64
    create["properties"]["description"]["nullable"] = False
    create["required"] = []
    found = {
        (d.kind, d.where, d.expected, d.actual) for d in compare_documents(document).differences
    }
    assert found == {
        ("limit-changed", "request body: name (maxLength)", 50, 64),
        ("nullable-changed", "request body: description", True, False),
        ("required-changed", "request body: name", True, False),
    }


@pytest.mark.parametrize(
    ("document", "needle"),
    [
        ({"paths": {}}, "no 'openapi' or 'swagger'"),
        ({"openapi": "3.0.0"}, "no 'paths'"),
        (
            {
                "openapi": "3.0.0",
                "paths": {
                    "/x": {
                        "get": {
                            "responses": {
                                "200": {
                                    "description": "",
                                    "content": {
                                        "application/json": {
                                            "schema": {"$ref": "#/components/schemas/Nowhere"}
                                        }
                                    },
                                }
                            }
                        }
                    }
                },
            },
            "cannot resolve $ref '#/components/schemas/Nowhere'",
        ),
    ],
)
def test_a_document_that_is_not_a_contract_is_unavailable(document: Any, needle: str) -> None:
    with pytest.raises(DocumentUnavailableError) as caught:
        compare_documents(document, source="x")
    assert needle in str(caught.value)
    assert len(str(caught.value)) < 300  # the error names the problem, not the whole document


def test_a_self_referencing_schema_is_read_without_unfolding_forever() -> None:
    document = nestjs_document()
    schemas = document["components"]["schemas"]
    schemas["Channel"]["properties"]["parent"] = {"$ref": "#/components/schemas/Channel"}
    found = {(d.operation, d.kind, d.where) for d in compare_documents(document).differences}
    assert ("GET /channels/{channelId}", "field-added", "response 200 body: parent") in found


def test_an_object_spread_over_all_of_reads_as_one_object() -> None:
    document = nestjs_document()
    schemas = document["components"]["schemas"]
    channel = schemas["Channel"]
    names = list(channel["properties"])
    half = len(names) // 2
    schemas["ChannelBase"] = {
        "type": "object",
        "required": ["id"],
        "properties": {name: channel["properties"][name] for name in names[:half]},
    }
    schemas["Channel"] = {
        "allOf": [
            {"$ref": "#/components/schemas/ChannelBase"},
            {
                "type": "object",
                "required": ["name"],
                "properties": {name: channel["properties"][name] for name in names[half:]},
            },
        ]
    }
    assert compare_documents(document).differences == ()


def test_a_nullable_reference_in_the_nestjs_form_is_read_as_nullable() -> None:
    document = nestjs_document()
    session = document["components"]["schemas"]["Session"]["properties"]
    session["clientInfo"] = {"nullable": True, "allOf": [session["clientInfo"]]}
    found = {(d.operation, d.kind, d.where) for d in compare_documents(document).differences}
    assert (
        "GET /sessions/{sessionId}",
        "nullable-changed",
        "response 200 body: clientInfo",
    ) in found
    assert all(kind == "nullable-changed" for _, kind, _ in found)

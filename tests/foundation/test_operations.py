"""The generated operations table says what the spec says, for every operation."""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest

from sigma_async import models, operations
from sigma_async._model_support import WIRE_NAME
from sigma_async.operations import OPERATIONS, Operation

from .test_spec import operations as spec_operations


def _by_id(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    found = spec_operations(spec).items()
    return {op["operationId"]: (method, path, op) for (method, path), op in found}


def test_every_spec_operation_is_in_the_table_and_nothing_else(spec: dict[str, Any]) -> None:
    assert set(OPERATIONS) == set(_by_id(spec))


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_each_operation_matches_the_spec(spec: dict[str, Any], operation_id: str) -> None:
    method, path, op = _by_id(spec)[operation_id]
    table: Operation = OPERATIONS[operation_id]
    assert table.method == method.upper()
    assert table.path == path
    assert table.path_params == tuple(re.findall(r"{(\w+)}", path))
    assert table.idempotent is op["x-sigma-idempotent"]
    assert table.inferred is op.get("x-sigma-inferred", False)
    assert table.retry_404_means_done is op.get("x-sigma-retry-404-means-done", False)
    assert table.resource == op["tags"][0]
    body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
    assert (table.request_model is None) == (not body)
    if table.request_model is not None:
        assert table.request_model is getattr(models, body["schema"]["$ref"].rsplit("/", 1)[1])
    if table.query_params:
        assert set(table.query_params) == {"q", "sort", "page", "perPage"}
        assert table.sortable
        assert all(re.fullmatch(r"[A-Za-z_.]+", f) for f in table.sortable)


def test_only_a_create_may_not_be_resent() -> None:
    assert {op.operation_id for op in OPERATIONS.values() if not op.idempotent} == {"createChannel"}
    assert {op.operation_id for op in OPERATIONS.values() if op.retry_404_means_done} == {
        "deleteChannel"
    }


def test_facts(spec: dict[str, Any]) -> None:
    assert spec["servers"][0]["url"] == operations.DEFAULT_BASE_URL + operations.API_PREFIX
    assert operations.MAX_PER_PAGE == 100
    for name, values in operations.ENUMS.items():
        assert tuple(member.value for member in getattr(models, name)) == values
    assert "input.streamToken" in operations.SECRET_PATHS["Channel"]
    assert set(operations.SECRET_FIELDS["S3Destination"]) == {"accessKey", "secretKey"}


def test_every_secret_field_is_redacted_in_the_models_repr() -> None:
    # A sweep over every model with a secret field: its repr never shows the value.
    for schema, wires in operations.SECRET_FIELDS.items():
        cls = getattr(models, schema)
        fields = {f.metadata[WIRE_NAME]: f.name for f in attrs.fields(cls)}
        instance = cls(**{fields[wire]: "s3cr3t-value" for wire in wires})
        assert "s3cr3t-value" not in repr(instance)

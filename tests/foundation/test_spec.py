"""The contract itself: shape, names, and the guide's samples validating against it."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator, validate
from openapi_spec_validator import validate as validate_spec

from .samples import SPEC_PATH, guide_samples

GUIDE_OPERATIONS = {
    ("post", "/channels"): "createChannel",
    ("get", "/channels/{channelId}"): "getChannel",
    ("patch", "/channels/{channelId}/start"): "startChannel",
    ("delete", "/channels/{channelId}/stop"): "stopChannel",
    ("delete", "/channels/{channelId}"): "deleteChannel",
    ("get", "/sessions"): "listSessions",
    ("get", "/sessions/{sessionId}/status"): "getSessionStatus",
    ("get", "/events"): "listEvents",
}
INFERRED_OPERATIONS = {
    ("get", "/channels"): "listChannels",
    ("patch", "/channels/{channelId}"): "updateChannel",
    ("get", "/sessions/{sessionId}"): "getSession",
}
SCHEMAS = {
    "Channel", "ChannelCreate", "ChannelUpdate", "ChannelInput", "MachineConfig",
    "CatchupDestination", "S3Destination", "Session", "ClientInfo", "SessionStatusResult",
    "Event", "ChannelPage", "SessionPage", "EventPage", "ErrorBody", "ChannelType",
    "ChannelMode", "OutputFormat", "ChannelStatus", "SessionStatus", "EventAction",
    "MachineType", "CatchupDestinationType",
}  # fmt: skip


def operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): operation
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "patch", "put", "delete"}
    }


def test_spec_is_valid_openapi_3_0(spec: dict[str, Any]) -> None:
    assert spec["openapi"] == "3.0.3"
    validate_spec(spec, base_uri=SPEC_PATH.as_uri())


def test_every_guide_and_inferred_operation_is_there_with_its_id(spec: dict[str, Any]) -> None:
    found = {key: op["operationId"] for key, op in operations(spec).items()}
    assert found == GUIDE_OPERATIONS | INFERRED_OPERATIONS


def test_only_the_inferred_operations_are_marked_inferred(spec: dict[str, Any]) -> None:
    for key, operation in operations(spec).items():
        inferred = operation.get("x-sigma-inferred", False)
        assert inferred == (key in INFERRED_OPERATIONS), key
        if inferred:
            assert "Inferred" in operation["description"]


def test_delete_channel_notes_the_guides_wrong_curl_line(spec: dict[str, Any]) -> None:
    description = spec["paths"]["/channels/{channelId}"]["delete"]["description"]
    assert "section 6" in description
    assert "DELETE /channels/{channelId}" in description


def test_success_statuses_and_error_shape(spec: dict[str, Any]) -> None:
    for (method, path), operation in operations(spec).items():
        expected = "201" if (method, path) == ("post", "/channels") else "200"
        successes = [code for code in operation["responses"] if code.startswith("2")]
        assert successes == [expected], (method, path)
        for code in ("401", "403", "429", "500"):
            assert code in operation["responses"], (method, path, code)


def test_security_is_basic_plus_app_id_everywhere(spec: dict[str, Any]) -> None:
    assert spec["security"] == [{"basicAuth": [], "appId": []}]
    schemes = spec["components"]["securitySchemes"]
    assert schemes["basicAuth"] == {**schemes["basicAuth"], "type": "http", "scheme": "basic"}
    assert schemes["appId"]["name"] == "X-App-Id"
    assert all("security" not in op for op in operations(spec).values())


def test_schema_names_and_limits(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert set(schemas) == SCHEMAS
    create = schemas["ChannelCreate"]
    assert create["required"] == ["name"]
    assert create["properties"]["name"]["maxLength"] == 50
    assert create["properties"]["description"]["maxLength"] == 250
    for name in ("Channel", "Session", "Event"):
        for field in ("createdAt", "updatedAt"):
            assert schemas[name]["properties"][field]["format"] == "date-time"


@pytest.mark.parametrize(("fixture", "schema", "sample"), guide_samples())
def test_guide_sample_validates_against_its_schema(
    spec: dict[str, Any], fixture: str, schema: str, sample: Any
) -> None:
    root = {"components": spec["components"], "$ref": f"#/components/schemas/{schema}"}
    validate(sample, root, cls=OAS30Validator, check_schema=False)


def test_a_wrong_sample_does_not_validate(spec: dict[str, Any]) -> None:
    from jsonschema.exceptions import ValidationError

    root = {"components": spec["components"], "$ref": "#/components/schemas/ChannelCreate"}
    with pytest.raises(ValidationError):
        validate({"name": "x" * 51}, root, cls=OAS30Validator, check_schema=False)

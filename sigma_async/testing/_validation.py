"""Request-body validation for channel create and update, in NestJS ``ValidationPipe`` style.

Rules follow the spec's ``ChannelCreate``/``ChannelUpdate`` schemas and the console's limits.
Every problem found is reported (``message`` is a list, as class-validator does). Keys the schema
does not know are dropped silently, as NestJS's ``whitelist: true`` does; the alternative,
``forbidNonWhitelisted``, would reject them, but the spec allows additional properties.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from ..operations import ENUMS as SPEC_ENUMS
from ._wire import ApiError

__all__ = [
    "DEFAULT_PROFILES",
    "ENUMS",
    "validate_channel_body",
]

# The guide's three profile ids (1080p, 720p, 480p); the 360p and 1440p ids are the emulator's own.
DEFAULT_PROFILES: Mapping[str, str] = {
    "fbffbd08-ed7f-4a51-aabd-3132ac863bb5": "1080p",
    "54a3d4db-a827-45ae-b6be-1faa21c2e7c6": "720p",
    "33a26869-0a1b-49a4-8303-1284ac8fd034": "480p",
    "a1f3c5e7-9b2d-4f60-8e14-36c0d2b7f591": "360p",
    "d7e2b9c4-5a18-4c3f-9f06-e4b81a2c7d35": "1440p",
}

# Each validated enum field, with its allowed values from the spec's enum schema.
ENUMS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "type": SPEC_ENUMS["ChannelType"],
        "mode": SPEC_ENUMS["ChannelMode"],
        "outputFormat": SPEC_ENUMS["OutputFormat"],
        "machineType": SPEC_ENUMS["MachineType"],
        "catchupType": SPEC_ENUMS["CatchupDestinationType"],
    }
)

_BOOLEAN_FIELDS = ("catchup", "record", "interaction")
_S3_STRING_FIELDS = ("accessKey", "bucket", "endpoint", "secretKey", "region")
_NAME_MAX = 50
_DESCRIPTION_MAX = 250


def validate_channel_body(
    body: object, *, partial: bool, profiles: Mapping[str, str] = DEFAULT_PROFILES
) -> dict[str, Any]:
    """Return the known, valid fields of a create (or, with ``partial``, update) body.

    Raises :class:`ApiError` (400, the list of problems) when anything is wrong.
    """
    if not isinstance(body, dict):
        raise ApiError(400, ["the request body must be a JSON object"])
    errors: list[str] = []
    clean: dict[str, Any] = {}
    if "name" in body or not partial:
        _check_name(body.get("name"), errors)
        clean["name"] = body.get("name")
    if "description" in body:
        _check_description(body["description"], errors)
        clean["description"] = body["description"]
    for key in ("tags", "transcodeProfile"):
        if key in body:
            _check_string_list(key, body[key], errors)
            clean[key] = body[key]
    if isinstance(clean.get("transcodeProfile"), list):
        unknown = [p for p in clean["transcodeProfile"] if isinstance(p, str) and p not in profiles]
        if unknown:
            errors.append(f"transcodeProfile has unknown profile ids: {', '.join(unknown)}")
    for key in ("type", "mode", "outputFormat"):
        if key in body:
            _check_enum(key, body[key], ENUMS[key], errors)
            clean[key] = body[key]
    if "stopTimeout" in body:
        _check_stop_timeout(body["stopTimeout"], errors)
        clean["stopTimeout"] = body["stopTimeout"]
    for key in _BOOLEAN_FIELDS:
        if key in body:
            _check_boolean(key, body[key], errors)
            clean[key] = body[key]
    if "machine" in body:
        clean["machine"] = _clean_nested("machine", body["machine"], _check_machine, errors)
    if "destinationCatchup" in body:
        clean["destinationCatchup"] = _clean_nested(
            "destinationCatchup", body["destinationCatchup"], _check_catchup, errors
        )
    if errors:
        raise ApiError(400, errors)
    return clean


def _check_name(value: object, errors: list[str]) -> None:
    if not isinstance(value, str):
        errors.extend(["name should not be empty", "name must be a string"])
    elif not value:
        errors.append("name should not be empty")
    elif len(value) > _NAME_MAX:
        errors.append(f"name must be shorter than or equal to {_NAME_MAX} characters")


def _check_description(value: object, errors: list[str]) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        errors.append("description must be a string")
    elif len(value) > _DESCRIPTION_MAX:
        errors.append(f"description must be shorter than or equal to {_DESCRIPTION_MAX} characters")


def _check_string_list(key: str, value: object, errors: list[str]) -> None:
    if not isinstance(value, list):
        errors.append(f"{key} must be an array")
    elif not all(isinstance(item, str) for item in value):
        errors.append(f"each value in {key} must be a string")


def _check_enum(key: str, value: object, allowed: tuple[str, ...], errors: list[str]) -> None:
    if not isinstance(value, str) or value not in allowed:
        errors.append(f"{key} must be one of the following values: {', '.join(allowed)}")


def _check_stop_timeout(value: object, errors: list[str]) -> None:
    # JSON `1.0` is not an integer under the spec's JSON Schema dialect, so only ints pass.
    if isinstance(value, bool) or not isinstance(value, int):
        errors.append("stopTimeout must be an integer number")
    elif value < 1:
        errors.append("stopTimeout must be a positive number")


def _check_boolean(key: str, value: object, errors: list[str]) -> None:
    if not isinstance(value, bool):
        errors.append(f"{key} must be a boolean value")


def _clean_nested(
    key: str,
    value: object,
    check: Callable[[dict[str, Any], list[str]], dict[str, Any]],
    errors: list[str],
) -> dict[str, Any]:
    if not isinstance(value, dict):
        errors.append(f"nested property {key} must be either object or array")
        return {}
    return check(value, errors)


def _check_machine(value: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if "enabled" in value:
        _check_boolean("machine.enabled", value["enabled"], errors)
        clean["enabled"] = value["enabled"]
    if "machineId" in value:
        if value["machineId"] is not None and not isinstance(value["machineId"], str):
            errors.append("machine.machineId must be a string")
        clean["machineId"] = value["machineId"]
    if "machineType" in value:
        _check_enum("machine.machineType", value["machineType"], ENUMS["machineType"], errors)
        clean["machineType"] = value["machineType"]
    return clean


def _check_catchup(value: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    _check_enum("destinationCatchup.type", value.get("type"), ENUMS["catchupType"], errors)
    clean: dict[str, Any] = {"type": value.get("type")}
    if "s3" in value:
        s3 = value["s3"]
        if not isinstance(s3, dict):
            errors.append("nested property destinationCatchup.s3 must be either object or array")
        else:
            clean["s3"] = _check_s3(s3, errors)
    return clean


def _check_s3(value: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key in _S3_STRING_FIELDS:
        if key in value:
            if not isinstance(value[key], str):
                errors.append(f"destinationCatchup.s3.{key} must be a string")
            clean[key] = value[key]
    if "segmentPrefix" in value:
        if value["segmentPrefix"] is not None and not isinstance(value["segmentPrefix"], str):
            errors.append("destinationCatchup.s3.segmentPrefix must be a string")
        clean["segmentPrefix"] = value["segmentPrefix"]
    return clean

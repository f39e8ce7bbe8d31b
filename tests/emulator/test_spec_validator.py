"""The spec validator the emulator tests rely on does catch bad responses."""

from __future__ import annotations

import json
from typing import Any

from sigma_async.testing import ResponseRecord

from .spec_validator import SpecValidator


def record(operation: str, status: int, body: Any, **extra: Any) -> ResponseRecord:
    return ResponseRecord(
        operation=operation,
        method="GET",
        path="/api/livestream/x",
        path_pattern="/x",
        query={},
        status=status,
        headers={"Content-Type": "application/json; charset=utf-8"},
        body=json.dumps(body).encode() if not isinstance(body, bytes) else body,
        **extra,
    )


CHANNEL = {"id": "c", "name": "n", "createdAt": "2024-07-22T10:34:36.772Z", "status": "idle"}


def test_a_conforming_response_passes(spec: dict[str, Any]) -> None:
    validator = SpecValidator(spec)
    validator(record("getChannel", 200, CHANNEL))
    validator(record("getSessionStatus", 200, {"status": "live"}))
    validator(record("startChannel", 200, b""))  # no documented body: anything goes
    assert validator.errors == []
    assert validator.checked == 3


def test_departures_are_caught(spec: dict[str, Any]) -> None:
    validator = SpecValidator(spec)
    bad = [
        record("getChannel", 200, {**CHANNEL, "status": "running"}),  # not in the enum
        record("getChannel", 200, {**CHANNEL, "colour": "red"}),  # undocumented key
        record("getChannel", 200, {"name": "no id"}),  # required key missing
        record("getChannel", 200, {**CHANNEL, "createdAt": "2024-07-22T10:34:36Z"}),  # no ms
        record("getChannel", 200, {**CHANNEL, "updatedAt": "yesterday"}),  # not a date-time
        record("getChannel", 418, CHANNEL),  # undocumented status
        record("getChannel", 200, b"{truncated"),  # not JSON
        record("getSessionStatus", 404, {"statusCode": 404, "message": 5, "error": "x"}),
        record("nosuchOperation", 200, {}),
    ]
    for response in bad:
        assert validator.problems(response), response


def test_injected_faults_and_unrouted_requests_are_skipped(spec: dict[str, Any]) -> None:
    validator = SpecValidator(spec)
    validator(record("getChannel", 503, b"<html>", fault="status"))
    validator(ResponseRecord(None, "PUT", "/x", None, {}, 405, {}, b"{}"))
    assert validator.errors == []
    assert validator.skipped == 2

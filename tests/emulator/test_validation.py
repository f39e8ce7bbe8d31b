"""Request validation: NestJS-shaped 400s, never a 500, for every kind of bad body."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from sigma_async.testing import SigmaEmulator

from .helpers import call, is_nest_error
from .spec_validator import SpecValidator

S3 = {"accessKey": "a", "bucket": "b", "endpoint": "e", "secretKey": "s", "region": "r"}

INVALID_BODIES: list[tuple[dict[str, Any], str]] = [
    ({}, "name should not be empty"),
    ({"name": None}, "name must be a string"),
    ({"name": 7}, "name must be a string"),
    ({"name": ""}, "name should not be empty"),
    ({"name": "x" * 51}, "name must be shorter than or equal to 50 characters"),
    ({"name": "n", "description": 5}, "description must be a string"),
    ({"name": "n", "description": "d" * 251}, "description must be shorter than or equal to 250"),
    ({"name": "n", "tags": "a"}, "tags must be an array"),
    ({"name": "n", "tags": ["a", 1]}, "each value in tags must be a string"),
    ({"name": "n", "transcodeProfile": [1]}, "each value in transcodeProfile must be a string"),
    ({"name": "n", "transcodeProfile": ["not-a-profile"]}, "unknown profile ids: not-a-profile"),
    ({"name": "n", "type": "record"}, "type must be one of the following values"),
    ({"name": "n", "type": None}, "type must be one of the following values"),
    ({"name": "n", "mode": "fast"}, "mode must be one of the following values"),
    ({"name": "n", "outputFormat": "mp4"}, "outputFormat must be one of the following values"),
    ({"name": "n", "stopTimeout": 0}, "stopTimeout must be a positive number"),
    ({"name": "n", "stopTimeout": -5}, "stopTimeout must be a positive number"),
    ({"name": "n", "stopTimeout": 1.5}, "stopTimeout must be an integer number"),
    ({"name": "n", "stopTimeout": "30"}, "stopTimeout must be an integer number"),
    ({"name": "n", "stopTimeout": True}, "stopTimeout must be an integer number"),
    ({"name": "n", "catchup": "yes"}, "catchup must be a boolean value"),
    ({"name": "n", "record": 1}, "record must be a boolean value"),
    ({"name": "n", "interaction": None}, "interaction must be a boolean value"),
    ({"name": "n", "machine": "m"}, "nested property machine must be either object or array"),
    ({"name": "n", "machine": {"enabled": "y"}}, "machine.enabled must be a boolean value"),
    ({"name": "n", "machine": {"machineId": 3}}, "machine.machineId must be a string"),
    ({"name": "n", "machine": {"machineType": "CLUSTER"}}, "machine.machineType must be one of"),
    ({"name": "n", "destinationCatchup": {"s3": S3}}, "destinationCatchup.type must be one of"),
    ({"name": "n", "destinationCatchup": {"type": "gcs"}}, "destinationCatchup.type must be one"),
    (
        {"name": "n", "destinationCatchup": {"type": "s3", "s3": []}},
        "nested property destinationCatchup.s3 must be either object or array",
    ),
    (
        {"name": "n", "destinationCatchup": {"type": "s3", "s3": {**S3, "bucket": 1}}},
        "destinationCatchup.s3.bucket must be a string",
    ),
    (
        {"name": "n", "destinationCatchup": {"type": "s3", "s3": {"segmentPrefix": 2}}},
        "destinationCatchup.s3.segmentPrefix must be a string",
    ),
]


@pytest.mark.parametrize(("body", "message"), INVALID_BODIES)
async def test_invalid_create_bodies_are_400_with_a_message_list(
    emu: SigmaEmulator, http: aiohttp.ClientSession, body: dict[str, Any], message: str
) -> None:
    status, error = await call(http, "POST", "channels", json=body)
    assert status == 400
    assert is_nest_error(error, 400)
    assert isinstance(error["message"], list)
    assert all(isinstance(item, str) for item in error["message"])
    assert any(message in item for item in error["message"]), error["message"]
    assert emu.channels() == []
    assert emu.stats.applied["createChannel"] == 0


async def test_every_problem_is_reported(http: aiohttp.ClientSession) -> None:
    status, error = await call(
        http, "POST", "channels", json={"name": "", "mode": "x", "record": "no"}
    )
    assert status == 400
    assert len(error["message"]) == 3


async def test_valid_edge_values_are_accepted(http: aiohttp.ClientSession) -> None:
    body = {
        "name": "x" * 50,
        "description": "d" * 250,
        "stopTimeout": 1,
        "machine": {"machineId": None},
        "destinationCatchup": {"type": "s3", "s3": {**S3, "segmentPrefix": None}},
        "type": "forward",
        "transcodeProfile": [],
    }
    status, channel = await call(http, "POST", "channels", json=body)
    assert status == 201, channel
    assert channel["name"] == "x" * 50


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"   ",
        b"{bad json",
        b'{"name": "a",}',
        b"[]",
        b'"name"',
        b"null",
        b"42",
        b'{"name": NaN}',
        b'{"name": "a", "stopTimeout": Infinity}',
        b"\xff\xfe{}",
        b"[" * 5000 + b"]" * 5000,
    ],
)
@pytest.mark.parametrize(("method", "path"), [("POST", "channels"), ("PATCH", "channels/{id}")])
async def test_bodies_that_are_not_json_objects_are_400(
    emu: SigmaEmulator, http: aiohttp.ClientSession, raw: bytes, method: str, path: str
) -> None:
    status, channel = await call(http, "POST", "channels", json={"name": "existing"})
    assert status == 201
    target = path.format(id=channel["id"])
    status, error = await call(
        http, method, target, data=raw, headers={"Content-Type": "application/json"}
    )
    assert status == 400, error
    assert is_nest_error(error, 400)
    assert len(emu.channels()) == 1


async def test_an_oversized_body_is_413(
    http: aiohttp.ClientSession, spec_validator: SpecValidator
) -> None:
    # body-parser's 100 kB limit, as in a NestJS service; the spec documents the 413.
    status, error = await call(
        http, "POST", "channels", json={"name": "big", "description": "x" * 200_000}
    )
    assert status == 413
    assert is_nest_error(error, 413)
    assert spec_validator.errors == []


async def test_unicode_survives_the_round_trip(http: aiohttp.ClientSession) -> None:
    name = "Kênh ổn định 🎥"
    status, channel = await call(http, "POST", "channels", json={"name": name})
    assert status == 201
    assert channel["name"] == name
    async with http.get(f"channels/{channel['id']}") as response:
        raw = await response.read()
        assert response.charset == "utf-8"
    assert name.encode("utf-8") in raw  # sent as UTF-8, not as \\u escapes


async def test_a_lone_surrogate_does_not_break_the_response(http: aiohttp.ClientSession) -> None:
    raw = b'{"name": "odd \\ud800 name"}'
    status, channel = await call(
        http, "POST", "channels", data=raw, headers={"Content-Type": "application/json"}
    )
    assert status == 201
    assert channel["name"] == "odd \ud800 name"

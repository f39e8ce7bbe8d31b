"""Hostile input never makes the emulator fail: every parameter of every operation, swept.

Each operation of the generated table gets hostile values in each of its path parameters, query
parameters and body fields (nested ones included): huge numbers, huge strings, wrong types,
control characters, deep JSON, invalid UTF-8 and broken percent-encoding. The answer is never a
5xx, nothing is logged at ERROR (no traceback), and what was stored still renders afterwards.
"""

from __future__ import annotations

import logging
import types
import typing
from collections.abc import Iterator
from typing import Any

import aiohttp
import attrs
import pytest
from yarl import URL

from sigma_async._model_support import WIRE_NAME
from sigma_async.operations import API_PREFIX, OPERATIONS, Operation
from sigma_async.testing import SigmaEmulator

from .helpers import call, create_channel

# Raw path segments and query values, sent exactly as written (already percent-encoded).
HOSTILE_SEGMENTS = (
    "%ff",
    "%c3%28",  # invalid UTF-8
    "%00",
    "%0d%0aX-Injected:%201",
    "%",
    "%zz",
    "%2f..%2f..",
    "%e2%80%ae",  # right-to-left override
    "x" * 4000,
    "9" * 4000,
)
HOSTILE_QUERY_VALUES = (
    "9" * 5000,
    "-" + "9" * 5000,
    "1" + "0" * 400,
    "1e400",
    "0x10",
    "%ff%fe",
    "%00",
    "%",
    "%zz",
    "x" * 6000,
    "%5B" * 3000,  # `[` thousands deep
    "%7B%22%24and%22:%5B" * 500,  # `{"$and":[` unterminated, 500 deep
    "%7B%22name%22:1e400%7D",  # {"name":1e400}
    "%7B%22name%22:%7B%22%24gt%22:" + "9" * 5000 + "%7D%7D",
    "%7B%22name%22:%7B%22%24in%22:%7B%7D%7D%7D",  # {"name":{"$in":{}}}
    "%7B%22a.%22:1%7D",  # {"a.":1}
    "%7B%22%22:1%7D",  # {"":1}
    "name%7Casc%00",
)
# Raw JSON texts put where a body field's value goes.
HOSTILE_JSON = (
    "1" + "0" * 5000,
    "1" + "0" * 300,
    "1e400",
    "-1e400",
    "-0",
    "1.5",
    "true",
    "null",
    "[]",
    "{}",
    '"' + "x" * 60_000 + '"',
    '"\\u0000\\u001f\\u007f"',
    '"\\ud800"',
    "[" * 5000 + "]" * 5000,
    '{"a":' * 2000 + "1" + "}" * 2000,
    '["a", 1, null, {"b": []}]',
    '{"$gt": 1}',
)
HOSTILE_BODIES = (
    b"\xff\xfe\x00",
    b'{"name": "\xc3\x28"}',
    b"[" * 100_000,
    b'{"name": "ok"' + b', "tags": [' * 20_000,
    b"1" * 5000,
    b'"' + b"\\u0000" * 1000 + b'"',
)


def wire_paths(model: type, prefix: str = "") -> Iterator[str]:
    """Every body field's dotted wire path in ``model``, nested models included."""
    attrs.resolve_types(model)
    for field in attrs.fields(model):
        path = prefix + field.metadata[WIRE_NAME]
        yield path
        for nested in _attrs_classes(field.type):
            yield from wire_paths(nested, path + ".")


def _attrs_classes(annotation: Any) -> list[type]:
    if isinstance(annotation, type) and attrs.has(annotation):
        return [annotation]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return [c for arg in typing.get_args(annotation) for c in _attrs_classes(arg)]
    return []


def with_field(path: str, raw_value: str) -> bytes:
    """A create body (a valid name) with ``path`` set to the raw JSON ``raw_value``."""
    parts = path.split(".")
    inner = f'"{parts[-1]}":{raw_value}'
    for part in reversed(parts[:-1]):
        inner = f'"{part}":{{{inner}}}'
    prefix = '"name":"hostile",' if path != "name" else ""
    return ("{" + prefix + inner + "}").encode("utf-8", "surrogatepass")


def body_cases(operation: Operation) -> Iterator[bytes]:
    if operation.request_model is None:
        return
    yield from HOSTILE_BODIES
    for path in wire_paths(operation.request_model):
        for raw in HOSTILE_JSON:
            yield with_field(path, raw)


class _Failures(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def failures() -> Iterator[_Failures]:
    handler = _Failures()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


def _url(emu: SigmaEmulator, operation: Operation, segments: dict[str, str], query: str) -> URL:
    path = operation.path
    for name, segment in segments.items():
        path = path.replace("{" + name + "}", segment)
    return URL(emu.base_url + API_PREFIX + path + ("?" + query if query else ""), encoded=True)


@pytest.mark.parametrize("operation", OPERATIONS.values(), ids=lambda op: op.operation_id)
async def test_no_hostile_value_in_any_parameter_fails_the_emulator(
    emu: SigmaEmulator, http: aiohttp.ClientSession, failures: _Failures, operation: Operation
) -> None:
    channel = await create_channel(http, name="target")
    good = {name: channel["id"] for name in operation.path_params}
    requests: list[tuple[URL, bytes | None]] = []
    for name in operation.path_params:
        for segment in HOSTILE_SEGMENTS:
            requests.append((_url(emu, operation, {**good, name: segment}, ""), None))
    for name in (*operation.query_params, "unknown"):
        for value in HOSTILE_QUERY_VALUES:
            requests.append((_url(emu, operation, good, f"{name}={value}"), None))
    for case in body_cases(operation):
        requests.append((_url(emu, operation, good, ""), case))
    assert requests, f"{operation.operation_id} has no parameter to sweep"
    answers: dict[int, int] = {}
    for url, body in requests:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        status, answer = await call(http, operation.method, url, data=body, headers=headers)
        assert status < 500, (operation.operation_id, str(url)[:200], (body or b"")[:200], answer)
        answers[status] = answers.get(status, 0) + 1
    # Whatever was stored still renders, alone and in every list.
    for path in ("channels", "sessions", "events", f"channels/{channel['id']}"):
        status, _ = await call(http, "GET", path, params={"perPage": "100"})
        assert status < 500, path
    for item in emu.channels():
        status, _ = await call(http, "GET", f"channels/{item['id']}")
        assert status == 200
    assert emu.errors == []
    assert [r.getMessage() for r in failures.records] == []

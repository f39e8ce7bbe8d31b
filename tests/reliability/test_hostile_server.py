"""Hostile or broken responses: always a typed SigmaError (or a value), never a crash or a hang.

Every case runs through real HTTP against each kind of call (a channel, a page, a status, a
bodiless start) and under a deadline, so a hang fails as surely as a wrong exception type.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web

from sigma_async import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ResponseDecodeError,
    SigmaClient,
    SigmaError,
)

from ..harness import STATUS_CLASSES, ClientFactory, RawServer, json_reply
from .conftest import CHANNEL_ID, CHANNEL_JSON, ScriptedServer

DEADLINE = 10.0  # seconds: far beyond any case here; reaching it means the client hung

CALLS: dict[str, Callable[[SigmaClient], Awaitable[Any]]] = {
    "get channel": lambda client: client.channels.get(CHANNEL_ID),
    "list channels": lambda client: client.channels.list(per_page=10).to_list(),
    "session status": lambda client: client.sessions.status("s1"),
    "list events": lambda client: client.events.list("s1").to_list(),
}
BODILESS: dict[str, Callable[[SigmaClient], Awaitable[Any]]] = {
    "start channel": lambda client: client.channels.start(CHANNEL_ID)
}


def nested(depth: int, opener: bytes = b"[", closer: bytes = b"]") -> bytes:
    return opener * depth + closer * depth


def with_channel(**fields: Any) -> bytes:
    return json.dumps({**CHANNEL_JSON, **fields}).encode()


# 2xx bodies no call can read: each must become ResponseDecodeError.
UNREADABLE_BODIES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "application/json"),
    "truncated JSON": (json.dumps(CHANNEL_JSON).encode()[:40], "application/json"),
    "HTML error page": (b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
    "HTML labelled as JSON": (b"<!DOCTYPE html><html>oops</html>", "application/json"),
    "binary junk": (bytes(range(256)) * 4, "image/png"),
    "invalid UTF-8": (b'{"id": "\xff\xfe\xfd", "name": "x"}', "application/json"),
    "null": (b"null", "application/json"),
    "a bare number": (b"12345", "application/json"),
    "a string": (b'"channel"', "application/json"),
    "a list": (b"[1, 2, 3]", "application/json"),
    "deeply nested arrays": (nested(100_000), "application/json"),
    "deeply nested objects": (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "application/json"),
    "unclosed nesting": (b"[" * 100_000, "application/json"),
    "a number of 5000 digits": (b"9" * 5000, "application/json"),
    "NaN": (b"NaN", "application/json"),
}


@pytest.fixture
async def server(scripted: Callable[..., Awaitable[ScriptedServer]]) -> ScriptedServer:
    return await scripted()


def answer_with(server: ScriptedServer, status: int, body: bytes, content_type: str) -> None:
    async def script(request: web.BaseRequest) -> web.StreamResponse:
        return web.Response(status=status, body=body, headers={"Content-Type": content_type})

    server.script = script


async def outcome(call: Awaitable[Any]) -> Any:
    """Await ``call`` under the deadline; return its value or the SigmaError it raised."""
    try:
        return await asyncio.wait_for(call, DEADLINE)
    except SigmaError as error:
        return error


@pytest.mark.parametrize("case", list(UNREADABLE_BODIES))
@pytest.mark.parametrize("call", list(CALLS))
async def test_unreadable_success_bodies_are_decode_errors(
    server: ScriptedServer, make_client: ClientFactory, case: str, call: str
) -> None:
    body, content_type = UNREADABLE_BODIES[case]
    answer_with(server, 200, body, content_type)
    client = make_client(server.url)
    result = await outcome(CALLS[call](client))
    assert isinstance(result, ResponseDecodeError), repr(result)
    assert result.status == 200
    assert len(server.requests) == 1  # a bad body is not retried
    assert len(str(result)) < 1000  # a bounded, one-line message
    assert "\n" not in str(result)


@pytest.mark.parametrize("case", list(UNREADABLE_BODIES))
async def test_a_bodiless_call_ignores_whatever_body_comes(
    server: ScriptedServer, make_client: ClientFactory, case: str
) -> None:
    body, content_type = UNREADABLE_BODIES[case]
    answer_with(server, 200, body, content_type)
    assert await outcome(BODILESS["start channel"](make_client(server.url))) is None


WRONG_SHAPES: dict[str, tuple[bytes, str]] = {
    "id is a number": (with_channel(id=42), "$.id"),
    "name is null": (with_channel(name=None), "$.name"),
    "status is an object": (with_channel(status={"x": 1}), "$.status"),
    "createdAt is not a date": (with_channel(createdAt="yesterday"), "$.createdAt"),
    "createdAt is a number": (with_channel(createdAt=1721644476), "$.createdAt"),
    "tags is a string": (with_channel(tags="a,b"), "$.tags"),
    "tags holds numbers": (with_channel(tags=[1, 2]), "$.tags"),
    "input is a list": (with_channel(input=[]), "$.input"),
    "s3 is a string": (with_channel(destinationCatchup={"type": "s3", "s3": "x"}), "$."),
    "stopTimeout is 1e400": (
        json.dumps(CHANNEL_JSON).encode()[:-1] + b', "stopTimeout": 1e400}',
        "$.stopTimeout",
    ),
    "stopTimeout is a float": (with_channel(stopTimeout=1.5), "$.stopTimeout"),
    "catchup is a string": (with_channel(catchup="false"), "$.catchup"),
}


@pytest.mark.parametrize("case", list(WRONG_SHAPES))
async def test_wrong_types_in_fields_are_decode_errors_naming_the_field(
    server: ScriptedServer, make_client: ClientFactory, case: str
) -> None:
    body, path = WRONG_SHAPES[case]
    answer_with(server, 200, body, "application/json")
    result = await outcome(CALLS["get channel"](make_client(server.url)))
    assert isinstance(result, ResponseDecodeError), repr(result)
    assert (result.path or "").startswith(path)


@pytest.mark.parametrize(
    ("case", "body"),
    [
        ("data is null", {"data": None, "total": 1}),
        ("data is an object", {"data": {"id": "x"}}),
        ("an item is null", {"data": [None], "total": 1}),
        ("an item has no id", {"data": [{"name": "x"}], "total": 1}),
        ("total is a string", {"data": [], "total": "1"}),
    ],
)
async def test_broken_page_envelopes_are_decode_errors(
    server: ScriptedServer, make_client: ClientFactory, case: str, body: dict[str, Any]
) -> None:
    answer_with(server, 200, json.dumps(body).encode(), "application/json")
    result = await outcome(CALLS["list channels"](make_client(server.url)))
    assert isinstance(result, ResponseDecodeError), repr(result)


@pytest.mark.parametrize(
    "total",
    [10**400, 10**18, -5, 0],
    ids=["total of 400 digits", "total of 10**18", "negative total", "zero total"],
)
async def test_absurd_totals_neither_crash_nor_hang_the_paginator(
    server: ScriptedServer, make_client: ClientFactory, total: int
) -> None:
    """The walk trusts ``total`` only as far as the pages go: an empty page ends it."""

    async def pages(request: web.BaseRequest) -> web.StreamResponse:
        number = int(request.query["page"])
        data = [{**CHANNEL_JSON, "id": f"c{number}-{i}"} for i in range(2)] if number <= 3 else []
        body = f'{{"data": {json.dumps(data)}, "total": {total}, "perPage": 2}}'
        return web.Response(body=body.encode(), content_type="application/json")

    server.script = pages
    result = await outcome(make_client(server.url).channels.list(per_page=2).to_list())
    assert not isinstance(result, BaseException), repr(result)
    assert len(result) == (6 if total > 2 else 2)


@pytest.mark.parametrize(("status", "error_class"), STATUS_CLASSES)
@pytest.mark.parametrize(
    "case", ["HTML error page", "deeply nested arrays", "binary junk", "truncated JSON", "null"]
)
async def test_error_statuses_with_junk_bodies_keep_their_class(
    server: ScriptedServer,
    make_client: ClientFactory,
    status: int,
    error_class: type[APIStatusError],
    case: str,
) -> None:
    body, content_type = UNREADABLE_BODIES[case]
    answer_with(server, status, body, content_type)
    for call in (*CALLS.values(), *BODILESS.values()):
        result = await outcome(call(make_client(server.url, max_retries=1)))
        assert type(result) is error_class, repr(result)
        assert result.status == status
        assert "\n" not in str(result)


@pytest.mark.parametrize(
    "retry_after",
    ["99999999999", "1e9", "-1", "Fri, 31 Dec 9999 23:59:59 GMT", "soon", "", "9" * 5000],
)
async def test_hostile_retry_after_is_capped_never_a_hang(
    server: ScriptedServer, make_client: ClientFactory, retry_after: str
) -> None:
    async def script(request: web.BaseRequest) -> web.StreamResponse:
        if len(server.requests) == 1:
            return json_reply({"message": "slow down"}, 429, **{"Retry-After": retry_after})
        return json_reply(CHANNEL_JSON)

    server.script = script
    # max_retry_after (0.02 s here) caps the wait, whatever the server asks.
    channel = await outcome(make_client(server.url).channels.get(CHANNEL_ID))
    assert getattr(channel, "id", None) == CHANNEL_ID, repr(channel)


async def test_a_success_with_the_wrong_content_type_is_read_by_its_content(
    server: ScriptedServer, make_client: ClientFactory
) -> None:
    """The label is not trusted either way: JSON labelled text/plain is read (as the guide's
    service sends it), HTML labelled application/json is a decode error (tested above)."""
    answer_with(server, 200, json.dumps(CHANNEL_JSON).encode(), "text/plain")
    channel = await outcome(CALLS["get channel"](make_client(server.url)))
    assert channel.id == CHANNEL_ID


# Broken HTTP, written by hand ---------------------------------------------------------------

RawHandler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


def replying(data: bytes, *, close: bool = True) -> RawHandler:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(data)
        await writer.drain()
        if close:
            writer.close()

    return handler


async def stall(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.read()  # never answer; the client's timeout must end it


async def drip(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99\r\n\r\n")
    for _ in range(200):  # a byte every 20 ms: always alive, never done
        writer.write(b" ")
        await writer.drain()
        await asyncio.sleep(0.02)


PROTOCOL_BREAKS: dict[str, tuple[RawHandler, type[SigmaError]]] = {
    "not HTTP at all": (replying(b"SSH-2.0-OpenSSH_8.9\r\n"), APIConnectionError),
    "bad status line": (replying(b"HTTP/1.1 OK 200\r\n\r\n"), APIConnectionError),
    "closed mid-headers": (replying(b"HTTP/1.1 200 OK\r\nContent-Ty"), APIConnectionError),
    "header line over 8 KiB": (
        replying(b"HTTP/1.1 200 OK\r\nX-Junk: " + b"a" * 70_000 + b"\r\n\r\n{}"),
        APIConnectionError,
    ),
    "body shorter than Content-Length": (
        replying(b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n" + b'{"id": "c"'),
        APIConnectionError,
    ),
    "broken chunked encoding": (
        replying(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n"),
        APIConnectionError,
    ),
    "gzip label on a plain body": (
        replying(
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 20\r\n\r\n"
            b'{"id": "c", "n": 1}\n'
        ),
        APIConnectionError,
    ),
    "closed without a response": (replying(b""), APIConnectionError),
    "no response ever": (stall, APITimeoutError),
    "a body that trickles forever": (drip, APITimeoutError),
}


@pytest.mark.parametrize("case", list(PROTOCOL_BREAKS))
async def test_broken_http_is_a_typed_connection_error_never_a_hang(
    raw_server: Callable[[RawHandler], Awaitable[RawServer]],
    make_client: ClientFactory,
    case: str,
) -> None:
    handler, error_class = PROTOCOL_BREAKS[case]
    server = await raw_server(handler)
    client = make_client(server.url, timeout=0.3, max_retries=1)
    for call in (CALLS["get channel"], BODILESS["start channel"]):
        result = await outcome(call(client))
        assert isinstance(result, error_class), repr(result)

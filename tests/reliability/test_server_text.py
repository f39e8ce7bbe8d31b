"""Text built from server bytes never carries secrets (issue 11 item 1), swept over the class.

A hostile server answers every operation with broken framing (a short Content-Length, a raw
body labelled chunked, a status line or header made of secrets), with an error whose message
echoes the client's own Authorization header, or with a non-JSON body full of secrets. Every
text the SDK makes from it (``str``/``repr`` of the error and its attributes, each DEBUG log
line, a ``BulkError``) is searched for the S3 keys, the stream token, the secret key and the
Basic token: only a bounded, scrubbed excerpt of what the server sent may appear.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from sigma_async import BulkError, ChannelCreate, ChannelUpdate, SigmaClient, SigmaError

from ..harness import ClientFactory, RawHandler, RawServer
from .conftest import CHANNEL_ID, SECRET_KEY, USERNAME

ACCESS_KEY = "AKIAHOSTILE0123456789"
S3_SECRET = "s3-secret-hostile-6f1d2e"
STREAM_TOKEN = "stream-token-hostile-77aa"
BASIC_TOKEN = base64.b64encode(f"{USERNAME}:{SECRET_KEY}".encode()).decode()
SECRETS = (ACCESS_KEY, S3_SECRET, STREAM_TOKEN, SECRET_KEY, BASIC_TOKEN)

LEAKY_JSON = (
    b'{"id":"c","destinationCatchup":{"type":"s3","s3":{"accessKey":"'
    + ACCESS_KEY.encode()
    + b'","secretKey":"'
    + S3_SECRET.encode()
    + b'"}},"input":{"streamToken":"'
    + STREAM_TOKEN.encode()
    + b'"},"echo":"ECHO"}'
)


def _body(auth: bytes) -> bytes:
    return LEAKY_JSON.replace(b"ECHO", auth + b" " + SECRET_KEY.encode())


FRAMINGS: dict[str, Callable[[bytes], bytes]] = {
    "Content-Length shorter than the body, Connection: close": lambda auth: (
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}" + _body(auth)
    ),
    "Content-Length shorter than the body, keep-alive": lambda auth: (
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}" + _body(auth) * 3
    ),
    "chunked with a raw body": lambda auth: (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + _body(auth) + b"\r\n"
    ),
    "a status line made of secrets": lambda auth: b"HTTP/1.1 2OO " + _body(auth) + b"\r\n\r\n",
    "a header with a bad character": lambda auth: (
        b"HTTP/1.1 200 OK\r\nX-Leak: \x01" + _body(auth) + b"\r\nContent-Length: 0\r\n\r\n"
    ),
    "a 400 whose message echoes the credentials": lambda auth: _http(
        400, b'{"statusCode":400,"message":"bad: ' + _body(auth).replace(b'"', b'\\"') + b'"}'
    ),
    "a 500 whose message is a list with the keys": lambda auth: _http(
        500, b'{"message":["accessKey=' + ACCESS_KEY.encode() + b'", "' + auth + b'"]}'
    ),
    "a non-JSON 200 body": lambda auth: _http(200, b"<html>" + _body(auth) + b"</html>"),
}


def _http(status: int, body: bytes) -> bytes:
    return (
        f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body


CALLS: dict[str, Callable[[SigmaClient], Awaitable[Any]]] = {
    "create": lambda client: client.channels.create(ChannelCreate(name="n")),
    "get": lambda client: client.channels.get(CHANNEL_ID),
    "update": lambda client: client.channels.update(CHANNEL_ID, ChannelUpdate(name="m")),
    "start": lambda client: client.channels.start(CHANNEL_ID),
    "list": lambda client: client.channels.list(per_page=10).to_list(),
}


async def _bulk_stop(client: SigmaClient) -> None:
    result = await client.channels.bulk_stop([CHANNEL_ID])
    result.raise_for_errors()


CALLS["bulk stop"] = _bulk_stop


def _texts(error: BaseException) -> list[str]:
    texts = [str(error), repr(error), repr(error.args), repr(vars(error))]
    if isinstance(error, BulkError):
        for outcome in error.failures:
            texts += _texts(outcome.error)
            texts.append(outcome.reason)
    return texts


@pytest.mark.parametrize("call", list(CALLS))
@pytest.mark.parametrize("framing", list(FRAMINGS))
async def test_no_text_the_sdk_makes_carries_a_secret(
    raw_server: Callable[[RawHandler], Awaitable[RawServer]],
    make_client: ClientFactory,
    caplog: pytest.LogCaptureFixture,
    framing: str,
    call: str,
) -> None:
    build = FRAMINGS[framing]

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(build(b"Basic " + BASIC_TOKEN.encode()))
        await writer.drain()
        writer.close()

    server = await raw_server(handler)
    client = make_client(server.url, timeout=2.0, max_retries=1)
    caplog.set_level(logging.DEBUG, logger="sigma_async")
    texts: list[str] = []
    try:
        await CALLS[call](client)
    except SigmaError as error:
        texts += _texts(error)
    # (A bodiless call may succeed: its body is ignored, and aiohttp tolerates some headers.)
    texts += [record.getMessage() for record in caplog.records]
    assert server.requests, "the server saw the request"
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, (framing, call, text[:300])
        assert len(text) < 5000

"""Bulk failure details give the reason first (issue 11 item 18), for every kind of failure.

Each failing item has a long id (so a long URL) and the server's message: the first 120
characters of ``BulkOutcome.reason`` (what a terminal table's detail column shows) hold that
message, and in each line of ``BulkError`` the message comes before the URL.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import RawTestServer

from sigma_async import APIConnectionError, BulkError, SigmaClient, SigmaError
from sigma_async.bulk import run_bulk

LONG_ID = "c" * 150
MESSAGE = "channel is locked by another operation"


def _status(status: int) -> Callable[[web.BaseRequest], web.Response]:
    def reply(request: web.BaseRequest) -> web.Response:
        return web.json_response({"statusCode": status, "message": MESSAGE}, status=status)

    return reply


FAILURES = {
    "400": _status(400),
    "404": _status(404),
    "409": _status(409),
    "422": _status(422),
    "500": _status(500),
}


def _line_of(error: BulkError) -> str:
    return str(error).split("\n  ")[1]


@pytest.mark.parametrize("failure", list(FAILURES))
async def test_each_status_failure_puts_the_reason_first(failure: str) -> None:
    handler = FAILURES[failure]

    async def handle(request: web.BaseRequest) -> web.StreamResponse:
        return handler(request)

    server = RawTestServer(handle, host="127.0.0.1")
    await server.start_server()
    try:
        url = str(server.make_url("")).rstrip("/")
        async with SigmaClient(
            username="user",
            secret_key="a-long-secret-key",
            app_id="app",
            base_url=url,
            max_retries=0,
        ) as client:
            result = await client.channels.bulk_start([LONG_ID])
        with pytest.raises(BulkError) as caught:
            result.raise_for_errors()
        line = _line_of(caught.value)
        url_start = line.index("http://")
        assert MESSAGE in line[:url_start], line
        assert MESSAGE in result[0].reason[:120], result[0].reason
    finally:
        await server.close()


async def test_a_connection_failure_puts_the_reason_first() -> None:
    async def fail(item: str) -> None:
        raise APIConnectionError(MESSAGE, method="PATCH", url="http://h/" + LONG_ID)

    result = await run_bulk(fail, ["x"])
    assert result[0].reason.index(MESSAGE) < result[0].reason.index(LONG_ID)


async def test_a_plain_failure_keeps_its_type_and_text() -> None:
    async def fail(item: str) -> None:
        raise SigmaError(MESSAGE)

    result = await run_bulk(fail, ["x"])
    assert result[0].reason == f"SigmaError: {MESSAGE}"

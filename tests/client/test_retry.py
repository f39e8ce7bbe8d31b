"""The retry policy through real HTTP: what is retried, how often; a create never runs twice."""

from __future__ import annotations

import asyncio
import logging
import random
import re

import pytest
from aiohttp import web

from sigma_async import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ChannelCreate,
    ConflictError,
    InternalServerError,
    RateLimitError,
    SigmaClient,
)
from sigma_async._retry import RetryPolicy, delays, is_retryable
from sigma_async.errors import APITLSError, BadRequestError

from ..harness import ClientFactory, RawServer, RawServerFactory
from .conftest import CHANNEL_ID, CHANNEL_JSON, FakeSigma, Reply

RETRYABLE = [408, 429, 500, 502, 503, 504]
NOT_RETRYABLE = [400, 401, 403, 404, 409, 422, 501, 505]


@pytest.mark.parametrize("status", RETRYABLE)
async def test_idempotent_calls_retry_retryable_statuses(
    fake: FakeSigma, client: SigmaClient, status: int
) -> None:
    fake.reply(Reply(status=status, json={"message": "later"}), Reply(json=CHANNEL_JSON))
    channel = await client.channels.get(CHANNEL_ID)
    assert channel.id == CHANNEL_ID
    assert len(fake.requests) == 2


@pytest.mark.parametrize("status", NOT_RETRYABLE)
async def test_other_statuses_are_not_retried(
    fake: FakeSigma, client: SigmaClient, status: int
) -> None:
    fake.reply(Reply(status=status, json={"message": "no"}))
    with pytest.raises(APIStatusError) as caught:
        await client.channels.stop(CHANNEL_ID)
    assert getattr(caught.value, "status", None) == status
    assert len(fake.requests) == 1


@pytest.mark.parametrize(
    ("operation", "args"),
    [
        ("get", (CHANNEL_ID,)),
        ("start", (CHANNEL_ID,)),
        ("stop", (CHANNEL_ID,)),
        ("delete", (CHANNEL_ID,)),
    ],
)
async def test_default_is_three_attempts(
    fake: FakeSigma, client: SigmaClient, operation: str, args: tuple[str, ...]
) -> None:
    fake.handler = lambda request: _reply(Reply(status=503, json={"message": "down"}))
    with pytest.raises(InternalServerError):
        await getattr(client.channels, operation)(*args)
    assert len(fake.requests) == 3


async def _reply(reply: Reply) -> web.Response:
    return reply.build()


async def test_max_retries_client_and_per_call(fake: FakeSigma, make_client: ClientFactory) -> None:
    fake.handler = lambda request: _reply(Reply(status=500, json={"message": "boom"}))
    client = make_client(max_retries=4)
    with pytest.raises(InternalServerError):
        await client.channels.get(CHANNEL_ID)
    assert len(fake.requests) == 5
    with pytest.raises(InternalServerError):
        await client.channels.get(CHANNEL_ID, max_retries=0)
    assert len(fake.requests) == 6
    with pytest.raises(InternalServerError):
        await client.sessions.status("s", max_retries=1)
    assert len(fake.requests) == 8
    with pytest.raises(InternalServerError):
        await client.sessions.list("c", max_retries=0).to_list()
    assert len(fake.requests) == 9


async def test_create_is_not_retried_after_5xx_or_408(fake: FakeSigma, client: SigmaClient) -> None:
    for status in (500, 502, 503, 504, 408):
        fake.requests.clear()
        fake.reply(
            Reply(status=status, json={"message": "?"}), Reply(status=201, json=CHANNEL_JSON)
        )
        with pytest.raises(APIStatusError) as caught:
            await client.channels.create(ChannelCreate(name="once"))
        assert getattr(caught.value, "status", None) == status
        assert len(fake.requests) == 1, status
        fake.replies.clear()


async def test_create_is_retried_on_429(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(Reply(status=429, json={"message": "slow"}), Reply(status=201, json=CHANNEL_JSON))
    channel = await client.channels.create(ChannelCreate(name="launch"))
    assert channel.id == CHANNEL_ID
    assert [r.method for r in fake.requests] == ["POST", "POST"]
    assert fake.requests[0].body == fake.requests[1].body


async def test_create_is_not_retried_after_a_read_timeout(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    release = asyncio.Event()

    async def hang(request: web.BaseRequest) -> web.Response:
        await release.wait()
        return Reply(status=201, json=CHANNEL_JSON).build()

    fake.handler = hang
    client = make_client(timeout=1.0)
    with pytest.raises(APITimeoutError) as caught:
        await client.channels.create(ChannelCreate(name="once"))
    release.set()
    assert caught.value.request_sent is True
    assert len(fake.requests) == 1


async def test_get_is_retried_after_a_read_timeout(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    release = asyncio.Event()
    calls = 0

    async def slow_then_fast(request: web.BaseRequest) -> web.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            await release.wait()
        return Reply(json=CHANNEL_JSON).build()

    fake.handler = slow_then_fast
    client = make_client(timeout=1.0)
    channel = await client.channels.get(CHANNEL_ID)
    release.set()
    assert channel.id == CHANNEL_ID
    assert len(fake.requests) == 2


async def test_per_call_timeout_override(fake: FakeSigma, make_client: ClientFactory) -> None:
    release = asyncio.Event()

    async def hang(request: web.BaseRequest) -> web.Response:
        await release.wait()
        return Reply(json=CHANNEL_JSON).build()

    fake.handler = hang
    client = make_client(timeout=None)
    with pytest.raises(APITimeoutError, match="timed out waiting for the response"):
        await client.channels.get(CHANNEL_ID, timeout=0.1, max_retries=0)
    release.set()


async def _drop_mid_body(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(
        b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
        b"Content-Length: 500\r\n\r\n" + b'{"id": "42efeee4", "na'
    )
    await writer.drain()
    writer.close()


async def test_create_is_not_retried_after_a_dropped_body(
    raw_server: RawServerFactory, make_client: ClientFactory
) -> None:
    server: RawServer = await raw_server(_drop_mid_body)
    client = make_client(base_url=server.url)
    with pytest.raises(APIConnectionError) as caught:
        await client.channels.create(ChannelCreate(name="once"))
    assert type(caught.value) is APIConnectionError
    assert caught.value.request_sent is True
    assert "incomplete" in str(caught.value) or "closed" in str(caught.value)
    assert len(server.requests) == 1


async def test_get_is_retried_after_a_dropped_body(
    raw_server: RawServerFactory, make_client: ClientFactory
) -> None:
    server: RawServer = await raw_server(_drop_mid_body)
    client = make_client(base_url=server.url)
    with pytest.raises(APIConnectionError):
        await client.channels.get(CHANNEL_ID)
    assert len(server.requests) == 3


async def test_connect_errors_are_retried_even_for_create(
    make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """Nothing listens on the port: the request provably never left, so a create may retry."""
    import socket

    with socket.socket() as probe:  # reserve a free port, then close it: connects are refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = make_client(base_url=f"http://127.0.0.1:{port}")
    caplog.set_level(logging.DEBUG, logger="sigma_async")
    with pytest.raises(APIConnectionError) as caught:
        await client.channels.create(ChannelCreate(name="x"))
    assert caught.value.request_sent is False
    assert "cannot connect" in str(caught.value)
    attempts = [
        r.getMessage() for r in caplog.records if "APIConnectionError (attempt" in r.getMessage()
    ]
    assert [re.search(r"attempt (\d/\d)", m).group(1) for m in attempts] == ["1/3", "2/3", "3/3"]  # type: ignore[union-attr]


async def test_retry_after_is_honoured(fake: FakeSigma, make_client: ClientFactory) -> None:
    """A huge backoff base shows the wait came from Retry-After (0 s), not from the backoff."""
    client = make_client(retry_base_delay=600.0, retry_max_delay=600.0, max_retry_after=60.0)
    fake.reply(
        Reply(status=429, json={"message": "wait"}, headers={"Retry-After": "0"}),
        Reply(status=503, json={"message": "wait"}, headers={"Retry-After": "0"}),
        Reply(json=CHANNEL_JSON),
    )
    channel = await asyncio.wait_for(client.channels.get(CHANNEL_ID), 5)
    assert channel.id == CHANNEL_ID
    assert len(fake.requests) == 3


async def test_retry_after_is_capped(
    fake: FakeSigma, make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_client(max_retry_after=0.01)
    caplog.set_level(logging.DEBUG, logger="sigma_async")
    fake.reply(
        Reply(status=429, json={"message": "wait"}, headers={"Retry-After": "3600"}),
        Reply(json=CHANNEL_JSON),
    )
    await asyncio.wait_for(client.channels.get(CHANNEL_ID), 5)
    [line] = [r.getMessage() for r in caplog.records if "retrying in" in r.getMessage()]
    assert "retrying in 0.010 s after RateLimitError" in line


def test_delays_full_jitter_and_retry_after() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=8.0, max_retry_after=60.0)
    random.seed(1)
    plain = InternalServerError("x", status=500, method="GET", url="u")
    samples: dict[int, list[float]] = {n: [] for n in range(7)}
    for _ in range(300):
        gen = delays(policy)
        next(gen)
        for n in range(7):
            samples[n].append(gen.send(plain))
    for n, values in samples.items():
        bound = min(8.0, 0.5 * 2**n)
        assert all(0 <= v <= bound for v in values)
        assert max(values) > bound * 0.8  # spread over the whole range: full jitter
        assert min(values) < bound * 0.2
    gen = delays(policy)
    next(gen)
    limited = RateLimitError("x", status=429, method="GET", url="u", retry_after=12.0)
    assert gen.send(limited) == 12.0
    assert gen.send(RateLimitError("x", status=429, method="GET", url="u", retry_after=900)) == 60
    unavailable = InternalServerError(
        "x", status=503, method="GET", url="u", headers={"retry-after": "4"}
    )
    assert gen.send(unavailable) == 4.0


@pytest.mark.parametrize(
    ("error", "idempotent", "create"),
    [
        (APIConnectionError("x", method="GET", url="u", request_sent=False), True, True),
        (APITimeoutError("x", method="GET", url="u", request_sent=False), True, True),
        (APIConnectionError("x", method="GET", url="u", request_sent=True), True, False),
        (APITimeoutError("x", method="GET", url="u"), True, False),
        (APITLSError("x", method="GET", url="u", request_sent=False), False, False),
        (RateLimitError("x", status=429, method="GET", url="u"), True, True),
        (InternalServerError("x", status=500, method="GET", url="u"), True, False),
        (InternalServerError("x", status=501, method="GET", url="u"), False, False),
        (ConflictError("x", status=409, method="GET", url="u"), False, False),
        (BadRequestError("x", status=400, method="GET", url="u"), False, False),
    ],
)
def test_classification(error: Exception, idempotent: bool, create: bool) -> None:
    assert is_retryable(error, idempotent=True) is idempotent
    assert is_retryable(error, idempotent=False) is create


async def test_each_attempt_is_logged(
    fake: FakeSigma, client: SigmaClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="sigma_async")
    fake.reply(Reply(status=503, json={"message": "x"}), Reply(json={"data": [], "total": 0}))
    await client.sessions.list(CHANNEL_ID).to_list()
    lines = [r.getMessage() for r in caplog.records if r.name == "sigma_async"]
    attempts = [line for line in lines if "(attempt" in line]
    assert len(attempts) == 2
    pattern = (
        r"GET /api/livestream/sessions\?q=.+&sort=updatedAt%7Cdesc&page=1&perPage=100"
        r" -> {} \(attempt {}/3, [0-9.]+ ms\)"
    )
    assert re.fullmatch(pattern.format(503, 1), attempts[0])
    assert re.fullmatch(pattern.format(200, 2), attempts[1])
    assert all(r.levelno == logging.DEBUG for r in caplog.records if r.name == "sigma_async")

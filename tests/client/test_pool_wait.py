"""Issue 11 item 14: a timeout while queued for a pooled connection was never sent.

Swept over every non-idempotent operation of the table and over both kinds of pool: the one
the client opens (``max_connections``) and a caller-supplied session's connector (its
``limit``). Such a call is retried after a pool-wait timeout, and never after a timeout once
its request reached the server. Real loopback HTTP throughout; one connection is held busy by a
slow call so that the next one must queue.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from sigma_async import APITimeoutError, SigmaClient
from sigma_async.operations import OPERATIONS, Operation

from ..harness import ClientFactory
from .conftest import CHANNEL_ID, CHANNEL_JSON, FakeSigma, Reply
from .test_operations_sweep import CALLS, Call

NON_IDEMPOTENT = [op for op in OPERATIONS.values() if not op.idempotent]
TIMEOUT = 0.1
"""The attempt timeout of the calls under test (what a queued call waits for a connection)."""
HANG = 30.0
"""The timeout of the call that holds the only connection (a bound, never reached)."""

PoolFactory = Callable[..., Awaitable[SigmaClient]]


@pytest.fixture(params=["the client's own pool", "a caller-supplied session's pool"])
async def one_connection(
    request: pytest.FixtureRequest, make_client: ClientFactory
) -> AsyncIterator[PoolFactory]:
    """Build clients whose pool holds exactly one connection, of the kind the param names."""
    sessions: list[aiohttp.ClientSession] = []

    async def build(**options: Any) -> SigmaClient:
        if request.param == "the client's own pool":
            return make_client(max_connections=1, **options)
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1))
        sessions.append(session)
        return make_client(session=session, **options)

    yield build
    for session in sessions:
        await session.close()


class _Gate:
    """A server handler that answers only once released; records which requests arrived."""

    def __init__(self) -> None:
        self.arrived = asyncio.Event()
        self.release = asyncio.Event()

    async def __call__(self, request: web.BaseRequest) -> web.StreamResponse:
        self.arrived.set()
        await self.release.wait()
        return Reply(status=201 if request.method == "POST" else 200, json=CHANNEL_JSON).build()


def _ids(operations: list[Operation]) -> list[str]:
    return [op.operation_id for op in operations]


def test_the_sweep_covers_some_operation() -> None:
    assert NON_IDEMPOTENT  # a create, at least: the case the classification exists for


async def _held_call(
    fake: FakeSigma, one_connection: PoolFactory, operation: Operation, **options: Any
) -> tuple[_Gate, SigmaClient, Call]:
    """A client whose server holds every request until released, and the operation's call."""
    gate = _Gate()
    fake.handler = gate
    client = await one_connection(timeout=TIMEOUT, **options)
    call, _ = CALLS[operation.operation_id]
    return gate, client, call


@pytest.mark.parametrize("operation", NON_IDEMPOTENT, ids=_ids(NON_IDEMPOTENT))
async def test_a_pool_wait_timeout_is_unsent_and_retried(
    fake: FakeSigma, one_connection: PoolFactory, operation: Operation
) -> None:
    gate, client, call = await _held_call(fake, one_connection, operation, max_retries=1)
    holder = asyncio.ensure_future(client.channels.get(CHANNEL_ID, timeout=HANG))
    await gate.arrived.wait()  # the only connection is now taken
    with pytest.raises(APITimeoutError) as caught:
        await call(client, CHANNEL_ID)
    assert caught.value.request_sent is False
    assert "pool" in str(caught.value)
    assert client.traffic.attempts == 1 + 2  # the holder, then the call and its retry
    gate.release.set()
    await holder
    assert [recorded.method for recorded in fake.requests] == ["GET"]


@pytest.mark.parametrize("operation", NON_IDEMPOTENT, ids=_ids(NON_IDEMPOTENT))
async def test_a_timeout_after_sending_is_sent_and_not_retried(
    fake: FakeSigma, one_connection: PoolFactory, operation: Operation
) -> None:
    gate, client, call = await _held_call(fake, one_connection, operation, max_retries=2)
    with pytest.raises(APITimeoutError) as caught:
        await call(client, CHANNEL_ID)
    assert caught.value.request_sent is True
    assert client.traffic.attempts == 1
    gate.release.set()
    assert [recorded.method for recorded in fake.requests] == [operation.method]


async def test_a_caller_session_gains_one_watcher_however_many_clients_share_it(
    make_client: ClientFactory,
) -> None:
    async with aiohttp.ClientSession() as session:
        before = len(session.trace_configs)
        make_client(session=session)
        make_client(session=session)
        assert len(session.trace_configs) == before + 1

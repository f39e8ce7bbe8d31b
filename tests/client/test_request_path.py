"""The request path's shortcuts change nothing on the wire or at the gate.

The client's own session carries the client's headers as its defaults (aiohttp then merges
nothing per request), a caller's session gets them on every request instead: swept over every
operation, both send each header exactly once, the same values, Content-Type only with a body.
What a request leaves to its session (the timeout, the TLS setting, no redirects, no status
raising) is the client's on both kinds: a caller's session with hostile defaults changes none of
it, and a call's own ``timeout`` applies on the client's own session too.
The shipped 429 gate is asked synchronously whether an attempt may start at once; a gate whose
``acquire`` is overridden is still awaited before every attempt.
"""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp import web

from sigma_async import APIStatusError, APITimeoutError, RateLimitGate, SigmaClient
from sigma_async.operations import OPERATIONS, Operation

from ..harness import ClientFactory
from .conftest import CHANNEL_ID, CHANNEL_JSON, FakeSigma, Reply
from .test_operations_sweep import CALLS
from .test_requests import assert_common_headers

CLIENT_HEADERS = ("Authorization", "X-App-Id", "User-Agent", "Accept")


async def _request_headers(
    fake: FakeSigma, client: SigmaClient, operation: Operation
) -> dict[str, list[str]]:
    call, reply = CALLS[operation.operation_id]
    fake.requests.clear()
    fake.reply(reply)
    await call(client, CHANNEL_ID)
    [request] = fake.requests
    assert_common_headers(fake)
    names = {name.lower() for name in request.headers}
    return {name: request.headers.getall(name) for name in sorted(names)}


@pytest.mark.parametrize("operation", list(OPERATIONS.values()), ids=list(OPERATIONS))
async def test_own_and_caller_sessions_send_the_same_headers_once(
    fake: FakeSigma, make_client: ClientFactory, operation: Operation
) -> None:
    own = await _request_headers(fake, make_client(), operation)
    # The caller's session has defaults of its own: one of ours (Accept) is overridden by the
    # client, the other is the caller's and stays.
    caller_defaults = {"Accept": "text/html", "X-Caller": "kept"}
    async with aiohttp.ClientSession(headers=caller_defaults) as session:
        theirs = await _request_headers(fake, make_client(session=session), operation)
    assert theirs.pop("x-caller") == ["kept"]
    assert own == theirs
    for name in CLIENT_HEADERS:
        assert len(own[name.lower()]) == 1, name
    assert ("content-type" in own) == (operation.request_model is not None)


def _slow(fake: FakeSigma, reply: Reply, delay: float) -> None:
    async def answer_late(request: web.BaseRequest) -> web.StreamResponse:
        await asyncio.sleep(delay)
        return reply.build()

    fake.handler = answer_late


@pytest.mark.parametrize("operation", list(OPERATIONS.values()), ids=list(OPERATIONS))
async def test_a_caller_sessions_defaults_change_no_request(
    fake: FakeSigma, make_client: ClientFactory, operation: Operation
) -> None:
    call, reply = CALLS[operation.operation_id]
    # A timeout shorter than the server's delay, and statuses raised by aiohttp.
    hostile = aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=0.05), raise_for_status=True
    )
    async with hostile:
        client = make_client(session=hostile, timeout=5.0, max_retries=0)
        _slow(fake, reply, 0.2)
        await call(client, CHANNEL_ID)  # the client's 5 s, not the session's 50 ms
        fake.handler = fake._default
        # Followed, this would fail to connect (nothing listens on port 9) instead.
        fake.reply(Reply(status=302, headers={"Location": "http://127.0.0.1:9/elsewhere"}))
        with pytest.raises(APIStatusError) as caught:
            await call(client, CHANNEL_ID)
        assert type(caught.value) is APIStatusError  # ours, not aiohttp's, and not followed
        assert caught.value.status == 302


@pytest.mark.parametrize("operation", list(OPERATIONS.values()), ids=list(OPERATIONS))
async def test_the_clients_timeout_applies_on_either_session(
    fake: FakeSigma, make_client: ClientFactory, operation: Operation
) -> None:
    call, reply = CALLS[operation.operation_id]
    _slow(fake, reply, 0.5)
    async with aiohttp.ClientSession() as session:  # aiohttp's default: 5 minutes
        for client in (
            make_client(timeout=0.05, max_retries=0),
            make_client(session=session, timeout=0.05, max_retries=0),
        ):
            with pytest.raises(APITimeoutError):
                await call(client, CHANNEL_ID)


async def test_a_calls_own_timeout_applies_on_either_session(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    _slow(fake, Reply(json=CHANNEL_JSON), 0.5)
    async with aiohttp.ClientSession() as session:
        for client in (make_client(timeout=5.0), make_client(session=session, timeout=5.0)):
            with pytest.raises(APITimeoutError):
                await client.channels.get(CHANNEL_ID, timeout=0.05, max_retries=0)
            # The call's timeout was its own: the next call has the client's 5 s again.
            assert (await client.channels.get(CHANNEL_ID)).id == CHANNEL_ID


class _CountingGate(RateLimitGate):
    """The shipped gate with ``acquire`` overridden: the client must await it every time."""

    def __init__(self) -> None:
        super().__init__()
        self.acquired = 0

    async def acquire(self) -> None:
        self.acquired += 1
        await super().acquire()


async def test_an_overridden_acquire_is_awaited_before_every_attempt(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    gate = _CountingGate()
    client = make_client(rate_limit_gate=gate)
    fake.reply(Reply(status=503), Reply(status=503))  # two retried attempts, then the default
    await client.channels.get(CHANNEL_ID)
    await client.channels.get(CHANNEL_ID)
    assert client.traffic.attempts == 4
    assert gate.acquired == 4


async def test_the_shipped_gate_admits_at_once_only_while_acquire_would_not_wait() -> None:
    now = [100.0]
    gate = RateLimitGate(base_delay=1.0, clock=lambda: now[0])
    assert gate.admits_now()
    await gate.acquire()  # returns at once: unpaced, not holding
    gate.on_rate_limited(2.0)
    assert not gate.admits_now()  # a hold: acquire waits
    now[0] += 2.5
    assert not gate.admits_now()  # paced after the 429: every attempt takes its turn

"""The request path's shortcuts change nothing on the wire or at the gate.

The client's own session carries the client's headers as its defaults (aiohttp then merges
nothing per request), a caller's session gets them on every request instead: swept over every
operation, both send each header exactly once, the same values, Content-Type only with a body.
The shipped 429 gate is asked synchronously whether an attempt may start at once; a gate whose
``acquire`` is overridden is still awaited before every attempt.
"""

from __future__ import annotations

import aiohttp
import pytest

from sigma_async import RateLimitGate, SigmaClient
from sigma_async.operations import OPERATIONS, Operation

from ..harness import ClientFactory
from .conftest import CHANNEL_ID, FakeSigma, Reply
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

"""The client-wide rate-limit gate, counted at a rate-limited emulator (never timed)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import pytest
from aiohttp import web
from hypothesis import given, settings
from hypothesis import strategies as st

from sigma_async import (
    ChannelCreate,
    ChannelUpdate,
    RateLimiter,
    RateLimitGate,
    SigmaClient,
    SigmaValidationError,
)
from sigma_async.operations import API_PREFIX, OPERATIONS
from sigma_async.testing import ResponseRecord, SigmaEmulator
from sigma_async.testing._ratelimit import TokenBucket
from tests.client.conftest import CHANNEL_ID, CHANNEL_JSON


def _refused(emu: SigmaEmulator) -> int:
    return sum(emu.stats.rate_refused.values())


class _SignallingGate(RateLimitGate):
    """The shipped gate, telling the test when its first 429 has set the hold."""

    def __init__(self) -> None:
        super().__init__()
        self.limited = asyncio.Event()

    def on_rate_limited(self, delay: float | None) -> None:
        super().on_rate_limited(delay)
        self.limited.set()


async def _one_429_then_many_tasks(gate: bool) -> tuple[int, int, int]:
    """Meet one wave of 429s, then start 40 tasks at once; return refusals before and after,
    and how many calls failed."""
    sent_429 = asyncio.Event()

    def hook(record: ResponseRecord) -> None:
        if record.status == 429:
            sent_429.set()

    async with SigmaEmulator(rate_limit=40, burst=4, response_hook=hook) as emu:
        assert emu.rate_limiter is not None  # the emulator was made with a rate limit
        emu.rate_limiter.enabled = False
        async with emu.client() as setup:
            channel = await setup.channels.create(ChannelCreate(name="gate"))
        emu.rate_limiter.enabled = True
        limiter = _SignallingGate() if gate else False
        async with emu.client(rate_limit_gate=limiter) as client:
            first = [asyncio.ensure_future(client.channels.get(channel.id)) for _ in range(8)]
            # With the gate: once its hold is set. Without: once the emulator refused one.
            await (limiter.limited if isinstance(limiter, _SignallingGate) else sent_429).wait()
            before = _refused(emu)
            many = [client.channels.get(channel.id) for _ in range(40)]
            results = await asyncio.gather(*first, *many, return_exceptions=True)
        failed = sum(isinstance(result, BaseException) for result in results)
        return before, _refused(emu) - before, failed


async def test_one_429_holds_every_new_attempt_of_the_client() -> None:
    before, after, failed = await _one_429_then_many_tasks(gate=True)
    assert before >= 1
    # 40 tasks started while the gate held: they waited, then went through at the pace the
    # service's headers allow, instead of each learning the limit from its own 429.
    assert after <= 8
    assert failed == 0


async def test_without_the_gate_every_call_learns_the_limit_on_its_own() -> None:
    _, after, failed = await _one_429_then_many_tasks(gate=False)
    # Today's behaviour: the 40 tasks knock at once, and again after each Retry-After.
    assert after >= 40
    assert failed > 0  # some ran out of their 2 retries


class RecordingLimiter:
    """A limiter of one's own (what a process-shared one would plug into)."""

    def __init__(self) -> None:
        self.acquired = 0
        self.statuses: list[int] = []
        self.delays: list[float | None] = []

    async def acquire(self) -> None:
        self.acquired += 1

    def on_response(self, status: int, headers: Mapping[str, str]) -> None:
        self.statuses.append(status)

    def on_rate_limited(self, delay: float | None) -> None:
        self.delays.append(delay)


CALLS: dict[str, Callable[[SigmaClient, dict[str, str]], Awaitable[Any]]] = {
    "createChannel": lambda c, ids: c.channels.create(ChannelCreate(name="made")),
    "listChannels": lambda c, ids: c.channels.list().to_list(),
    "getChannel": lambda c, ids: c.channels.get(ids["channel"]),
    "updateChannel": lambda c, ids: c.channels.update(
        ids["channel"], ChannelUpdate(description="d")
    ),
    "deleteChannel": lambda c, ids: c.channels.delete(ids["spare"]),
    "startChannel": lambda c, ids: c.channels.start(ids["channel"]),
    "stopChannel": lambda c, ids: c.channels.stop(ids["spare_started"]),
    "listSessions": lambda c, ids: c.sessions.list().to_list(),
    "getSession": lambda c, ids: c.sessions.get(ids["session"]),
    "getSessionStatus": lambda c, ids: c.sessions.status(ids["session"]),
    "listEvents": lambda c, ids: c.events.list(ids["session"]).to_list(),
}


def test_the_sweep_covers_every_operation() -> None:
    assert set(CALLS) == set(OPERATIONS)


@pytest.mark.parametrize("retry_after", [0, None])
@pytest.mark.parametrize("operation", sorted(CALLS))
async def test_every_operations_429_reaches_the_limiter(
    operation: str, retry_after: int | None
) -> None:
    async with SigmaEmulator(seed=3) as emu:
        async with emu.client() as setup:
            channel = await setup.channels.create(ChannelCreate(name="c"))
            spare = await setup.channels.create(ChannelCreate(name="spare"))
            started = await setup.channels.create(ChannelCreate(name="started"))
            await setup.channels.start(channel.id)
            await setup.channels.start(started.id)
        session = emu.publish(channel.id, live=True)
        ids = {
            "channel": channel.id,
            "spare": spare.id,
            "spare_started": started.id,
            "session": session,
        }
        emu.faults.add("status", operation=operation, status=429, retry_after=retry_after, times=1)
        limiter = RecordingLimiter()
        async with emu.client(rate_limit_gate=limiter, retry_base_delay=0.01) as client:
            await CALLS[operation](client, ids)
            assert client.traffic.rate_limited == 1
        assert limiter.delays == [None if retry_after is None else 0.0]
        assert limiter.acquired == client.traffic.attempts
        assert 429 not in limiter.statuses
        assert len(limiter.statuses) == limiter.acquired - 1


async def test_retry_after_is_capped_before_the_limiter_sees_it() -> None:
    async with SigmaEmulator() as emu:
        emu.faults.add("status", status=429, retry_after=30, times=1)
        limiter = RecordingLimiter()
        async with emu.client(rate_limit_gate=limiter, max_retry_after=0.01) as client:
            await client.channels.list().to_list()
        assert limiter.delays == [0.01]


def test_the_gate_option_is_checked() -> None:
    def make(option: object) -> SigmaClient:
        return SigmaClient(
            username="u",
            secret_key="s",
            app_id="a",
            rate_limit_gate=option,  # type: ignore[arg-type]
        )

    assert isinstance(make(True)._limiter, RateLimitGate)
    assert make(False)._limiter is None
    assert isinstance(RecordingLimiter(), RateLimiter)
    with pytest.raises(SigmaValidationError, match="rate_limit_gate"):
        make("yes")


class _Simulation:
    """A client sending as fast as the gate lets it against a token bucket, in virtual time."""

    def __init__(self, rate: float, burst: int) -> None:
        self.now = 0.0
        self.bucket = TokenBucket(rate, burst)
        self.gate = RateLimitGate(clock=lambda: self.now)
        self.log: list[tuple[float, bool]] = []
        self.unpaced_interval = 1 / (20 * rate)  # an eager client: 20x the budget

    def run(self, seconds: float) -> None:
        while self.now < seconds:
            if self.gate.holding:
                self.now += 0.01
                continue
            pace = self.gate.pace
            self.now += self.unpaced_interval if pace is None else 1 / pace
            admitted = self.bucket.take(self.now)
            self.log.append((self.now, admitted))
            if admitted:
                self.gate.on_response(200, self.bucket.admitted_headers())
            else:
                self.gate.on_rate_limited(float(self.bucket.retry_after()))


@settings(max_examples=25, deadline=None)
@given(rate=st.floats(min_value=5, max_value=2_000), burst=st.integers(min_value=5, max_value=100))
def test_the_pace_converges_to_the_budget(rate: float, burst: int) -> None:
    simulation = _Simulation(rate, burst)
    simulation.run(30.0)
    settled = [admitted for moment, admitted in simulation.log if moment >= 15.0]
    # Once settled: no more refusals, and the budget is used (within 10 %).
    assert all(settled)
    assert len(settled) >= 0.9 * rate * 15.0


async def _headerless_limited_server(rate: float, burst: int) -> tuple[web.AppRunner, Counter[int]]:
    """A service limiting like a gateway that sends no X-RateLimit-* headers."""
    bucket = TokenBucket(rate, burst)
    bucket.updated = time.monotonic()
    statuses: Counter[int] = Counter()

    async def get_channel(request: web.Request) -> web.Response:
        if bucket.take(time.monotonic()):
            statuses[200] += 1
            return web.json_response(CHANNEL_JSON)
        statuses[429] += 1
        return web.json_response({"message": "slow down"}, status=429, headers={"Retry-After": "1"})

    app = web.Application()
    app.router.add_get(API_PREFIX + "/channels/{id}", get_channel)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, statuses


@pytest.mark.parametrize("gate", [True, False])
async def test_without_headers_the_gate_holds_and_drains_the_backlog(gate: bool) -> None:
    runner, statuses = await _headerless_limited_server(rate=50, burst=5)
    try:
        port = runner.addresses[0][1]
        async with SigmaClient(
            username="u",
            secret_key="s",
            app_id="a",
            base_url=f"http://127.0.0.1:{port}",
            rate_limit_gate=gate,
            max_retries=4,
        ) as client:
            results = await asyncio.gather(
                *(client.channels.get(CHANNEL_ID) for _ in range(60)), return_exceptions=True
            )
    finally:
        await runner.cleanup()
    failed = sum(isinstance(result, BaseException) for result in results)
    if gate:
        # The first wave is refused (all 60 were sent before the first 429 came back); then
        # the client holds for the Retry-After and lets the backlog through at a pace.
        assert failed == 0
        assert statuses[429] <= 55 + 15
    else:
        assert statuses[429] >= 55 + 40  # every refused call knocks again on its own


def test_a_gate_left_waiting_on_a_dead_loop_serves_the_next_one() -> None:
    gate = RateLimitGate()

    async def leave_a_waiter_behind() -> None:
        gate.on_rate_limited(0.05)
        asyncio.get_running_loop().create_task(gate.acquire())
        await asyncio.sleep(0)

    old = asyncio.new_event_loop()
    old.run_until_complete(leave_a_waiter_behind())
    old.close()  # its tasks never ran to the end

    async def acquire() -> None:
        await asyncio.wait_for(gate.acquire(), timeout=5)

    asyncio.run(acquire())

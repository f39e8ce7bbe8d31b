"""Bulk channel operations over real HTTP against the emulator on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from sigma_async import (
    Channel,
    ChannelCreate,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    SigmaClient,
    SigmaValidationError,
)
from sigma_async.bulk import BulkRun, OutcomeState
from sigma_async.testing import SigmaEmulator

from ._in_flight import InFlight


@pytest.fixture
def sigma_emulator_options() -> dict[str, Any]:
    return {"seed": 5}


@pytest.fixture
def emulator(sigma_emulator: SigmaEmulator) -> SigmaEmulator:
    # The package's own fixture: started, closed, and failing the test on an internal error.
    return sigma_emulator


@pytest.fixture
async def client(emulator: SigmaEmulator) -> AsyncIterator[SigmaClient]:
    # Short backoff: the faults below are retried hundreds of times.
    async with emulator.client(retry_base_delay=0.001, retry_max_delay=0.01) as client:
        yield client


async def make_channels(client: SigmaClient, count: int, prefix: str = "ch") -> list[Channel]:
    result = await client.channels.bulk_create(
        [ChannelCreate(name=f"{prefix}-{n}", tags=[prefix]) for n in range(count)],
        concurrency=32,
    )
    result.raise_for_errors()
    return result.values


async def test_bulk_create_returns_channels_in_input_order(
    client: SigmaClient, emulator: SigmaEmulator
) -> None:
    names = [f"order-{n}" for n in range(25)]
    result = await client.channels.bulk_create([ChannelCreate(name=n) for n in names])
    assert result.ok
    assert [o.label for o in result] == names
    assert [o.value.name for o in result if o.value is not None] == names
    assert len({o.value.id for o in result if o.value is not None}) == 25
    assert emulator.stats.applied["createChannel"] == 25


async def test_ids_channels_duplicates_and_unknown_ids(
    client: SigmaClient, emulator: SigmaEmulator
) -> None:
    channels = await make_channels(client, 3)
    a, b, c = channels
    items: list[str | Channel] = [a.id, b, a, "no-such-channel", c.id, b.id]
    emulator.stats.reset()
    result = await client.channels.bulk_start(items)
    states = [o.state for o in result]
    assert states == [
        OutcomeState.SUCCEEDED,
        OutcomeState.SUCCEEDED,
        OutcomeState.DUPLICATE,
        OutcomeState.FAILED,
        OutcomeState.SUCCEEDED,
        OutcomeState.DUPLICATE,
    ]
    assert [o.label for o in result] == [a.id, b.id, a.id, "no-such-channel", c.id, b.id]
    assert result[2].duplicate_of == 0
    assert result[5].duplicate_of == 1
    assert isinstance(result[3].error, NotFoundError)
    # Each channel was sent once: four requests (three channels and the unknown id).
    assert emulator.stats.received["startChannel"] == 4
    assert emulator.stats.applied["startChannel"] == 3
    assert all(emulator.channel(ch.id)["status"] == "active" for ch in channels)


async def test_bad_items_are_refused_before_anything_is_sent(
    client: SigmaClient, emulator: SigmaEmulator
) -> None:
    (channel,) = await make_channels(client, 1)
    emulator.stats.reset()
    with pytest.raises(SigmaValidationError, match="channel id"):
        await client.channels.bulk_stop([channel.id, 42])  # type: ignore[list-item]
    with pytest.raises(SigmaValidationError, match="single str"):
        await client.channels.bulk_stop(channel.id)
    with pytest.raises(SigmaValidationError, match="ChannelCreate"):
        await client.channels.bulk_create([ChannelCreate(name="ok"), "not a request"])  # type: ignore[list-item]
    assert sum(emulator.stats.received.values()) == 0


async def test_bulk_stop_composes_with_a_filtered_listing(
    client: SigmaClient, emulator: SigmaEmulator
) -> None:
    channels = await make_channels(client, 45, prefix="event")
    others = await make_channels(client, 5, prefix="other")
    (await client.channels.bulk_start([*channels, *others])).raise_for_errors()
    # Small pages: had the channels been stopped while paging through `status=active`, the
    # pages would have shifted under the iterator and some channels would have been skipped.
    selection = client.channels.list(status="active", tags=["event"], per_page=7)
    result = await client.channels.bulk_stop(selection)
    assert result.ok
    assert len(result) == 45
    assert {o.label for o in result} == {ch.id for ch in channels}
    assert all(emulator.channel(ch.id)["status"] == "stop" for ch in channels)
    assert all(emulator.channel(ch.id)["status"] == "active" for ch in others)


async def test_a_thousand_items_with_injected_faults_are_each_reported_right(
    client: SigmaClient, emulator: SigmaEmulator
) -> None:
    channels = await make_channels(client, 1000)
    ids = [channel.id for channel in channels]
    emulator.stats.reset()
    emulator.faults.add("status", operation="startChannel", status=503, rate=0.08)
    emulator.faults.add("status", operation="startChannel", status=429, rate=0.05, retry_after=0)
    progress: list[tuple[int, int]] = []
    result = await client.channels.bulk_start(
        [*ids, *ids[:10]],  # ten duplicates at the end
        concurrency=50,
        on_progress=lambda done, total: progress.append((done, total)),
        max_retries=1,  # few retries, so some items do fail and their reports can be checked
    )
    assert len(result) == 1010
    assert progress[0] == (0, 1000)
    assert progress[-1] == (1000, 1000)
    assert [done for done, _ in progress] == list(range(1001))
    assert emulator.stats.fault_count() > 100  # the faults did fire
    succeeded = {o.label for o in result.succeeded}
    failed = {o.label for o in result.failed}
    assert len(result.succeeded) + len(result.failed) == 1000
    assert len(result.duplicates) == 10
    assert failed, "with these rates and one retry some items are expected to fail"
    status = {channel["id"]: channel["status"] for channel in emulator.channels()}
    for outcome in result.failed:
        # A faulted request is refused before handling, so a failed start changed nothing.
        assert isinstance(outcome.error, (InternalServerError, RateLimitError))
        assert status[outcome.label] == "idle"
    for channel_id in succeeded:
        assert status[channel_id] == "active"
    # Every channel started once, however many times its request was retried.
    assert emulator.stats.applied["startChannel"] == len(succeeded)
    for outcome in result.duplicates:
        assert outcome.duplicate_of == outcome.index - 1000
        assert outcome.ok == result[outcome.duplicate_of].ok
    with pytest.raises(Exception, match=f"{len(failed)} of 1010 bulk item"):
        result.raise_for_errors()


async def test_connections_dropped_after_the_stop_was_applied_are_retried_once(
    client: SigmaClient, emulator: SigmaEmulator
) -> None:
    channels = await make_channels(client, 200)
    (await client.channels.bulk_start(channels)).raise_for_errors()
    emulator.stats.reset()
    emulator.faults.add("drop_after", operation="stopChannel", rate=0.1)
    result = await client.channels.bulk_stop(channels, concurrency=20, max_retries=5)
    assert result.ok
    assert emulator.stats.fault_count("drop_after") > 5
    # The retried stops found their channel already stopped: no second side effect.
    assert emulator.stats.applied["stopChannel"] == 200
    assert emulator.stats.received["stopChannel"] > 200


async def test_creates_failing_with_5xx_are_not_retried_and_create_nothing_twice(
    client: SigmaClient, emulator: SigmaEmulator
) -> None:
    emulator.faults.add("status", operation="createChannel", status=502, rate=0.1)
    names = [f"new-{n}" for n in range(300)]
    result = await client.channels.bulk_create([ChannelCreate(name=n) for n in names])
    assert len(result.failed) > 0
    created = {channel["name"] for channel in emulator.channels()}
    assert created == {o.label for o in result.succeeded}
    assert emulator.stats.duplicates() == {}


async def test_concurrency_bounds_requests_in_flight(
    client: SigmaClient, emulator: SigmaEmulator
) -> None:
    channels = await make_channels(client, 40)
    in_flight = InFlight()

    @in_flight
    async def start(channel: Channel) -> None:
        await client.channels.start(channel.id)

    emulator.faults.add("latency", operation="startChannel", delay=0.01)
    result = await client.bulk(start, channels, concurrency=6)
    peak = in_flight.peak
    assert result.ok
    assert peak == 6


async def test_rate_limit_paces_requests(client: SigmaClient, emulator: SigmaEmulator) -> None:
    channels = await make_channels(client, 10)
    loop = asyncio.get_running_loop()
    began = loop.time()
    result = await client.channels.bulk_start(channels, concurrency=10, rate_limit=50)
    assert result.ok
    assert loop.time() - began >= 9 / 50 * 0.9


async def test_cancelling_a_bulk_call_sends_nothing_more(
    client: SigmaClient, emulator: SigmaEmulator
) -> None:
    channels = await make_channels(client, 30)
    emulator.stats.reset()
    emulator.faults.add("latency", operation="startChannel", delay=2.0)
    run = BulkRun()
    task = asyncio.ensure_future(client.channels.bulk_start(channels, concurrency=4, run=run))
    # The emulator's counters have no event to wait on: poll them.
    while emulator.stats.received["startChannel"] < 4:  # noqa: ASYNC110
        await asyncio.sleep(0.005)
    loop = asyncio.get_running_loop()
    began = loop.time()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert loop.time() - began < 1.0  # prompt: did not wait for the 2 s responses
    counts = run.result.counts()
    assert counts[OutcomeState.CANCELLED] == 4
    assert counts[OutcomeState.NOT_STARTED] == 26
    assert [o.state for o in run.result][4:] == [OutcomeState.NOT_STARTED] * 26
    await asyncio.sleep(0.05)
    # Items reported as not started never reached the server.
    assert emulator.stats.received["startChannel"] == 4


async def test_client_bulk_runs_any_operation(client: SigmaClient, emulator: SigmaEmulator) -> None:
    channels = await make_channels(client, 5)
    await client.channels.bulk_start(channels)
    sessions = [emulator.publish(channel.id, live=True) for channel in channels]
    result = await client.bulk(client.sessions.status, [*sessions, sessions[0]], key=str)
    assert [o.state for o in result][-1] is OutcomeState.DUPLICATE
    assert [str(o.value) for o in result] == ["live"] * 6

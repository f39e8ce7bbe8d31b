"""Cancelling any call, paginator, watch or bulk operation at any point leaves nothing behind.

The emulator runs in a thread of its own, so this loop holds only the client's tasks and
connections: after each cancellation no task may be pending, no connection may be checked out
of the pool, and the client must still work (a connection given back half-read would corrupt
the next response). Latency and 503s on the emulator make each call pass through every phase
(connecting, waiting, reading, backing off, retrying) where a cancellation may land.
"""

from __future__ import annotations

import asyncio
import gc
import random
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from sigma_async import BulkRun, ChannelCreate, ChannelUpdate, SigmaClient, SigmaError
from sigma_async.testing import SigmaEmulator

from .conftest import acquired_connections, leftover_tasks, settle


@dataclass
class Harness:
    emulator: SigmaEmulator
    client: SigmaClient
    ids: list[str]
    session_id: str
    created: int = 0

    def call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self.emulator.thread.call(function, *args, **kwargs)  # type: ignore[attr-defined]

    def channel_id(self, rng: random.Random) -> str:
        return rng.choice(self.ids)

    async def quiesce(self) -> None:
        """Wait until the emulator has answered every request it received.

        A request the client gave up on still runs on the server (after its latency): its
        effect lands late, and must have landed before the next step reads the state.
        """

        def in_flight() -> int:
            stats = self.emulator.stats
            return sum(stats.received.values()) - sum(stats.responses.values())

        # Zero, or (a request dropped unanswered is never counted as answered) no change for a
        # while: ten times the emulator's longest latency here.
        # Two zeros 10 ms apart: a request already sent may not have been read yet.
        last, steady, zeros = -1, 0, 0
        for _ in range(500):
            now = self.call(in_flight)
            zeros = zeros + 1 if now == 0 else 0
            if zeros >= 2 or steady >= 20:
                return
            steady = steady + 1 if now == last else 0
            last = now
            await asyncio.sleep(0.01)
        raise AssertionError("the emulator never finished its requests")


@pytest.fixture
async def harness(threaded_emulator: Callable[..., SigmaEmulator]) -> AsyncIterator[Harness]:
    emulator = threaded_emulator(seed=5)
    client = emulator.client(
        timeout=2.0, max_retries=3, retry_base_delay=0.01, retry_max_delay=0.02
    )
    ids = [
        (await client.channels.create(ChannelCreate(name=f"cancel-{n}", tags=["cx"]))).id
        for n in range(24)
    ]
    await client.channels.start(ids[0])
    session_id = emulator.thread.call(emulator.publish, ids[0], live=True)  # type: ignore[attr-defined]
    harness = Harness(emulator, client, ids, session_id)
    # Every request waits a little and a quarter fail once with 503: cancellations land while
    # connecting, waiting, reading, backing off and retrying.
    harness.call(emulator.faults.add, "latency", delay=(0.001, 0.02))
    harness.call(emulator.faults.add, "status", status=503, rate=0.25)
    session = client._session
    yield harness
    await client.aclose()
    assert session is not None
    assert session.closed
    assert session.connector is None or session.connector.closed
    gc.collect()  # an unclosed session or transport would warn now (warnings are errors)


async def _consume(iterator: AsyncIterator[Any], pause: float = 0.0) -> int:
    count = 0
    async for _ in iterator:
        count += 1
        if pause:
            await asyncio.sleep(pause)  # the cancellation may land here, outside the generator
    return count


def _watch(h: Harness, rng: random.Random) -> Awaitable[int]:
    # The session is live and never ends: the watch polls until cancelled.
    return _consume(h.client.events.watch(h.session_id, poll_interval=0.005))


def _create(h: Harness, rng: random.Random) -> Awaitable[object]:
    h.created += 1
    return h.client.channels.create(ChannelCreate(name=f"cancel-new-{h.created}"))


OPERATIONS: dict[str, Callable[[Harness, random.Random], Awaitable[object]]] = {
    "create": _create,
    "get": lambda h, rng: h.client.channels.get(h.channel_id(rng)),
    "update": lambda h, rng: h.client.channels.update(
        h.channel_id(rng), ChannelUpdate(description=f"d{rng.random()}")
    ),
    "start": lambda h, rng: h.client.channels.start(h.channel_id(rng)),
    "stop": lambda h, rng: h.client.channels.stop(h.channel_id(rng)),
    "delete": lambda h, rng: h.client.channels.delete(h.ids.pop()),
    "session status": lambda h, rng: h.client.sessions.status(h.session_id),
    "wait_for_status": lambda h, rng: h.client.sessions.wait_for_status(
        h.session_id, {"ended"}, timeout=5, poll_interval=0.005
    ),
    "list to_list (prefetch 3)": lambda h, rng: h.client.channels.list(
        per_page=2, prefetch=3
    ).to_list(),
    "async for over a paginator": lambda h, rng: _consume(
        aiter(h.client.channels.list(per_page=2, prefetch=rng.choice([1, 3])))
    ),
    "async for, cancelled in the loop body": lambda h, rng: _consume(
        aiter(h.client.channels.list(per_page=2, prefetch=3)), pause=0.002
    ),
    "paginator pages()": lambda h, rng: _consume(
        h.client.channels.list(per_page=3, prefetch=2).pages()
    ),
    "events watch": _watch,
    "bulk_start": lambda h, rng: h.client.channels.bulk_start(h.ids[1:], concurrency=4),
    "bulk_create": lambda h, rng: h.client.channels.bulk_create(
        [ChannelCreate(name=f"bulk-{rng.random():.12f}") for _ in range(12)], concurrency=4
    ),
}


def cancel_points(name: str) -> list[tuple[str, float]]:
    """Where to cancel: after 0..6 loop iterations, and at random instants (seeded by name)."""
    rng = random.Random(zlib.crc32(name.encode()))
    yields = [("yields", float(n)) for n in (0, 1, 3, 6)]
    return yields + [("seconds", rng.uniform(0.0, 0.05)) for _ in range(9)]


async def cancel_at(operation: Awaitable[object], point: tuple[str, float]) -> object:
    task = asyncio.ensure_future(operation)
    kind, amount = point
    if kind == "yields":
        for _ in range(int(amount)):
            await asyncio.sleep(0)
    else:
        await asyncio.sleep(amount)
    task.cancel()
    (outcome,) = await asyncio.gather(task, return_exceptions=True)
    return outcome


async def assert_nothing_left(client: SigmaClient, *, settle_first: bool) -> None:
    if settle_first:
        # Leaving ``async for`` from its body (not from inside the generator) leaves the
        # generator suspended; Python's loop closes it a few iterations later, and its
        # ``finally`` then cancels the pages in flight.
        await settle()
    assert leftover_tasks() == []
    assert acquired_connections(client) == 0


@pytest.mark.parametrize("name", list(OPERATIONS))
async def test_cancelling_at_any_point_leaves_nothing_behind(harness: Harness, name: str) -> None:
    operation = OPERATIONS[name]
    rng = random.Random(name)
    outcomes: list[str] = []
    for point in cancel_points(name):
        if name == "delete" and len(harness.ids) < 4:
            break
        outcome = await cancel_at(operation(harness, rng), point)
        # Cancelled, or it finished first: a value or a typed error, nothing else.
        assert (
            outcome is None
            or not isinstance(outcome, BaseException)
            or isinstance(outcome, (asyncio.CancelledError, SigmaError))
        ), repr(outcome)
        outcomes.append(type(outcome).__name__)
        await assert_nothing_left(harness.client, settle_first="loop body" in name)
        # The pool is sound: the next call reads its own, whole response.
        channel = await harness.client.channels.get(harness.ids[0], max_retries=10)
        assert channel.id == harness.ids[0]
    assert "CancelledError" in outcomes  # the points really interrupted the call


async def test_cancelled_bulk_start_sends_nothing_for_items_not_started(harness: Harness) -> None:
    targets = harness.ids[1:]
    for point in cancel_points("bulk accounting")[3:10]:
        stopped = await harness.client.channels.bulk_stop(targets, concurrency=8, max_retries=20)
        stopped.raise_for_errors()
        run = BulkRun()
        await cancel_at(harness.client.channels.bulk_start(targets, concurrency=3, run=run), point)
        await assert_nothing_left(harness.client, settle_first=False)
        await harness.quiesce()  # starts cancelled in flight may still land: let them
        result = run.result
        assert len(result) == len(targets)
        statuses = {
            record["id"]: record["status"] for record in harness.call(harness.emulator.channels)
        }
        for outcome in result.not_started:
            assert statuses[outcome.item] != "active", outcome
        for outcome in result.succeeded:
            assert statuses[outcome.item] == "active", outcome

"""``concurrency="auto"``: the AIMD window, and bulk calls converging under a rate limit."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigma_async import APIStatusError, ChannelCreate, RateLimitError, SigmaValidationError
from sigma_async._adaptive import AUTO_CEILING, AUTO_START, AdaptiveWindow, is_pushback
from sigma_async.bulk import run_bulk
from sigma_async.testing import SigmaEmulator

from ._in_flight import InFlight


def _status_error(status: int) -> APIStatusError:
    cls = RateLimitError if status == 429 else APIStatusError
    return cls("x", status=status, method="GET", url="u", headers={}, body=None)


async def test_the_window_grows_while_operations_succeed() -> None:
    window = AdaptiveWindow(ceiling=10)
    assert window.limit == AUTO_START
    for _ in range(40):
        await window.acquire()
        window.release(mark=window.pushback_mark(), error=None)
    assert window.limit == 10  # slow start, then capped by the ceiling
    assert window.decreases == 0


async def test_a_burst_of_pushback_halves_the_window_once() -> None:
    pushbacks = 0
    window = AdaptiveWindow(ceiling=64, start=32, pushbacks=lambda: pushbacks)
    marks = []
    for _ in range(20):
        await window.acquire()
        marks.append(window.pushback_mark())
    pushbacks += 20  # a burst of 429s lands while 20 operations are in flight
    for mark in marks:
        window.release(mark=mark, error=None)
    assert window.limit == 16
    assert window.decreases == 1
    # Growth resumes, by about one per window's worth of successes (congestion avoidance).
    for _ in range(16):
        await window.acquire()
        window.release(mark=window.pushback_mark(), error=None)
    assert 16 < window.limit < 18


@given(
    events=st.lists(st.sampled_from([None, 429, 503, 404]), min_size=1, max_size=300),
    ceiling=st.integers(min_value=1, max_value=128),
)
async def test_the_window_stays_within_one_and_the_ceiling(
    events: list[int | None], ceiling: int
) -> None:
    window = AdaptiveWindow(ceiling=ceiling)
    for status in events:
        await window.acquire()
        assert window._in_flight <= max(1, int(window.limit))
        error = None if status is None else _status_error(status)
        window.release(mark=window.pushback_mark(), error=error)
        assert 1 <= window.limit <= ceiling
    assert window._in_flight == 0


def test_pushback_is_429_and_503_only() -> None:
    assert is_pushback(_status_error(429))
    assert is_pushback(_status_error(503))
    assert not is_pushback(_status_error(500))
    assert not is_pushback(ValueError())
    assert not is_pushback(None)


@pytest.mark.parametrize("bad", ["fast", "AUTO", 0, -1, 2.5, True, None])
async def test_a_bad_concurrency_is_refused(bad: object) -> None:
    async def operation(item: int) -> int:
        return item

    with pytest.raises(SigmaValidationError, match="concurrency"):
        await run_bulk(operation, [1, 2], concurrency=bad)  # type: ignore[arg-type]


async def test_auto_on_any_operation_runs_every_item_once() -> None:
    in_flight = InFlight()
    seen: list[int] = []

    @in_flight
    async def operation(item: int) -> int:
        await asyncio.sleep(0)
        seen.append(item)
        return item * 2

    result = await run_bulk(operation, range(500), concurrency="auto")
    peak = in_flight.peak
    assert result.ok
    assert sorted(seen) == list(range(500))
    assert result.values == [item * 2 for item in range(500)]
    assert AUTO_START <= peak <= AUTO_CEILING
    assert result.rate is not None
    assert result.rate > 0
    assert result.limited == 0


async def _seeded(emu: SigmaEmulator, count: int) -> list[str]:
    assert emu.rate_limiter is not None  # the emulator was made with a rate limit
    emu.rate_limiter.enabled = False
    async with emu.client() as setup:
        result = await setup.channels.bulk_create(
            [ChannelCreate(name=f"a{n}") for n in range(count)], concurrency=16
        )
    emu.rate_limiter.enabled = True
    return [channel.id for channel in result.values]


async def test_auto_converges_under_a_limit_without_the_gate() -> None:
    # 20 ms per request: one operation in flight makes 50 requests/s, the budget is 100/s.
    # A fixed window of 64 overruns it; "auto" halves on the 429s and settles near 2-3.
    refused = {}
    for concurrency in ("auto", 64):
        async with SigmaEmulator(rate_limit=100, burst=10) as emu:
            ids = await _seeded(emu, 150)
            emu.faults.add("latency", delay=0.02)
            async with emu.client(rate_limit_gate=False, max_retries=8) as client:
                result = await client.channels.bulk_start(ids, concurrency=concurrency)
            assert result.ok, result.failed[:3]
            assert result.limited == sum(emu.stats.rate_refused.values())
            refused[concurrency] = result.limited
    assert refused["auto"] * 3 <= refused[64]
    assert refused["auto"] <= 0.3 * 150  # the first overshoot, mostly


async def test_auto_with_the_gate_stays_under_the_budget() -> None:
    async with SigmaEmulator(rate_limit=200, burst=20) as emu:
        ids = await _seeded(emu, 300)
        async with emu.client() as client:
            result = await client.channels.bulk_start(ids, concurrency="auto")
            attempts = client.traffic.attempts
        assert result.ok
        assert result.limited == sum(emu.stats.rate_refused.values())
        assert result.limited <= 0.05 * 300
        assert attempts == 300 + result.limited
        assert result.rate == pytest.approx(attempts / result.elapsed)
        assert all(channel["status"] == "active" for channel in emu.channels())

"""The bulk engine on its own: plain coroutine operations, no HTTP.

The HTTP side (the channels' bulk methods against the emulator) is in test_channels_bulk.py.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator

import pytest

from sigma_async import SigmaError, SigmaValidationError
from sigma_async.bulk import (
    BulkError,
    BulkItemCancelledError,
    BulkResult,
    BulkRun,
    OutcomeState,
    run_bulk,
)

from ._in_flight import InFlight


class BoomError(Exception):
    pass


async def double_or_fail(n: int) -> int:
    await asyncio.sleep(0)
    if n % 3 == 0:
        raise BoomError(f"no {n}")
    return n * 2


async def test_one_outcome_per_item_in_input_order() -> None:
    result = await run_bulk(double_or_fail, range(1, 11), concurrency=4)
    assert isinstance(result, BulkResult)
    assert len(result) == 10
    assert [outcome.item for outcome in result] == list(range(1, 11))
    assert [outcome.index for outcome in result] == list(range(10))
    for outcome in result:
        if outcome.item % 3 == 0:
            assert outcome.state is OutcomeState.FAILED
            assert isinstance(outcome.error, BoomError)
            assert outcome.value is None
            assert not outcome.ok
        else:
            assert outcome.state is OutcomeState.SUCCEEDED
            assert outcome.error is None
            assert outcome.value == outcome.item * 2
            assert outcome.duration is not None
            assert outcome.duration >= 0
    assert [o.item for o in result.failed] == [3, 6, 9]
    assert result.values == [2, 4, 8, 10, 14, 16, 20]
    assert result[0].item == 1
    assert result[-1].item == 10
    assert [o.item for o in result[2:4]] == [3, 4]
    assert not result.ok
    assert result.complete
    assert result.counts()[OutcomeState.SUCCEEDED] == 7
    assert "succeeded=7" in repr(result)
    assert "failed=3" in repr(result)


async def test_raise_for_errors_lists_every_failure() -> None:
    result = await run_bulk(double_or_fail, range(1, 11))
    with pytest.raises(BulkError) as caught:
        result.raise_for_errors()
    error = caught.value
    assert isinstance(error, SigmaError)
    assert error.result is result
    assert [o.item for o in error.failures] == [3, 6, 9]
    text = str(error)
    assert text.startswith("3 of 10 bulk item(s) did not succeed")
    for n in (3, 6, 9):
        assert f"BoomError: no {n}" in text


async def test_raise_for_errors_returns_the_result_when_ok() -> None:
    result = await run_bulk(double_or_fail, [1, 2, 4])
    assert result.ok
    assert result.raise_for_errors() is result


async def test_never_more_than_concurrency_in_flight() -> None:
    in_flight = InFlight()

    @in_flight
    async def op(_: int) -> None:
        await asyncio.sleep(0.001)

    result = await run_bulk(op, range(200), concurrency=7)
    peak = in_flight.peak
    assert result.ok
    assert len(result.succeeded) == 200
    assert peak == 7


async def test_duplicates_are_sent_once_and_reported() -> None:
    sent: list[str] = []

    async def op(name: str) -> str:
        sent.append(name)
        if name == "bad":
            raise BoomError("bad")
        return name.upper()

    items = ["a", "b", "a", "bad", "c", "bad", "a"]
    result = await run_bulk(op, items, key=lambda name: name)
    assert sorted(sent) == ["a", "b", "bad", "c"]
    states = [o.state for o in result]
    assert states == [
        OutcomeState.SUCCEEDED,
        OutcomeState.SUCCEEDED,
        OutcomeState.DUPLICATE,
        OutcomeState.FAILED,
        OutcomeState.SUCCEEDED,
        OutcomeState.DUPLICATE,
        OutcomeState.DUPLICATE,
    ]
    assert result[2].duplicate_of == 0
    assert result[2].value == "A"
    assert result[2].ok
    assert result[5].duplicate_of == 3
    assert isinstance(result[5].error, BoomError)
    assert result[6].duplicate_of == 0
    assert [o.index for o in result.duplicates] == [2, 5, 6]
    # The failure is listed once, not once per duplicate.
    with pytest.raises(BulkError) as caught:
        result.raise_for_errors()
    assert [o.index for o in caught.value.failures] == [3]


async def test_progress_reports_each_item_against_the_unique_total() -> None:
    calls: list[tuple[int, int]] = []
    result = await run_bulk(
        double_or_fail,
        [1, 2, 2, 3, 4],
        key=lambda n: n,
        on_progress=lambda d, t: calls.append((d, t)),
    )
    assert len(result) == 5
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


async def test_async_iterable_input_is_read_before_anything_runs() -> None:
    produced: list[int] = []
    started_while_producing: list[bool] = []

    async def produce() -> AsyncIterator[int]:
        for n in range(5):
            await asyncio.sleep(0)
            produced.append(n)
            yield n

    async def op(n: int) -> int:
        started_while_producing.append(len(produced) < 5)
        return n

    result = await run_bulk(op, produce(), concurrency=2)
    assert [o.value for o in result] == [0, 1, 2, 3, 4]
    assert started_while_producing == [False] * 5


async def test_empty_input() -> None:
    calls: list[tuple[int, int]] = []
    result: BulkResult[int, int] = await run_bulk(
        double_or_fail, [], on_progress=lambda d, t: calls.append((d, t))
    )
    assert len(result) == 0
    assert result.ok
    assert calls == [(0, 0)]


@pytest.mark.parametrize("concurrency", [0, -1, 1.5, True, "4"])
async def test_bad_concurrency_is_refused_before_anything_runs(concurrency: object) -> None:
    ran: list[int] = []

    async def op(n: int) -> None:
        ran.append(n)

    with pytest.raises(SigmaValidationError, match="concurrency"):
        await run_bulk(op, [1], concurrency=concurrency)  # type: ignore[arg-type]
    assert ran == []


@pytest.mark.parametrize("rate", [0, -2.0, float("nan"), float("inf"), "5"])
async def test_bad_rate_limit_is_refused(rate: object) -> None:
    with pytest.raises(SigmaValidationError, match="rate_limit"):
        await run_bulk(double_or_fail, [1], rate_limit=rate)  # type: ignore[arg-type]


async def test_items_must_be_iterable() -> None:
    with pytest.raises(SigmaValidationError, match="iterable"):
        await run_bulk(double_or_fail, 5)  # type: ignore[arg-type]


async def test_rate_limit_spaces_starts_evenly() -> None:
    loop = asyncio.get_running_loop()
    starts: list[float] = []

    async def op(_: int) -> None:
        starts.append(loop.time())

    rate = 100.0
    result = await run_bulk(op, range(12), concurrency=12, rate_limit=rate)
    assert result.ok
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    # Smooth, not bursty: every start waits about 1/rate after the previous one (the first one
    # goes at once). A bucket sized `rate` would have let all 12 through in the same instant.
    assert min(gaps) >= 0.8 / rate
    assert starts[-1] - starts[0] >= 11 * 0.9 / rate


async def test_cancelling_reports_ran_failed_cancelled_and_not_started() -> None:
    release_second_wave = asyncio.Event()
    entered = asyncio.Event()
    running = 0

    async def op(n: int) -> int:
        nonlocal running
        if n < 3:  # the first three finish: two succeed, one fails
            if n == 1:
                raise BoomError("one")
            return n
        running += 1
        if running == 2:
            entered.set()
        await release_second_wave.wait()  # never set: these are in flight when cancelled
        return n

    run = BulkRun()
    task = asyncio.ensure_future(run_bulk(op, range(10), concurrency=2, run=run))
    await asyncio.wait_for(entered.wait(), 5)
    assert not run.finished
    with pytest.raises(asyncio.InvalidStateError):
        _ = run.result
    assert run.total == 10
    assert run.done == 3
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    result = run.result
    assert run.finished
    states = [o.state for o in result]
    assert states[:3] == [OutcomeState.SUCCEEDED, OutcomeState.FAILED, OutcomeState.SUCCEEDED]
    assert states[3:5] == [OutcomeState.CANCELLED] * 2
    assert states[5:] == [OutcomeState.NOT_STARTED] * 5
    for outcome in result.cancelled:
        assert isinstance(outcome.error, BulkItemCancelledError)
        assert outcome.error.started
        assert outcome.duration is not None
    for outcome in result.not_started:
        assert isinstance(outcome.error, BulkItemCancelledError)
        assert not outcome.error.started
        assert outcome.duration is None
    assert not result.complete
    assert not result.ok
    with pytest.raises(BulkError) as caught:
        result.raise_for_errors()
    assert len(caught.value.failures) == 1 + 2 + 5


async def test_timeout_around_a_bulk_call_is_prompt_and_keeps_the_result() -> None:
    async def slow(n: int) -> int:
        await asyncio.sleep(30)
        return n

    loop = asyncio.get_running_loop()
    run = BulkRun()
    began = loop.time()
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(run_bulk(slow, range(50), concurrency=5, run=run), 0.5)
    assert loop.time() - began < 2.5
    counts = run.result.counts()
    assert counts[OutcomeState.CANCELLED] == 5
    assert counts[OutcomeState.NOT_STARTED] == 45


async def test_a_progress_callback_error_ends_the_call_and_keeps_outcomes() -> None:
    def progress(done: int, total: int) -> None:
        if done == 3:
            raise BoomError("progress")

    async def op(n: int) -> int:
        await asyncio.sleep(0.001 * n)
        return n

    run = BulkRun()
    with pytest.raises(BoomError, match="progress"):
        await run_bulk(op, range(20), concurrency=2, on_progress=progress, run=run)
    result = run.result
    assert len(result) == 20
    assert len(result.succeeded) >= 3
    assert result.not_started
    assert len(result.succeeded) + len(result.cancelled) + len(result.not_started) == 20


async def test_a_bulk_run_tracks_one_call() -> None:
    run = BulkRun()
    result = await run_bulk(double_or_fail, [1, 2], run=run)
    assert run.result is result
    assert run.done == 2
    with pytest.raises(SigmaValidationError, match="one bulk call"):
        await run_bulk(double_or_fail, [1], run=run)


async def test_labels_name_items_in_messages() -> None:
    result = await run_bulk(double_or_fail, [3], label=lambda n: f"item-{n}")
    assert result[0].label == "item-3"
    with pytest.raises(BulkError, match=r"\[0\] item-3: failed: BoomError: no 3"):
        result.raise_for_errors()

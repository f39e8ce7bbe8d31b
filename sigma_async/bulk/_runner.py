"""Runs one operation over many items: bounded concurrency, smooth rate limit, exact outcomes.

A fixed pool of ``concurrency`` worker tasks takes items one at a time, so no more than
``concurrency`` operations (hence requests: the client retries one request at a time) are ever
in flight, and an item that a worker has not taken yet provably sent nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import (
    AsyncIterable,
    Awaitable,
    Callable,
    Hashable,
    Iterable,
    Iterator,
    Sequence,
)
from typing import Any, Literal, Protocol, TypedDict, TypeVar, Union

from aiolimiter import AsyncLimiter

from .._adaptive import AdaptiveWindow
from ..errors import BulkItemCancelledError, SigmaValidationError
from ._limiter import smooth_limiter
from ._result import BulkOutcome, BulkResult, OutcomeState

__all__ = [
    "DEFAULT_CONCURRENCY",
    "BulkOptions",
    "BulkRun",
    "Concurrency",
    "ProgressCallback",
    "TrafficCounts",
    "run_bulk",
]

ItemT = TypeVar("ItemT")
ValueT = TypeVar("ValueT")

DEFAULT_CONCURRENCY = 16
"""Operations in flight at once when the caller does not say."""

Concurrency = Union[int, Literal["auto"]]  # noqa: UP007 (a runtime alias on Python 3.10)
"""Operations in flight at once: a fixed number, or ``"auto"`` (:mod:`sigma_async._adaptive`)."""

ProgressCallback = Callable[[int, int], object]
"""``callback(done, total)``: ``done`` items finished of ``total`` to send (duplicates excluded)."""


class TrafficCounts(Protocol):
    """The counters the runner reads of a client's traffic (``client.traffic`` has them).

    A protocol, not :class:`~sigma_async.Traffic` itself: the runner knows nothing of HTTP.
    """

    @property
    def attempts(self) -> int:
        """Requests sent, retries included."""
        ...

    @property
    def rate_limited(self) -> int:
        """429 responses met."""
        ...

    @property
    def pushbacks(self) -> int:
        """429 and 503 responses met."""
        ...


class BulkOptions(TypedDict, total=False):
    """How a bulk call runs, for ``client.bulk(operation, items, **options)``.

    ``concurrency`` (default :data:`DEFAULT_CONCURRENCY`), ``rate_limit`` (default None: no
    limit), ``on_progress`` (default None) and ``run`` (default None) mean what they mean for
    :func:`run_bulk`.
    """

    concurrency: Concurrency
    rate_limit: float | None
    on_progress: ProgressCallback | None
    run: BulkRun | None


class BulkRun:
    """A live view of one bulk call, which keeps its result even when the call is cancelled.

    Pass one as ``run=`` to a bulk call. While the call runs, ``done`` and ``total`` count its
    progress; once it has ended, by returning, by being cancelled (``asyncio.timeout``, a
    cancelled task) or by an exception, ``result`` says exactly which items succeeded, failed,
    were running when cancelled, or never started::

        run = BulkRun()
        try:
            async with asyncio.timeout(30):
                await client.channels.bulk_stop(ids, run=run)
        except TimeoutError:
            print(len(run.result.not_started), "channels were not stopped")
    """

    def __init__(self) -> None:
        self._attached = False
        self._total: int | None = None
        self._done = 0
        self._result: BulkResult[Any, Any] | None = None

    def __repr__(self) -> str:
        state = "finished" if self._result is not None else "running"
        return f"BulkRun({state}, done={self._done}, total={self._total})"

    @property
    def total(self) -> int | None:
        """How many items will be sent (duplicates excluded); None until the items are read."""
        return self._total

    @property
    def done(self) -> int:
        """How many sent items have finished, successfully or not."""
        return self._done

    @property
    def finished(self) -> bool:
        """Whether the bulk call has ended (``result`` is then available)."""
        return self._result is not None

    @property
    def result(self) -> BulkResult[Any, Any]:
        """The bulk call's result; raises :class:`asyncio.InvalidStateError` while it runs."""
        if self._result is None:
            raise asyncio.InvalidStateError("the bulk call has not ended yet")
        return self._result

    def _attach(self) -> None:
        if self._attached:
            raise SigmaValidationError("a BulkRun tracks one bulk call; create a new one")
        self._attached = True


class _Slot:
    """Mutable bookkeeping of one item while the call runs; frozen into a BulkOutcome at the end."""

    __slots__ = ("duplicate_of", "error", "finished", "key", "started_at", "stopped_at", "value")

    def __init__(self, key: Hashable | None, duplicate_of: int | None) -> None:
        self.key = key
        self.duplicate_of = duplicate_of
        self.started_at: float | None = None
        self.stopped_at: float | None = None
        self.finished = False
        self.value: Any = None
        self.error: Exception | None = None


def _check_concurrency(concurrency: object) -> None:
    if concurrency == "auto":
        return
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise SigmaValidationError(
            f"concurrency must be an integer >= 1 or 'auto', got {concurrency!r}"
        )


async def _read_items(items: Iterable[ItemT] | AsyncIterable[ItemT]) -> list[ItemT]:
    # Read everything before sending anything: stopping or deleting channels while paging through
    # a channel list would shift the pages under the iterator and skip channels.
    if isinstance(items, AsyncIterable):
        return [item async for item in items]
    if isinstance(items, Iterable):
        return list(items)
    raise SigmaValidationError(
        f"items must be an iterable or an async iterable, got {type(items).__name__}"
    )


def _freeze(
    index: int, item: Any, label: str, slot: _Slot, slots: list[_Slot]
) -> BulkOutcome[Any, Any]:
    duration = None
    if slot.started_at is not None and slot.stopped_at is not None:
        duration = slot.stopped_at - slot.started_at
    if slot.duplicate_of is not None:
        first = slots[slot.duplicate_of]
        state = OutcomeState.DUPLICATE
        value, error = first.value, _error_of(first)
    elif slot.finished:
        state = OutcomeState.SUCCEEDED if slot.error is None else OutcomeState.FAILED
        value, error = slot.value, slot.error
    elif slot.started_at is not None:
        state, value, error = OutcomeState.CANCELLED, None, _error_of(slot)
    else:
        state, value, error = OutcomeState.NOT_STARTED, None, _error_of(slot)
    return BulkOutcome(
        index=index,
        item=item,
        label=label,
        state=state,
        value=value,
        error=error,
        key=slot.key,
        duplicate_of=slot.duplicate_of,
        duration=None if slot.duplicate_of is not None else duration,
    )


def _error_of(slot: _Slot) -> Exception | None:
    if slot.finished:
        return slot.error
    return BulkItemCancelledError(started=slot.started_at is not None)


async def run_bulk(
    operation: Callable[[ItemT], Awaitable[ValueT]],
    items: Iterable[ItemT] | AsyncIterable[ItemT],
    *,
    concurrency: Concurrency = DEFAULT_CONCURRENCY,
    rate_limit: float | None = None,
    on_progress: ProgressCallback | None = None,
    key: Callable[[ItemT], Hashable] | None = None,
    label: Callable[[ItemT], str] | None = None,
    run: BulkRun | None = None,
    traffic: TrafficCounts | None = None,
) -> BulkResult[ItemT, ValueT]:
    """Await ``operation(item)`` for every item and report one outcome per item, in input order.

    - No more than ``concurrency`` operations run at once; with ``rate_limit`` (operations per
      second), operations also start evenly spaced. Retries happen inside each operation (the
      client's per-call retries), so a retried request never adds to the concurrency.
    - ``concurrency="auto"`` starts with a few operations in flight and adapts (AIMD: grows
      while they succeed, halves when the service answers 429 or 503), up to
      :data:`~sigma_async._adaptive.AUTO_CEILING`; see :mod:`sigma_async._adaptive`.
    - ``traffic`` (the client's :class:`~sigma_async.Traffic`; the bulk methods pass it) lets
      ``"auto"`` see 429s and 503s that retries hid, and gives the result's ``rate`` and
      ``limited`` as requests rather than operations.
    - One item's exception never stops the others: it becomes that item's ``error``.
    - With ``key``, an item whose key was already seen is not sent: its outcome is
      :attr:`OutcomeState.DUPLICATE` and repeats the first occurrence's value and error.
    - An async iterator of items is read to its end before anything is sent.
    - ``on_progress(done, total)`` is called once with ``done=0`` when the items are known, then
      after each item finishes; ``total`` excludes duplicates. An exception it raises ends the
      call (outstanding items are cancelled) and propagates.
    - Cancelling the call cancels the operations in flight, leaves the remaining items unsent
      and re-raises :class:`asyncio.CancelledError`; pass ``run=BulkRun()`` to read the partial
      result (``run.result``) afterwards.

    Raises :class:`~sigma_async.SigmaValidationError` for a bad ``concurrency`` or
    ``rate_limit`` before anything is sent.
    """
    _check_concurrency(concurrency)
    limiter = None if rate_limit is None else smooth_limiter(rate_limit)
    window = None
    if concurrency == "auto":
        window = AdaptiveWindow(pushbacks=None if traffic is None else lambda: traffic.pushbacks)
    meter = _Meter(traffic)
    if run is None:
        run = BulkRun()
    run._attach()
    loop = asyncio.get_running_loop()
    began = loop.time()
    collected: list[ItemT] = []
    slots: list[_Slot] = []
    labels: list[str] = []
    try:
        collected = await _read_items(items)
        first_seen: dict[Hashable, int] = {}
        to_send: list[int] = []
        for index, item in enumerate(collected):
            item_label = label(item) if label is not None else _default_label(item)
            item_key = None if key is None else key(item)
            first = None if item_key is None else first_seen.setdefault(item_key, index)
            duplicate_of = first if first is not None and first != index else None
            labels.append(item_label)
            slots.append(_Slot(item_key, duplicate_of))
            if duplicate_of is None:
                to_send.append(index)
        total = len(to_send)
        run._total = total
        if on_progress is not None:
            on_progress(0, total)

        def item_finished() -> None:
            run._done += 1
            if on_progress is not None:
                on_progress(run._done, total)

        turns = iter(to_send)
        width = window.ceiling if window is not None else int(concurrency)
        workers = [
            asyncio.ensure_future(
                _work(operation, collected, slots, turns, limiter, window, item_finished, loop)
            )
            for _ in range(min(width, total))
        ]
        await _wait_all(workers)
    finally:
        outcomes = [
            _freeze(index, item, labels[index], slots[index], slots)
            for index, item in enumerate(collected[: len(slots)])
        ]
        elapsed = loop.time() - began
        rate, limited = meter.measure(slots, elapsed)
        run._result = BulkResult(outcomes, elapsed=elapsed, rate=rate, limited=limited)
    return run._result


class _Meter:
    """What the result reports of the traffic: requests per second and 429s met."""

    def __init__(self, traffic: TrafficCounts | None) -> None:
        self._traffic = traffic
        self._attempts = 0 if traffic is None else traffic.attempts
        self._limited = 0 if traffic is None else traffic.rate_limited

    def measure(self, slots: Sequence[_Slot], elapsed: float) -> tuple[float, int]:
        if self._traffic is not None:
            sent = self._traffic.attempts - self._attempts
            limited = self._traffic.rate_limited - self._limited
        else:  # only operations are seen: one request each, and the 429s that made one fail
            sent = sum(1 for slot in slots if slot.started_at is not None)
            limited = sum(1 for slot in slots if getattr(slot.error, "status", None) == 429)
        return (sent / elapsed if elapsed > 0 else 0.0), limited


async def _work(
    operation: Callable[[ItemT], Awaitable[ValueT]],
    collected: list[ItemT],
    slots: list[_Slot],
    turns: Iterator[int],
    limiter: AsyncLimiter | None,
    window: AdaptiveWindow | None,
    item_finished: Callable[[], None],
    loop: asyncio.AbstractEventLoop,
) -> None:
    while True:
        if window is not None:
            await window.acquire()
        # `turns` is shared by all workers; taking from it never awaits, so no item is taken
        # twice, and an item is taken only once it may run.
        index = next(turns, None)
        if index is None:
            if window is not None:
                window.abandon()
            return
        slot = slots[index]
        if limiter is not None:
            await limiter.acquire()
        mark = 0 if window is None else window.pushback_mark()
        slot.started_at = loop.time()
        try:
            slot.value = await operation(collected[index])
        except Exception as error:  # the item's failure is its outcome, not the call's
            slot.error = error
        finally:
            # Also on cancellation: the duration then runs until the cancel reached the item.
            slot.stopped_at = loop.time()
            if window is not None:
                window.release(mark=mark, error=slot.error)
        slot.finished = True
        item_finished()


async def _wait_all(workers: Sequence[asyncio.Future[None]]) -> None:
    """Wait for every worker; on cancellation or a worker's exception, stop the rest first."""
    if not workers:
        return
    try:
        done, _ = await asyncio.wait(workers, return_when=asyncio.FIRST_EXCEPTION)
    except asyncio.CancelledError:
        await _cancel_and_wait(workers)
        raise
    failures = [task for task in done if not task.cancelled() and task.exception() is not None]
    if failures:
        # A worker only fails when something outside the operations' own errors does
        # (the progress callback, KeyboardInterrupt): stop everything and let it propagate.
        await _cancel_and_wait(workers)
        error = failures[0].exception()
        assert error is not None  # filtered above
        raise error


async def _cancel_and_wait(workers: Sequence[asyncio.Future[None]]) -> None:
    for worker in workers:
        worker.cancel()
    # Waiting lets every in-flight request see its cancellation before outcomes are frozen.
    await asyncio.wait(workers)
    for worker in workers:
        # Retrieve exceptions so asyncio does not log "exception was never retrieved".
        if not worker.cancelled():
            worker.exception()


def _default_label(item: object) -> str:
    text = item if isinstance(item, str) else repr(item)
    return text if len(text) <= 80 else text[:77] + "..."

"""Bulk concurrent operations: start, stop, delete or create many channels in one call.

``client.channels.bulk_start(ids)`` (and ``bulk_stop``, ``bulk_delete``, ``bulk_create``) and
``client.bulk(operation, items)`` run one operation per item with bounded concurrency (or
``concurrency="auto"``, which adapts to the service's pushback) and an optional smooth rate
limit, and return a :class:`BulkResult`: one :class:`BulkOutcome` per input
item, in input order. One item's failure never stops the others.

The channels resource and the client get these methods by inheriting :class:`ChannelBulkMixin`
and :class:`ClientBulkMixin`; :func:`run_bulk` is the same engine as a free function.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Awaitable, Callable, Hashable, Iterable
from typing import Any, Protocol, TypeVar, Union

from .._gate import Traffic
from .._model_support import UNSET, Unset
from ..errors import SigmaValidationError
from ..models import Channel, ChannelCreate
from ._result import BulkError, BulkItemCancelledError, BulkOutcome, BulkResult, OutcomeState
from ._runner import DEFAULT_CONCURRENCY, BulkRun, Concurrency, ProgressCallback, run_bulk

__all__ = [
    "DEFAULT_CONCURRENCY",
    "BulkError",
    "BulkItemCancelledError",
    "BulkOutcome",
    "BulkResult",
    "BulkRun",
    "ChannelBulkMixin",
    "ChannelRef",
    "ChannelRefs",
    "ClientBulkMixin",
    "Concurrency",
    "OutcomeState",
    "ProgressCallback",
    "channel_id_of",
    "run_bulk",
]

ItemT = TypeVar("ItemT")
ValueT = TypeVar("ValueT")

ChannelRef = Union[str, Channel]  # noqa: UP007 (a runtime alias must work on Python 3.10)
"""A channel named by its id, or a :class:`~sigma_async.Channel` (its ``id`` is used)."""

ChannelRefs = Union[Iterable[ChannelRef], AsyncIterable[ChannelRef]]  # noqa: UP007
"""Channels to act on: a list of ids or channels, or an async iterator of them, such as
``client.channels.list(status="active")``."""


def channel_id_of(channel: object) -> str:
    """Return the id a bulk channel operation acts on, or raise :class:`SigmaValidationError`."""
    if isinstance(channel, Channel):
        return channel.id
    if isinstance(channel, str) and channel:
        return channel
    raise SigmaValidationError(
        f"expected a channel id (non-empty str) or a Channel, got {channel!r:.80}"
    )


def _check_not_one_id(channels: object) -> None:
    # A bare string is iterable: bulk_start("abc") would otherwise act on channels "a", "b", "c".
    if isinstance(channels, (str, bytes, Channel)):
        raise SigmaValidationError(
            "expected a collection of channels (a list of ids, say), got a single "
            f"{type(channels).__name__}"
        )


def _create_label(request: object) -> str:
    # Labels are computed before anything is sent, so a wrong item fails the call up front.
    if not isinstance(request, ChannelCreate):
        raise SigmaValidationError(f"expected a ChannelCreate, got {request!r:.80}")
    return request.name


class _ChannelOperations(Protocol):
    """What :class:`ChannelBulkMixin` needs from the class it is mixed into."""

    def create(
        self,
        channel: ChannelCreate,
        *,
        timeout: float | Unset | None = ...,
        max_retries: int | Unset = ...,
    ) -> Awaitable[Channel]: ...

    def start(
        self,
        channel_id: str,
        *,
        timeout: float | Unset | None = ...,
        max_retries: int | Unset = ...,
    ) -> Awaitable[None]: ...

    def stop(
        self,
        channel_id: str,
        *,
        timeout: float | Unset | None = ...,
        max_retries: int | Unset = ...,
    ) -> Awaitable[None]: ...

    def delete(
        self,
        channel_id: str,
        *,
        timeout: float | Unset | None = ...,
        max_retries: int | Unset = ...,
    ) -> Awaitable[None]: ...


def _traffic_of(owner: object) -> Traffic | None:
    # The channels resource holds its caller (the engine, which counts the client's traffic);
    # the client has `traffic` itself. A caller without one (a test double) has no traffic.
    sender = getattr(owner, "_caller", owner)
    traffic = getattr(sender, "traffic", None)
    return traffic if isinstance(traffic, Traffic) else None


def _call_options(timeout: float | Unset | None, max_retries: int | Unset) -> dict[str, Any]:
    # Only options the caller gave are passed, so the client's own defaults apply otherwise
    # (timeout=None is a choice: no timeout).
    options: dict[str, Any] = {}
    if not isinstance(timeout, Unset):
        options["timeout"] = timeout
    if not isinstance(max_retries, Unset):
        options["max_retries"] = max_retries
    return options


async def _by_id(
    operation: Callable[..., Awaitable[None]],
    channels: ChannelRefs,
    *,
    concurrency: Concurrency,
    rate_limit: float | None,
    on_progress: ProgressCallback | None,
    run: BulkRun | None,
    options: dict[str, Any],
    traffic: Traffic | None,
) -> BulkResult[ChannelRef, None]:
    _check_not_one_id(channels)

    async def act(channel: ChannelRef) -> None:
        await operation(channel_id_of(channel), **options)

    return await run_bulk(
        act,
        channels,
        concurrency=concurrency,
        rate_limit=rate_limit,
        on_progress=on_progress,
        key=channel_id_of,
        label=channel_id_of,
        run=run,
        traffic=traffic,
    )


class ChannelBulkMixin:
    """Bulk methods of ``client.channels``; the channels resource inherits them.

    Every method accepts ids, :class:`~sigma_async.Channel` objects, or an async iterator of
    either (``client.channels.list(...)``, read to its end before anything is sent). The same
    channel given twice is sent once; its second outcome is a
    :attr:`~OutcomeState.DUPLICATE`. ``timeout`` and ``max_retries`` apply to each item's
    request, as on the single-channel methods.
    """

    async def bulk_start(
        self: _ChannelOperations,
        channels: ChannelRefs,
        *,
        concurrency: Concurrency = DEFAULT_CONCURRENCY,
        rate_limit: float | None = None,
        on_progress: ProgressCallback | None = None,
        run: BulkRun | None = None,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> BulkResult[ChannelRef, None]:
        """Start many channels at once; see :func:`run_bulk` for the options."""
        return await _by_id(
            self.start,
            channels,
            concurrency=concurrency,
            rate_limit=rate_limit,
            on_progress=on_progress,
            run=run,
            options=_call_options(timeout, max_retries),
            traffic=_traffic_of(self),
        )

    async def bulk_stop(
        self: _ChannelOperations,
        channels: ChannelRefs,
        *,
        concurrency: Concurrency = DEFAULT_CONCURRENCY,
        rate_limit: float | None = None,
        on_progress: ProgressCallback | None = None,
        run: BulkRun | None = None,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> BulkResult[ChannelRef, None]:
        """Stop many channels at once (ending their sessions); see :func:`run_bulk`."""
        return await _by_id(
            self.stop,
            channels,
            concurrency=concurrency,
            rate_limit=rate_limit,
            on_progress=on_progress,
            run=run,
            options=_call_options(timeout, max_retries),
            traffic=_traffic_of(self),
        )

    async def bulk_delete(
        self: _ChannelOperations,
        channels: ChannelRefs,
        *,
        concurrency: Concurrency = DEFAULT_CONCURRENCY,
        rate_limit: float | None = None,
        on_progress: ProgressCallback | None = None,
        run: BulkRun | None = None,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> BulkResult[ChannelRef, None]:
        """Delete many channels at once; see :func:`run_bulk`.

        The service refuses to delete a channel while a session of it runs (a
        :class:`~sigma_async.ConflictError` in that item's outcome): stop them first.
        """
        return await _by_id(
            self.delete,
            channels,
            concurrency=concurrency,
            rate_limit=rate_limit,
            on_progress=on_progress,
            run=run,
            options=_call_options(timeout, max_retries),
            traffic=_traffic_of(self),
        )

    async def bulk_create(
        self: _ChannelOperations,
        channels: Iterable[ChannelCreate] | AsyncIterable[ChannelCreate],
        *,
        concurrency: Concurrency = DEFAULT_CONCURRENCY,
        rate_limit: float | None = None,
        on_progress: ProgressCallback | None = None,
        run: BulkRun | None = None,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> BulkResult[ChannelCreate, Channel]:
        """Create many channels at once; each succeeded outcome's ``value`` is the new channel.

        Creates are not deduplicated: two equal requests make two channels, as two calls to
        ``create`` would.
        """
        if isinstance(channels, ChannelCreate):
            raise SigmaValidationError(
                "expected a collection of ChannelCreate, got a single ChannelCreate"
            )
        options = _call_options(timeout, max_retries)

        async def create(request: ChannelCreate) -> Channel:
            return await self.create(request, **options)

        return await run_bulk(
            create,
            channels,
            concurrency=concurrency,
            rate_limit=rate_limit,
            on_progress=on_progress,
            label=_create_label,
            run=run,
            traffic=_traffic_of(self),
        )


class ClientBulkMixin:
    """``client.bulk(operation, items)``: any per-item operation; the client inherits it."""

    async def bulk(
        self,
        operation: Callable[[ItemT], Awaitable[ValueT]],
        items: Iterable[ItemT] | AsyncIterable[ItemT],
        *,
        concurrency: Concurrency = DEFAULT_CONCURRENCY,
        rate_limit: float | None = None,
        on_progress: ProgressCallback | None = None,
        key: Callable[[ItemT], Hashable] | None = None,
        run: BulkRun | None = None,
    ) -> BulkResult[ItemT, ValueT]:
        """Await ``operation(item)`` for each item; see :func:`run_bulk` for every option.

        ``key`` names an item's target (``lambda session: session.id``): an item whose key was
        already seen is reported as a duplicate instead of being sent again.
        """
        return await run_bulk(
            operation,
            items,
            concurrency=concurrency,
            rate_limit=rate_limit,
            on_progress=on_progress,
            key=key,
            run=run,
            traffic=_traffic_of(self),
        )

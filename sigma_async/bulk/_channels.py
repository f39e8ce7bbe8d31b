"""The bulk methods of ``client.channels``: one channel operation over many channels.

This is the only bulk module that knows the channel models; the generic runner (``_runner``,
``_result``, ``_limiter``) runs any coroutine over any items. Each of ``bulk_create``,
``bulk_start``, ``bulk_stop`` and ``bulk_delete`` is one :class:`ChannelBulkMethod`: an
operation of the generated table (:mod:`sigma_async.operations`) and how one item becomes its
request. The operation's ``idempotent`` and ``retry_404_means_done`` decide, in the engine, how
each item's request is retried and what a 404 on a retry means (a lost delete that did run).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncIterable, Callable, Hashable, Iterable
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, Union

import attrs

from .._gate import Traffic
from .._model_support import UNSET, Unset
from ..errors import SigmaValidationError
from ..models import Channel, ChannelCreate
from ..operations import (
    CREATE_CHANNEL,
    DELETE_CHANNEL,
    START_CHANNEL,
    STOP_CHANNEL,
    Operation,
)
from ._result import BulkResult
from ._runner import DEFAULT_CONCURRENCY, BulkRun, Concurrency, ProgressCallback, run_bulk

if TYPE_CHECKING:
    from ..resources._base import Caller

__all__ = ["ChannelBulk", "ChannelBulkMethod", "ChannelRef", "ChannelRefs", "channel_id_of"]

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


def _create_label(request: object) -> str:
    # Labels are computed before anything is sent, so a wrong item fails the call up front.
    if not isinstance(request, ChannelCreate):
        raise SigmaValidationError(f"expected a ChannelCreate, got {request!r:.80}")
    return request.name


@attrs.frozen
class _Items(Generic[ItemT]):
    """How a bulk method reads its items: what each one sends, its label and its identity."""

    noun: str
    """What a collection holds, for the error when one item is given instead."""
    single: tuple[type, ...]
    """Types of one item given where a collection is expected (a bare id is iterable)."""
    request: Callable[[ItemT], dict[str, Any]]
    """The item's part of the call (``path=`` or ``body=``)."""
    label: Callable[[ItemT], str]
    """The item's printable name; raises :class:`SigmaValidationError` for a wrong item."""
    key: Callable[[ItemT], Hashable] | None
    """The item's target, so the same one given twice is sent once; None to send every item."""


_CHANNEL_IDS: _Items[ChannelRef] = _Items(
    noun="channels (a list of ids, say)",
    single=(str, bytes, Channel),
    request=lambda channel: {"path": (channel_id_of(channel),)},
    label=channel_id_of,
    key=channel_id_of,
)

# Creates are not deduplicated: two equal requests make two channels, as two creates would.
_NEW_CHANNELS: _Items[ChannelCreate] = _Items(
    noun="ChannelCreate",
    single=(ChannelCreate,),
    request=lambda request: {"body": request},
    label=_create_label,
    key=None,
)


def _traffic_of(caller: object) -> Traffic | None:
    # The engine counts the client's traffic; a caller without counters (a test double) has none.
    traffic = getattr(caller, "traffic", None)
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


@attrs.frozen
class _Method(Generic[ItemT]):
    """One bulk channel method: its name, the operation it sends, how it reads items, its doc."""

    name: str
    """The name ``client.channels`` gives it (``bulk_start``), for ``help()`` and reprs."""
    operation: Operation
    items: _Items[ItemT]
    doc: str


_CREATE = _Method(
    "bulk_create",
    CREATE_CHANNEL,
    _NEW_CHANNELS,
    """Create many channels at once; each succeeded outcome's ``value`` is the new channel.

    Creates are not deduplicated: two equal requests make two channels, as two calls to
    ``create`` would.
    """,
)
_START = _Method(
    "bulk_start",
    START_CHANNEL,
    _CHANNEL_IDS,
    """Start many channels at once; see :func:`run_bulk` for the options.""",
)
_STOP = _Method(
    "bulk_stop",
    STOP_CHANNEL,
    _CHANNEL_IDS,
    """Stop many channels at once (ending their sessions); see :func:`run_bulk`.""",
)
_DELETE = _Method(
    "bulk_delete",
    DELETE_CHANNEL,
    _CHANNEL_IDS,
    """Delete many channels at once; see :func:`run_bulk`.

    The service refuses to delete a channel while a session of it runs (a
    :class:`~sigma_async.ConflictError` in that item's outcome): stop them first.
    """,
)


class _HoldsCaller(Protocol):
    """What a class declaring bulk methods gives them: the caller they send through."""

    _caller: Caller


class ChannelBulkMethod(Generic[ItemT, ValueT]):
    """One channel operation run over many items: what each ``client.channels.bulk_*`` is.

    A descriptor, declared on a class as a method is (on :class:`ChannelBulk`, and on the channels
    resource as ``bulk_*``): read from an instance it is bound to that instance's caller, so each
    client sends through its own engine while ``help()``, :mod:`inspect` and IDEs list it on the
    class.
    """

    __signature__: inspect.Signature
    """The call's parameters, for :mod:`inspect` and ``help()``, which find none on a descriptor."""

    def __init__(self, method: _Method[ItemT], *, caller: Caller | None = None) -> None:
        self._method = method
        self._caller = caller
        self.__name__ = method.name
        self.__doc__ = method.doc
        self.__signature__ = _call_signature()

    def __get__(
        self, instance: _HoldsCaller | None, owner: type[Any] | None = None
    ) -> ChannelBulkMethod[ItemT, ValueT]:
        if instance is None:
            return self  # read from the class: the declaration itself, for help() and inspect
        return ChannelBulkMethod(self._method, caller=instance._caller)

    def __repr__(self) -> str:
        return f"<bulk {self.operation.operation_id}>"

    # Read twice from one client, a bulk method is equal to itself, as a bound method is.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ChannelBulkMethod):
            return NotImplemented
        return self._method is other._method and self._caller == other._caller

    def __hash__(self) -> int:
        return hash((id(self._method), self._caller))

    @property
    def operation(self) -> Operation:
        """The operation sent once per item (from :mod:`sigma_async.operations`)."""
        return self._method.operation

    async def __call__(
        self,
        channels: Iterable[ItemT] | AsyncIterable[ItemT],
        *,
        concurrency: Concurrency = DEFAULT_CONCURRENCY,
        rate_limit: float | None = None,
        on_progress: ProgressCallback | None = None,
        run: BulkRun | None = None,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> BulkResult[ItemT, ValueT]:
        """Send the operation once per item; see :func:`run_bulk` for the options."""
        caller = self._caller
        if caller is None:
            raise TypeError(f"{self!r} is read from an instance (client.channels), not its class")
        items = self._method.items
        if isinstance(channels, items.single):
            raise SigmaValidationError(
                f"expected a collection of {items.noun}, got a single {type(channels).__name__}"
            )
        options = _call_options(timeout, max_retries)

        async def send(item: ItemT) -> ValueT:
            value: ValueT = await caller.call(
                self.operation, **items.request(item), options=options
            )
            return value

        return await run_bulk(
            send,
            channels,
            concurrency=concurrency,
            rate_limit=rate_limit,
            on_progress=on_progress,
            key=items.key,
            label=items.label,
            run=run,
            traffic=_traffic_of(caller),
        )


@functools.cache
def _call_signature() -> inspect.Signature:
    # inspect takes a callable with __get__ for a builtin and finds no signature: say it.
    call = inspect.signature(ChannelBulkMethod.__call__)
    return call.replace(parameters=list(call.parameters.values())[1:])  # past self


class ChannelBulk:
    """The bulk methods of ``client.channels`` (which declares them again as ``bulk_*``).

    Every method accepts ids, :class:`~sigma_async.Channel` objects, or an async iterator of
    either (``client.channels.list(...)``, read to its end before anything is sent). The same
    channel given twice is sent once; its second outcome is a
    :attr:`~OutcomeState.DUPLICATE`. ``timeout`` and ``max_retries`` apply to each item's
    request, as on the single-channel methods.
    """

    create: ChannelBulkMethod[ChannelCreate, Channel] = ChannelBulkMethod(_CREATE)
    start: ChannelBulkMethod[ChannelRef, None] = ChannelBulkMethod(_START)
    stop: ChannelBulkMethod[ChannelRef, None] = ChannelBulkMethod(_STOP)
    delete: ChannelBulkMethod[ChannelRef, None] = ChannelBulkMethod(_DELETE)

    def __init__(self, caller: Caller) -> None:
        self._caller = caller

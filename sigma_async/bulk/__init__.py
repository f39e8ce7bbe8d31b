"""Bulk concurrent operations: start, stop, delete or create many channels in one call.

``client.channels.bulk_start(ids)`` (and ``bulk_stop``, ``bulk_delete``, ``bulk_create``) and
``client.bulk(operation, items)`` run one operation per item with bounded concurrency (or
``concurrency="auto"``, which adapts to the service's pushback) and an optional smooth rate
limit, and return a :class:`BulkResult`: one :class:`BulkOutcome` per input
item, in input order. One item's failure never stops the others.

Composed, not inherited: :func:`run_bulk` (``_runner``, with ``_result`` and ``_limiter``) is
the generic engine and knows no model; the methods of :class:`ChannelBulk` (``_channels``, the
one channel-specific module) are :class:`ChannelBulkMethod` descriptors, which the channels
resource declares again as ``bulk_*``, and ``client.bulk`` calls :func:`run_bulk` with the
client's traffic counters.
"""

from __future__ import annotations

from ..errors import BulkError, BulkItemCancelledError
from ._channels import ChannelBulk, ChannelBulkMethod, ChannelRef, ChannelRefs, channel_id_of
from ._result import BulkOutcome, BulkResult, OutcomeState
from ._runner import (
    DEFAULT_CONCURRENCY,
    BulkOptions,
    BulkRun,
    Concurrency,
    ProgressCallback,
    TrafficCounts,
    run_bulk,
)

__all__ = [
    "DEFAULT_CONCURRENCY",
    "BulkError",
    "BulkItemCancelledError",
    "BulkOptions",
    "BulkOutcome",
    "BulkResult",
    "BulkRun",
    "ChannelBulk",
    "ChannelBulkMethod",
    "ChannelRef",
    "ChannelRefs",
    "Concurrency",
    "OutcomeState",
    "ProgressCallback",
    "TrafficCounts",
    "channel_id_of",
    "run_bulk",
]

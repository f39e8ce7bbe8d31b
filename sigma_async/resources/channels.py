"""``client.channels``: create, get, update, start, stop, delete and list live channels."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from .. import _checks
from .._options import RequestOptions
from ..bulk import ChannelBulk
from ..errors import SigmaValidationError
from ..models import Channel, ChannelCreate, ChannelStatus, ChannelUpdate
from ..operations import (
    CREATE_CHANNEL,
    DELETE_CHANNEL,
    GET_CHANNEL,
    LIST_CHANNELS,
    START_CHANNEL,
    STOP_CHANNEL,
    UPDATE_CHANNEL,
)
from ..pagination import AsyncPaginator
from ._base import ListOptions, Resource, merge_filters, paginate

if TYPE_CHECKING:
    from .._options import Unpack  # typing.Unpack is 3.11+; annotations only

__all__ = ["ChannelsResource"]


class ChannelsResource(Resource):
    """Live channels (guide sections 2 to 6).

    Every method takes keyword ``timeout`` (seconds per attempt, None for none) and
    ``max_retries`` (:class:`~sigma_async.RequestOptions`), overriding the client's settings
    for that call. A channel is named by its id or by a :class:`~sigma_async.Channel`.
    ``bulk_create``, ``bulk_start``, ``bulk_stop`` and ``bulk_delete`` are the methods of
    :class:`~sigma_async.bulk.ChannelBulk`, declared here too: composed, not inherited, they run
    this resource's operations by the table.
    """

    bulk_create = ChannelBulk.create
    bulk_start = ChannelBulk.start
    bulk_stop = ChannelBulk.stop
    bulk_delete = ChannelBulk.delete

    async def create(self, channel: ChannelCreate, **options: Unpack[RequestOptions]) -> Channel:
        """Create a channel: ``POST /channels`` (guide section 2).

        Not idempotent: retried only on 429 or when the request provably never left (a connect
        error), never after a 5xx or a read timeout, so it cannot create the channel twice.
        """
        _checks.instance_of(channel, ChannelCreate, "channel")
        result: Channel = await self._caller.call(CREATE_CHANNEL, body=channel, options=options)
        return result

    async def get(self, channel_id: str | Channel, **options: Unpack[RequestOptions]) -> Channel:
        """Get one channel: ``GET /channels/{channel_id}`` (guide section 3)."""
        path = (_checks.channel_ref(channel_id),)
        result: Channel = await self._caller.call(GET_CHANNEL, path=path, options=options)
        return result

    async def update(
        self,
        channel_id: str | Channel,
        changes: ChannelUpdate,
        **options: Unpack[RequestOptions],
    ) -> Channel:
        """Change some settings: ``PATCH /channels/{channel_id}`` (inferred: not in the guide).

        Only the fields set on ``changes`` are sent. Retried like the idempotent calls: the body
        holds absolute values, so applying it twice leaves the channel as applying it once.
        """
        path = (_checks.channel_ref(channel_id),)
        _checks.instance_of(changes, ChannelUpdate, "changes")
        result: Channel = await self._caller.call(
            UPDATE_CHANNEL, path=path, body=changes, options=options
        )
        return result

    async def start(self, channel_id: str | Channel, **options: Unpack[RequestOptions]) -> None:
        """Start a channel: ``PATCH /channels/{channel_id}/start`` (guide section 4)."""
        path = (_checks.channel_ref(channel_id),)
        await self._caller.call(START_CHANNEL, path=path, options=options)

    async def stop(self, channel_id: str | Channel, **options: Unpack[RequestOptions]) -> None:
        """Stop a channel and its session: ``DELETE /channels/{channel_id}/stop`` (section 5)."""
        path = (_checks.channel_ref(channel_id),)
        await self._caller.call(STOP_CHANNEL, path=path, options=options)

    async def delete(self, channel_id: str | Channel, **options: Unpack[RequestOptions]) -> None:
        """Delete a channel: ``DELETE /channels/{channel_id}`` (guide section 6).

        Refused with :class:`~sigma_async.ConflictError` while one of its sessions is running.
        A retry that finds the channel gone, after an attempt that may have reached the server
        (its response lost), counts as success: that attempt deleted it.
        """
        path = (_checks.channel_ref(channel_id),)
        await self._caller.call(DELETE_CHANNEL, path=path, options=options)

    def list(
        self,
        *,
        q: Mapping[str, Any] | None = None,
        status: ChannelStatus | str | Collection[ChannelStatus | str] | None = None,
        tags: Collection[str] | None = None,
        **options: Unpack[ListOptions],
    ) -> AsyncPaginator[Channel]:
        """List the app's channels: ``GET /channels`` (inferred: the guide's list convention).

        ``status`` keeps channels in that status (or any of several); ``tags`` keeps channels
        carrying at least one of the tags (``{"tags": {"$in": [...]}}``); ``q`` adds any other
        filter. ``sort``, ``per_page`` (1 to 100, the service's cap; more is refused, not
        clamped) and ``prefetch`` are the :class:`~sigma_async.resources._base.ListOptions`.
        Nothing is sent until the paginator is iterated.
        """
        filters: dict[str, Any] = {}
        if status is not None:
            if isinstance(status, str):
                filters["status"] = str(status)
            elif isinstance(status, Collection) and all(isinstance(v, str) for v in status):
                filters["status"] = {"$in": [str(value) for value in status]}
            else:
                raise SigmaValidationError("status must be a ChannelStatus, a string, or several")
        if tags is not None:
            if (
                isinstance(tags, str)
                or not isinstance(tags, Collection)
                or not all(isinstance(tag, str) for tag in tags)
            ):
                raise SigmaValidationError("tags must be a collection of strings")
            filters["tags"] = {"$in": list(tags)}
        return paginate(self._caller, LIST_CHANNELS, q=merge_filters(filters, q), **options)

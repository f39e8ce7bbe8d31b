"""``client.channels``: create, get, update, start, stop, delete and list live channels."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from .._convert import unstructure
from .._model_support import UNSET, Unset
from .._http.sansio import dump_json, path_segment
from ..bulk import ChannelBulkMixin
from ..errors import SigmaValidationError
from ..models import Channel, ChannelCreate, ChannelPage, ChannelStatus, ChannelUpdate
from ..pagination import AsyncPaginator
from ._base import Resource, merge_filters, paginate

__all__ = ["ChannelsResource"]


class ChannelsResource(ChannelBulkMixin, Resource):
    """Live channels (guide sections 2 to 6).

    Every method takes keyword ``timeout`` (seconds per attempt, None for none) and
    ``max_retries``, overriding the client's settings for that call. ``bulk_create``,
    ``bulk_start``, ``bulk_stop`` and ``bulk_delete`` come from :mod:`sigma_async.bulk`.
    """

    async def create(
        self,
        channel: ChannelCreate,
        *,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> Channel:
        """Create a channel: ``POST /channels`` (guide section 2).

        Not idempotent: retried only on 429 or when the request provably never left (a connect
        error), never after a 5xx or a read timeout, so it cannot create the channel twice.
        """
        if not isinstance(channel, ChannelCreate):
            raise SigmaValidationError(f"channel must be a ChannelCreate, got {type(channel)}")
        return await self._client._request(
            "POST",
            "/channels",
            cast=Channel,
            body=dump_json(unstructure(channel)),
            idempotent=False,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def get(
        self,
        channel_id: str,
        *,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> Channel:
        """Get one channel: ``GET /channels/{channel_id}`` (guide section 3)."""
        return await self._client._request(
            "GET",
            "/channels/" + path_segment(channel_id, "channel_id"),
            cast=Channel,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def update(
        self,
        channel_id: str,
        changes: ChannelUpdate,
        *,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> Channel:
        """Change some settings: ``PATCH /channels/{channel_id}`` (inferred: not in the guide).

        Only the fields set on ``changes`` are sent. Retried like the idempotent calls: the body
        holds absolute values, so applying it twice leaves the channel as applying it once.
        """
        if not isinstance(changes, ChannelUpdate):
            raise SigmaValidationError(f"changes must be a ChannelUpdate, got {type(changes)}")
        return await self._client._request(
            "PATCH",
            "/channels/" + path_segment(channel_id, "channel_id"),
            cast=Channel,
            body=dump_json(unstructure(changes)),
            timeout=timeout,
            max_retries=max_retries,
        )

    async def start(
        self,
        channel_id: str,
        *,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> None:
        """Start a channel: ``PATCH /channels/{channel_id}/start`` (guide section 4)."""
        await self._client._request(
            "PATCH",
            "/channels/" + path_segment(channel_id, "channel_id") + "/start",
            cast=None,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def stop(
        self,
        channel_id: str,
        *,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> None:
        """Stop a channel and its session: ``DELETE /channels/{channel_id}/stop`` (section 5)."""
        await self._client._request(
            "DELETE",
            "/channels/" + path_segment(channel_id, "channel_id") + "/stop",
            cast=None,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def delete(
        self,
        channel_id: str,
        *,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> None:
        """Delete a channel: ``DELETE /channels/{channel_id}`` (guide section 6).

        Refused with :class:`~sigma_async.ConflictError` while one of its sessions is running.
        A retry that finds the channel gone, after an attempt that may have reached the server
        (its response lost), counts as success: that attempt deleted it.
        """
        await self._client._request(
            "DELETE",
            "/channels/" + path_segment(channel_id, "channel_id"),
            cast=None,
            gone_means_done=True,
            timeout=timeout,
            max_retries=max_retries,
        )

    def list(
        self,
        *,
        q: Mapping[str, Any] | None = None,
        status: ChannelStatus | str | Collection[ChannelStatus | str] | None = None,
        tags: Collection[str] | None = None,
        sort: str = "updatedAt|desc",
        per_page: int = 100,
        prefetch: int = 1,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> AsyncPaginator[Channel]:
        """List the app's channels: ``GET /channels`` (inferred: the guide's list convention).

        ``status`` keeps channels in that status (or any of several); ``tags`` keeps channels
        carrying at least one of the tags (``{"tags": {"$in": [...]}}``); ``q`` adds any other
        filter. ``per_page`` is 1 to 100 (the service's cap; more is refused, not clamped).
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
        return paginate(
            self._client,
            "/channels",
            ChannelPage,
            q=merge_filters(filters, q),
            sort=sort,
            per_page=per_page,
            prefetch=prefetch,
            timeout=timeout,
            max_retries=max_retries,
        )

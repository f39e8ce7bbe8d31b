"""What the resource classes share: the client handle and list calls turned into paginators."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .._model_support import Unset
from .._http.sansio import check_per_page, list_query
from ..errors import SigmaValidationError
from ..pagination import AsyncPaginator, Page

if TYPE_CHECKING:
    from .._client import SigmaClient

__all__ = ["Resource", "merge_filters", "paginate"]

T = TypeVar("T")


class _Envelope(Protocol[T]):
    """The generated ``*Page`` models: the page envelope of a list call."""

    @property
    def data(self) -> list[T]: ...
    @property
    def total(self) -> int | None: ...
    @property
    def count(self) -> int | None: ...
    @property
    def page(self) -> int | None: ...
    @property
    def per_page(self) -> int | None: ...


class Resource:
    """Base of ``client.channels``, ``client.sessions`` and ``client.events``."""

    def __init__(self, client: SigmaClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


def merge_filters(base: Mapping[str, Any], q: Mapping[str, Any] | None) -> dict[str, Any]:
    """Merge the caller's ``q`` into the SDK's filter; a key both set differently is an error."""
    if q is None:
        return dict(base)
    if not isinstance(q, Mapping):
        raise SigmaValidationError(f"q must be a mapping (a JSON object), got {type(q).__name__}")
    merged = dict(base)
    for key, value in q.items():
        if key in merged and merged[key] != value:
            raise SigmaValidationError(f"q[{key!r}] conflicts with the filter set by the SDK")
        merged[key] = value
    return merged


def paginate(
    client: SigmaClient,
    path: str,
    envelope: type[_Envelope[T]],
    *,
    q: Mapping[str, Any] | None,
    sort: str,
    per_page: int,
    prefetch: int,
    timeout: float | Unset | None,
    max_retries: int | Unset,
) -> AsyncPaginator[T]:
    """Return a paginator over ``GET path``; the arguments are checked now, before any request."""
    check_per_page(per_page)
    query = list_query(q, sort=sort, page=1, per_page=per_page)

    async def fetch_page(number: int) -> Page[T]:
        result = await client._request(
            "GET",
            path,
            cast=envelope,
            query={**query, "page": str(number)},
            timeout=timeout,
            max_retries=max_retries,
        )
        return Page(
            data=result.data,
            total=result.total,
            count=result.count,
            page=result.page,
            per_page=result.per_page,
        )

    return AsyncPaginator(fetch_page, per_page=per_page, prefetch=prefetch)

"""What the resource classes share: the narrow interface they call, and list pagination.

Resources know the operations table and nothing of HTTP: each method checks its arguments,
names its :class:`~sigma_async.operations.Operation`, and hands it to a :class:`Caller` (the
engine, in ``sigma_async._http.engine``). They never import the client.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .. import _checks
from .._http.sansio import list_query
from .._options import RequestOptions
from ..errors import SigmaValidationError
from ..operations import Operation
from ..pagination import AsyncPaginator, Page

if TYPE_CHECKING:
    from .._options import Unpack  # typing.Unpack is 3.11+; annotations only

__all__ = ["Caller", "Resource", "merge_filters", "paginate"]

T = TypeVar("T")


class Caller(Protocol):
    """Sends one operation and returns its decoded response (what the engine offers)."""

    async def call(
        self,
        operation: Operation,
        *,
        path: Iterable[object] = ...,
        query: Mapping[str, str] | None = ...,
        body: Any = ...,
        **options: Any,
    ) -> Any:
        """Build the request for ``operation``, send it by the retry policy, decode the answer."""
        ...


class Resource:
    """Base of ``client.channels``, ``client.sessions`` and ``client.events``."""

    def __init__(self, caller: Caller, *, owner: object = None) -> None:
        self._caller = caller
        self._owner = caller if owner is None else owner

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._owner!r}>"


def merge_filters(base: Mapping[str, Any], q: Mapping[str, Any] | None) -> dict[str, Any]:
    """Merge the caller's ``q`` into the SDK's filter; a key both set differently is an error."""
    if q is None:
        return dict(base)
    _checks.mapping(q, "q")
    merged = dict(base)
    for key, value in q.items():
        if key in merged and merged[key] != value:
            raise SigmaValidationError(f"q[{key!r}] conflicts with the filter set by the SDK")
        merged[key] = value
    return merged


def paginate(
    caller: Caller,
    operation: Operation,
    *,
    q: Mapping[str, Any] | None,
    sort: str,
    per_page: int,
    prefetch: int,
    **options: Unpack[RequestOptions],
) -> AsyncPaginator[Any]:
    """Return a paginator over a list ``operation``; arguments are checked now, before sending."""
    _checks.per_page(per_page)
    query = list_query(q, sort=sort, page=1, per_page=per_page)

    async def fetch_page(number: int) -> Page[Any]:
        # The generated envelope (ChannelPage…) is the page: decoded once, never copied.
        page: Page[Any] = await caller.call(
            operation, query={**query, "page": str(number)}, **options
        )
        return page

    return AsyncPaginator(fetch_page, per_page=per_page, prefetch=prefetch)

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
from ..operations import MAX_PER_PAGE, Operation
from ..pagination import AsyncPaginator, Page

if TYPE_CHECKING:
    from .._options import Unpack  # typing.Unpack is 3.11+; annotations only

__all__ = ["DEFAULT_SORT", "Caller", "ListOptions", "Resource", "merge_filters", "paginate"]

T = TypeVar("T")

DEFAULT_SORT = "updatedAt|desc"
"""The order of every list unless told otherwise: the most recently changed first."""


class ListOptions(RequestOptions, total=False):
    """The options every ``list`` method takes besides its filters, with the call options.

    ``sort``: ``"<field>|asc"`` or ``"<field>|desc"`` (default :data:`DEFAULT_SORT`);
    ``per_page``: 1 to :data:`~sigma_async.operations.MAX_PER_PAGE` (the service's cap, the
    default; more is refused, not clamped); ``prefetch``: pages fetched ahead while one is read
    (default 1). ``timeout`` and ``max_retries`` apply to each page's request.
    """

    sort: str
    per_page: int
    prefetch: int


class Caller(Protocol):
    """Sends one operation and returns its decoded response (what the engine offers)."""

    async def call(
        self,
        operation: Operation,
        *,
        path: Iterable[object] = ...,
        query: Mapping[str, str] | None = ...,
        body: Any = ...,
        options: Mapping[str, Any] = ...,
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
    sort: str = DEFAULT_SORT,
    per_page: int = MAX_PER_PAGE,
    prefetch: int = 1,
    **options: Unpack[RequestOptions],
) -> AsyncPaginator[Any]:
    """Return a paginator over a list ``operation`` (:class:`ListOptions` are its keywords).

    Arguments are checked now, before anything is sent.
    """
    _checks.per_page(per_page)
    query = list_query(q, sort=sort, page=1, per_page=per_page)

    async def fetch_page(number: int) -> Page[Any]:
        # The generated envelope (ChannelPage…) is the page: decoded once, never copied.
        page: Page[Any] = await caller.call(
            operation, query={**query, "page": str(number)}, options=options
        )
        return page

    return AsyncPaginator(fetch_page, per_page=per_page, prefetch=prefetch)

"""Async pagination over the API's page envelope (``data``, ``total``, ``page``, ``perPage``…).

``client.channels.list()`` and friends return an :class:`AsyncPaginator` without sending
anything; iterating it fetches pages on demand.
"""

from __future__ import annotations

import asyncio
import contextlib
import operator
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Hashable
from typing import Generic, Protocol, TypeVar, runtime_checkable

from .errors import ResponseDecodeError, SigmaValidationError

__all__ = ["AsyncPaginator", "Page"]

T = TypeVar("T")


@runtime_checkable
class Page(Protocol[T]):
    """One page of a list call, as the service returned it (items are not deduplicated).

    The generated envelopes (:class:`~sigma_async.ChannelPage`, ``SessionPage``,
    ``EventPage``) are the pages themselves: a list call decodes the response straight into
    one, and :meth:`AsyncPaginator.pages` yields it as is. This protocol names what they share.
    """

    @property
    def data(self) -> list[T]:
        """The items on this page."""
        ...

    @property
    def total(self) -> int | None:
        """Items in the whole list, when the service says."""
        ...

    @property
    def count(self) -> int | None:
        """Items on this page, when the service says."""
        ...

    @property
    def page(self) -> int | None:
        """The number of this page, from 1."""
        ...

    @property
    def per_page(self) -> int | None:
        """The page size the service applied."""
        ...


class AsyncPaginator(Generic[T]):
    """Items of a list call, fetched page by page as they are consumed.

    - ``async for item in paginator`` yields items across pages, dropping an ``id`` already
      yielded within the last ``prefetch + 1`` pages: a list sorted by ``updatedAt`` shifts
      while records change, so a record can move from one page to a later one between two
      requests. Only those pages' ids are remembered, so memory stays flat however long the
      list; a record pushed further than that (more than ``(prefetch + 1) * per_page`` records
      changing while you read) could come twice.
    - :meth:`pages` yields each :class:`Page` as returned; :meth:`to_list` collects items.

    Iteration stops by ``total`` when the service gives one (never asking for a page past the
    end), else at the first short or empty page. With ``prefetch=N`` and a known ``total``, up to
    N pages are fetched concurrently, still yielded in order, and at most N pages are held at
    once. Leaving a loop early cancels the pages in flight.
    """

    def __init__(
        self,
        fetch_page: Callable[[int], Awaitable[Page[T]]],
        *,
        per_page: int,
        prefetch: int = 1,
        item_id: Callable[[T], Hashable] | None = None,
    ) -> None:
        if isinstance(prefetch, bool) or not isinstance(prefetch, int) or prefetch < 1:
            raise SigmaValidationError(f"prefetch must be a positive int, got {prefetch!r}")
        self._fetch_page = fetch_page
        self._per_page = per_page
        self._prefetch = prefetch
        self._item_id: Callable[[T], Hashable] = item_id or operator.attrgetter("id")

    def __repr__(self) -> str:
        return f"AsyncPaginator(per_page={self._per_page}, prefetch={self._prefetch})"

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncGenerator[T, None]:
        # A record moves between two requests only by the records added or re-sorted ahead of
        # it meanwhile, so a second copy can only be on a nearby page. Each id maps to the last
        # page it was seen on, and is forgotten once that page leaves the window.
        last_seen: dict[Hashable, int] = {}
        window: deque[list[Hashable]] = deque()
        page_index = -1
        async with contextlib.aclosing(self.pages()) as pages:
            async for page in pages:
                page_index += 1
                keys = [self._item_id(item) for item in page.data]
                window.append(keys)
                for key, item in zip(keys, page.data, strict=True):
                    fresh = key not in last_seen
                    last_seen[key] = page_index
                    if fresh:
                        yield item
                if len(window) > self._prefetch + 1:
                    oldest = page_index - len(window) + 1
                    for key in window.popleft():
                        if last_seen.get(key) == oldest:
                            del last_seen[key]

    async def to_list(self, limit: int | None = None) -> list[T]:
        """Collect the items (deduplicated), stopping after ``limit`` of them when given."""
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise SigmaValidationError(f"limit must be an int or None, got {limit!r}")
        items: list[T] = []
        if limit is not None and limit <= 0:
            return items
        async with contextlib.aclosing(self._items()) as iterator:
            async for item in iterator:
                items.append(item)
                if limit is not None and len(items) >= limit:
                    break
        return items

    async def pages(self) -> AsyncGenerator[Page[T], None]:
        """Yield the pages in order, as the service returned them.

        A service that keeps answering with the same records, page after page, is not paging
        (it ignores ``page``): after ``_MAX_REPEATS`` such pages in a row, rather than loop
        forever, this raises :class:`~sigma_async.ResponseDecodeError`. (One repeat is a list
        shifting by a page while it is read.)
        """
        first = await self._fetch_page(1)
        last = self._last_page(first)
        progress = _Progress(self._item_id, first)
        if last is None:
            # No total: walk one page at a time until a short or empty one.
            page = first
            yield page
            number = 1
            while page.data and len(page.data) >= (page.per_page or self._per_page):
                number += 1
                page = await self._fetch_page(number)
                progress.check(page, number)
                yield page
            return
        pending: deque[tuple[int, asyncio.Task[Page[T]]]] = deque()
        next_number = 2

        def fill(limit: int, last: int) -> None:
            nonlocal next_number
            while next_number <= last and len(pending) < limit:
                pending.append((next_number, asyncio.ensure_future(self._fetch_page(next_number))))
                next_number += 1

        try:
            # The page being yielded counts against ``prefetch``: N - 1 fetches run meanwhile.
            fill(self._prefetch - 1, last)
            yield first
            while True:
                fill(self._prefetch, last)
                if not pending:
                    return
                number, task = pending[0]
                if number > last:  # the total shrank: pages in flight past the end are dropped
                    return
                page = await task
                pending.popleft()
                if not page.data:  # an empty page ends the walk, whatever the total says
                    return
                progress.check(page, number)
                last = self._last_page(page) or last
                fill(self._prefetch - 1, last)
                yield page
        finally:
            for _, task in pending:
                task.cancel()
            if pending:
                await asyncio.gather(*(task for _, task in pending), return_exceptions=True)

    def _last_page(self, page: Page[T]) -> int | None:
        if page.total is None:
            return None
        size = page.per_page or self._per_page
        # Integer ceiling: a float quotient overflows on a hostile total of 400 digits.
        return max(1, -(-page.total // size))


_MAX_REPEATS = 3


class _Progress(Generic[T]):
    """Notices a service that answers every page with the same records."""

    def __init__(self, item_id: Callable[[T], Hashable], first: Page[T]) -> None:
        self._item_id = item_id
        self._previous = [item_id(item) for item in first.data]
        self._repeats = 0

    def check(self, page: Page[T], number: int) -> None:
        keys = [self._item_id(item) for item in page.data]
        self._repeats = self._repeats + 1 if keys and keys == self._previous else 0
        self._previous = keys
        if self._repeats >= _MAX_REPEATS:
            raise ResponseDecodeError(
                f"pages {number - _MAX_REPEATS} to {number} hold the same records: the service"
                " is not paging (it ignores `page`), so the listing stops"
            )

"""``client.events``: list a session's events, or watch them arrive."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .. import _checks
from .._model_support import UNSET, Unset
from .._options import RequestOptions
from ..errors import WaitTimeoutError
from ..models import Event, EventAction
from ..operations import GET_SESSION, LIST_EVENTS
from ..pagination import AsyncPaginator
from ._base import ListOptions, Resource, paginate

if TYPE_CHECKING:
    from .._options import Unpack  # typing.Unpack is 3.11+; annotations only

__all__ = ["EventsResource"]

T = TypeVar("T")

_EPOCH = dt.datetime.min.replace(tzinfo=dt.timezone.utc)


def _unique(events: list[Event]) -> list[Event]:
    # One poll can see an event twice when the list shifts between two page requests.
    ids: set[str] = set()
    unique = []
    for event in events:
        if event.id not in ids:
            ids.add(event.id)
            unique.append(event)
    return unique


class EventsResource(Resource):
    """What happened to a session: init, published, stable, unstable, ended… (guide section 9).

    Every request method takes keyword ``timeout`` (seconds per attempt, None for none) and
    ``max_retries``, overriding the client's settings for that call.
    """

    async def watch(
        self,
        session_id: str,
        *,
        poll_interval: float = 2.0,
        deadline: float | None = None,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> AsyncIterator[Event]:
        """Yield the session's events as they appear, oldest first, each once.

        Polls the event list every ``poll_interval`` seconds and stops after yielding an
        ``ended`` event (a session never runs again once ended). Events already there when
        watching starts are yielded first. ``deadline`` bounds the whole watch in seconds
        (:class:`~sigma_async.WaitTimeoutError` after it; None waits for ``ended``), as
        ``timeout`` does for ``sessions.wait_for_status``; ``timeout``/``max_retries`` here
        apply to each poll. A session that does not exist raises
        :class:`~sigma_async.NotFoundError` (checked once, while no event has been seen).
        """
        _checks.identifier(session_id, "session_id")
        _checks.positive_number(poll_interval, "poll_interval")
        if deadline is not None:
            _checks.positive_number(deadline, "deadline")
        options: RequestOptions = {"timeout": timeout, "max_retries": max_retries}
        loop = asyncio.get_running_loop()
        ends = None if deadline is None else loop.time() + deadline
        seen: set[str] = set()
        exists = False
        while True:
            fresh = await _bounded(
                self._poll(session_id, seen, options), ends, session_id, deadline
            )
            if not fresh and not seen and not exists:
                # An unknown session has no events, which looks like a quiet one: ask once.
                await _bounded(
                    self._caller.call(GET_SESSION, path=(session_id,), options=options),
                    ends,
                    session_id,
                    deadline,
                )
                exists = True
            for event in fresh:
                seen.add(event.id)
                yield event
                if event.action == EventAction.ENDED:
                    return
            pause = poll_interval if ends is None else min(poll_interval, ends - loop.time())
            if pause <= 0:
                raise _watch_expired(session_id, deadline)
            await asyncio.sleep(pause)

    async def _poll(self, session_id: str, seen: set[str], options: RequestOptions) -> list[Event]:
        fresh: list[Event] = []
        paginator = self.list(session_id, **options)
        async with contextlib.aclosing(paginator.pages()) as pages:
            async for page in pages:
                new = [event for event in page.data if event.id not in seen]
                fresh.extend(new)
                if not new:  # newest first: a page of known events means the rest is known
                    break
        # Reversed, the newest-first list keeps equal timestamps in arrival order.
        return sorted(reversed(_unique(fresh)), key=lambda event: event.created_at or _EPOCH)

    def list(
        self,
        session_id: str,
        *,
        q: Mapping[str, Any] | None = None,
        **options: Unpack[ListOptions],
    ) -> AsyncPaginator[Event]:
        """List a session's events: ``GET /events?q={"$and": [{"sessionId": ...}]}`` (section 9).

        ``q`` is added to the ``$and`` list, so it narrows the session's events. ``sort``,
        ``per_page`` (1 to 100; more is refused) and ``prefetch`` are the
        :class:`~sigma_async.resources._base.ListOptions`. Nothing is sent until the paginator
        is iterated.
        """
        clauses: list[Mapping[str, Any]] = [
            {"sessionId": _checks.identifier(session_id, "session_id")}
        ]
        if q is not None and _checks.mapping(q, "q"):
            clauses.append(dict(q))
        return paginate(self._caller, LIST_EVENTS, q={"$and": clauses}, **options)


def _watch_expired(session_id: str, deadline: float | None) -> WaitTimeoutError:
    return WaitTimeoutError(f"session {session_id} did not end within {deadline or 0:g} s")


async def _bounded(
    step: Awaitable[T], ends: float | None, session_id: str, deadline: float | None
) -> T:
    """Await ``step``, within what is left of the watch's deadline when it has one."""
    if ends is None:
        return await step
    remaining = ends - asyncio.get_running_loop().time()
    try:
        return await asyncio.wait_for(step, max(remaining, 0))
    except asyncio.TimeoutError:
        raise _watch_expired(session_id, deadline) from None

"""``client.events``: list a session's events, or watch them arrive."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Mapping
from typing import Any

from .._model_support import UNSET, Unset
from .._http.sansio import check_id
from ..errors import SigmaValidationError
from ..models import Event, EventAction, EventPage
from ..pagination import AsyncPaginator
from ._base import Resource, paginate

__all__ = ["EventsResource"]

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
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> AsyncIterator[Event]:
        """Yield the session's events as they appear, oldest first, each once.

        Polls the event list every ``poll_interval`` seconds and stops after yielding an
        ``ended`` event (a session never runs again once ended). Events already there when
        watching starts are yielded first. ``timeout``/``max_retries`` apply to each poll.
        """
        check_id(session_id, "session_id")
        if (
            isinstance(poll_interval, bool)
            or not isinstance(poll_interval, (int, float))
            or not poll_interval > 0
        ):
            raise SigmaValidationError(f"poll_interval must be a positive number: {poll_interval}")
        seen: set[str] = set()
        while True:
            fresh: list[Event] = []
            paginator = self.list(session_id, timeout=timeout, max_retries=max_retries)
            async with contextlib.aclosing(paginator.pages()) as pages:
                async for page in pages:
                    new = [event for event in page.data if event.id not in seen]
                    fresh.extend(new)
                    if not new:  # newest first: a page of known events means the rest is known
                        break
            # Reversed, the newest-first list keeps equal timestamps in arrival order.
            fresh = sorted(reversed(_unique(fresh)), key=lambda event: event.created_at or _EPOCH)
            for event in fresh:
                seen.add(event.id)
                yield event
                if event.action == EventAction.ENDED:
                    return
            await asyncio.sleep(poll_interval)

    def list(
        self,
        session_id: str,
        *,
        q: Mapping[str, Any] | None = None,
        sort: str = "updatedAt|desc",
        per_page: int = 100,
        prefetch: int = 1,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> AsyncPaginator[Event]:
        """List a session's events: ``GET /events?q={"$and": [{"sessionId": ...}]}`` (section 9).

        ``q`` is added to the ``$and`` list, so it narrows the session's events. ``per_page``
        is 1 to 100 (more is refused). Nothing is sent until the paginator is iterated.
        """
        clauses: list[Mapping[str, Any]] = [{"sessionId": check_id(session_id, "session_id")}]
        if q is not None:
            if not isinstance(q, Mapping):
                raise SigmaValidationError(f"q must be a mapping, got {type(q).__name__}")
            if q:
                clauses.append(dict(q))
        return paginate(
            self._client,
            "/events",
            EventPage,
            q={"$and": clauses},
            sort=sort,
            per_page=per_page,
            prefetch=prefetch,
            timeout=timeout,
            max_retries=max_retries,
        )

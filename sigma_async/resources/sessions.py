"""``client.sessions``: list a channel's live sessions, read one, read or wait for its status."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from .. import _checks
from .._model_support import UNSET, Unset
from .._options import RequestOptions
from ..errors import SessionEndedError, SigmaValidationError, WaitTimeoutError
from ..models import Channel, Session, SessionStatus, SessionStatusResult
from ..operations import GET_SESSION, GET_SESSION_STATUS, LIST_SESSIONS
from ..pagination import AsyncPaginator
from ._base import ListOptions, Resource, merge_filters, paginate

if TYPE_CHECKING:
    from .._options import Unpack  # typing.Unpack is 3.11+; annotations only

__all__ = ["SessionsResource"]


class SessionsResource(Resource):
    """Live sessions: one per run of a channel (guide sections 7 and 8).

    Every request method takes keyword ``timeout`` (seconds per attempt, None for none) and
    ``max_retries`` (:class:`~sigma_async.RequestOptions`), overriding the client's settings
    for that call.
    """

    async def get(self, session_id: str, **options: Unpack[RequestOptions]) -> Session:
        """Get one session: ``GET /sessions/{session_id}`` (inferred: not in the guide)."""
        path = (session_id,)  # checked as it is encoded (sansio.path_segment)
        result: Session = await self._caller.call(GET_SESSION, path=path, options=options)
        return result

    async def status(self, session_id: str, **options: Unpack[RequestOptions]) -> SessionStatus:
        """Get a session's status: ``GET /sessions/{session_id}/status`` (guide section 8).

        A session that does not exist raises :class:`~sigma_async.NotFoundError`.
        """
        path = (session_id,)  # checked as it is encoded (sansio.path_segment)
        result: SessionStatusResult = await self._caller.call(
            GET_SESSION_STATUS, path=path, options=options
        )
        return result.status

    async def wait_for_status(
        self,
        session_id: str,
        statuses: Collection[SessionStatus | str],
        *,
        timeout: float,
        poll_interval: float = 2.0,
        request_timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> SessionStatus:
        """Poll :meth:`status` until it is one of ``statuses``, and return it.

        ``timeout`` bounds the whole wait (:class:`~sigma_async.WaitTimeoutError` after it);
        ``request_timeout`` and ``max_retries`` apply to each poll. A session never leaves
        ``ended``, so reaching it when it is not awaited raises
        :class:`~sigma_async.SessionEndedError` at once instead of waiting out the timeout; a
        session that does not exist raises :class:`~sigma_async.NotFoundError` at once.
        """
        _checks.identifier(session_id, "session_id")
        if isinstance(statuses, str) or not isinstance(statuses, Collection) or not statuses:
            raise SigmaValidationError("statuses must be a non-empty collection, e.g. {'live'}")
        if not all(isinstance(status, str) for status in statuses):
            raise SigmaValidationError("statuses must hold SessionStatus members or strings")
        wanted = {SessionStatus(status) for status in statuses}
        _checks.positive_number(timeout, "timeout")
        _checks.positive_number(poll_interval, "poll_interval")
        seen: list[SessionStatus] = []

        async def poll() -> SessionStatus:
            while True:
                status = await self.status(
                    session_id, timeout=request_timeout, max_retries=max_retries
                )
                seen.append(status)
                if status in wanted:
                    return status
                if status == SessionStatus.ENDED:
                    raise SessionEndedError(
                        f"session {session_id} ended before reaching "
                        f"{'/'.join(sorted(map(str, wanted)))}"
                    )
                await asyncio.sleep(poll_interval)

        try:
            return await asyncio.wait_for(poll(), timeout)
        except asyncio.TimeoutError:
            last = str(seen[-1]) if seen else None
            raise WaitTimeoutError(
                f"session {session_id} did not reach {'/'.join(sorted(map(str, wanted)))} "
                f"within {timeout:g} s (last status: {last or 'none'})",
                last_status=last,
            ) from None

    def list(
        self,
        channel_id: str | Channel | None = None,
        *,
        q: Mapping[str, Any] | None = None,
        **options: Unpack[ListOptions],
    ) -> AsyncPaginator[Session]:
        """List sessions: ``GET /sessions?q={"channelId": ...}`` (guide section 7).

        With ``channel_id`` the filter is the guide's ``{"channelId": "<id>"}``; without it, all
        the app's sessions. ``q`` adds filters; ``sort``, ``per_page`` (1 to 100; more is
        refused) and ``prefetch`` are the :class:`~sigma_async.resources._base.ListOptions`.
        Nothing is sent until the paginator is iterated.
        """
        base = {} if channel_id is None else {"channelId": _checks.channel_id(channel_id)}
        return paginate(self._caller, LIST_SESSIONS, q=merge_filters(base, q), **options)

"""``client.sessions``: list a channel's live sessions, read one, read or wait for its status."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping
from typing import Any

from .._model_support import UNSET, Unset
from .._http.sansio import check_id, path_segment
from ..errors import SigmaError, SigmaValidationError, WaitTimeoutError
from ..models import Session, SessionPage, SessionStatus, SessionStatusResult
from ..pagination import AsyncPaginator
from ._base import Resource, merge_filters, paginate

__all__ = ["SessionsResource"]


class SessionsResource(Resource):
    """Live sessions: one per run of a channel (guide sections 7 and 8).

    Every request method takes keyword ``timeout`` (seconds per attempt, None for none) and
    ``max_retries``, overriding the client's settings for that call.
    """

    async def get(
        self,
        session_id: str,
        *,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> Session:
        """Get one session: ``GET /sessions/{session_id}`` (inferred: not in the guide)."""
        return await self._client._request(
            "GET",
            "/sessions/" + path_segment(session_id, "session_id"),
            cast=Session,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def status(
        self,
        session_id: str,
        *,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> SessionStatus:
        """Get a session's status: ``GET /sessions/{session_id}/status`` (guide section 8)."""
        result = await self._client._request(
            "GET",
            "/sessions/" + path_segment(session_id, "session_id") + "/status",
            cast=SessionStatusResult,
            timeout=timeout,
            max_retries=max_retries,
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
        ``ended``, so reaching it when it is not awaited raises :class:`~sigma_async.SigmaError`
        at once instead of waiting out the timeout.
        """
        check_id(session_id, "session_id")
        if isinstance(statuses, str) or not isinstance(statuses, Collection) or not statuses:
            raise SigmaValidationError("statuses must be a non-empty collection, e.g. {'live'}")
        if not all(isinstance(status, str) for status in statuses):
            raise SigmaValidationError("statuses must hold SessionStatus members or strings")
        wanted = {SessionStatus(status) for status in statuses}
        for name, value in (("timeout", timeout), ("poll_interval", poll_interval)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                raise SigmaValidationError(f"{name} must be a positive number, got {value!r}")
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
                    raise SigmaError(
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
        channel_id: str | None = None,
        *,
        q: Mapping[str, Any] | None = None,
        sort: str = "updatedAt|desc",
        per_page: int = 100,
        prefetch: int = 1,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> AsyncPaginator[Session]:
        """List sessions: ``GET /sessions?q={"channelId": ...}`` (guide section 7).

        With ``channel_id`` the filter is the guide's ``{"channelId": "<id>"}``; without it, all
        the app's sessions. ``q`` adds filters; ``per_page`` is 1 to 100 (more is refused).
        Nothing is sent until the paginator is iterated.
        """
        base = {} if channel_id is None else {"channelId": check_id(channel_id, "channel_id")}
        return paginate(
            self._client,
            "/sessions",
            SessionPage,
            q=merge_filters(base, q),
            sort=sort,
            per_page=per_page,
            prefetch=prefetch,
            timeout=timeout,
            max_retries=max_retries,
        )

"""The exceptions sigma-async raises; every one is a :class:`SigmaError`.

Messages never carry credentials: the URL in an error is the request URL, which holds no secret
(authentication travels in headers only), and headers kept on an error drop ``Authorization``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITLSError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "SigmaError",
    "SigmaValidationError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
]


class SigmaError(Exception):
    """The base of every error sigma-async raises."""


class SigmaValidationError(SigmaError, ValueError):
    """A value given by the caller breaks the contract; raised before any request is sent."""


class ResponseDecodeError(SigmaError):
    """A response body is not the documented JSON (truncated, HTML, or the wrong shape).

    ``path`` names the offending field (``$.data[3].createdAt``) when the body is JSON of the
    wrong shape; ``body_excerpt`` holds the first bytes of a body that is not JSON at all.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        body_excerpt: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.body_excerpt = body_excerpt
        self.status = status

    def __str__(self) -> str:
        return self.message if self.path is None else f"{self.message} (at {self.path})"


class ResponseTooLargeError(SigmaError):
    """A response body exceeded the client's size cap and was not read in full."""

    def __init__(self, message: str, *, limit: int) -> None:
        super().__init__(message)
        self.limit = limit


class APIConnectionError(SigmaError):
    """The request could not be completed: DNS, connect, TLS or a dropped connection.

    ``request_sent`` is False when the failure provably happened before the server could have
    seen the request (a connect error), which is what makes a retried create safe.
    """

    def __init__(self, message: str, *, method: str, url: str, request_sent: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url
        self.request_sent = request_sent

    def __str__(self) -> str:
        return f"{self.message} ({self.method} {self.url})"


class APITimeoutError(APIConnectionError):
    """No complete response arrived within the timeout."""


class APITLSError(APIConnectionError):
    """TLS failed before the request was sent (certificate not trusted, or handshake failed).

    Retrying cannot help, so the client never retries it. ``request_sent`` is always False.
    """


class WaitTimeoutError(SigmaError, TimeoutError):
    """A polling helper (``sessions.wait_for_status``) ran out of time.

    ``last_status`` is the last state seen, or None when no poll completed.
    """

    def __init__(self, message: str, *, last_status: str | None = None) -> None:
        super().__init__(message)
        self.last_status = last_status


_SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "set-cookie", "cookie"})


class APIStatusError(SigmaError):
    """The server answered with a 4xx or 5xx status.

    ``message`` is NestJS's ``message`` (validation lists joined with ``; ``) when the body has
    one, else the reason phrase; ``body`` is the parsed JSON body, or the text when not JSON.
    """

    status: int = 0

    def __init__(
        self,
        message: str,
        *,
        status: int,
        method: str,
        url: str,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.method = method
        self.url = url
        self.body = body
        self.headers: dict[str, str] = {
            name: value
            for name, value in (headers or {}).items()
            if name.lower() not in _SENSITIVE_HEADERS
        }
        self.request_id = request_id

    def __str__(self) -> str:
        suffix = f" [request id {self.request_id}]" if self.request_id else ""
        return f"{self.status} {self.method} {self.url}: {self.message}{suffix}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, message={self.message!r})"


class BadRequestError(APIStatusError):
    """400: the service rejected the request's content."""


class AuthenticationError(APIStatusError):
    """401: missing or wrong username / secret key."""


class PermissionDeniedError(APIStatusError):
    """403: the credentials may not act on this app (check ``app_id``)."""


class NotFoundError(APIStatusError):
    """404: no such channel or session in this app."""


class ConflictError(APIStatusError):
    """409: refused in the resource's current state (deleting a channel that is live)."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but cannot be processed."""


class RateLimitError(APIStatusError):
    """429: rate limited. ``retry_after`` is the server's delay in seconds, when it gave one."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """5xx: the service failed."""

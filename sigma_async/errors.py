"""The exceptions sigma-async raises; every one is a :class:`SigmaError`.

The tree (``except`` the level you mean)::

    SigmaError
    ├── SigmaValidationError (ValueError)  you called it wrong; nothing was sent
    ├── ClientClosedError (RuntimeError)   the client was closed
    ├── WrongEventLoopError (RuntimeError) the client is used from a second event loop
    ├── WaitTimeoutError (TimeoutError)    a polling helper ran out of time
    ├── SessionEndedError                  a session ended before reaching the awaited status
    ├── BulkError                          some items of a bulk call did not succeed
    ├── BulkItemCancelledError             one bulk item's error when the bulk call was cancelled
    └── APIError                           the service or the network failed
        ├── APIStatusError                 a 3xx, 4xx or 5xx answer
        │   ├── BadRequestError            400
        │   ├── AuthenticationError        401
        │   ├── PermissionDeniedError      403
        │   ├── NotFoundError              404
        │   ├── ConflictError              409
        │   ├── UnprocessableEntityError   422
        │   ├── RateLimitError             429
        │   └── InternalServerError        5xx
        ├── APIConnectionError             no complete response (DNS, connect, dropped)
        │   ├── APITimeoutError            no complete response in time
        │   └── APITLSError                certificate not trusted, handshake failed
        ├── ResponseDecodeError            a body the service sent is not the documented JSON
        └── ResponseTooLargeError          a body over ``max_response_bytes``

Messages never carry credentials: the URL in an error is the request URL, which holds no secret
(authentication travels in headers only), headers kept on an error drop ``Authorization`` and
cookies, and text that came from the server is a bounded excerpt with secret fields and this
client's own credentials removed (see ``sigma_async._http.redact``).

Every exception pickles (for multiprocessing and task queues): :class:`SigmaError` reduces to
its class, its ``args`` and its attributes, whatever its ``__init__`` takes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from multidict import CIMultiDict

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITLSError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BulkError",
    "BulkItemCancelledError",
    "ClientClosedError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "SessionEndedError",
    "SigmaError",
    "SigmaValidationError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
    "WrongEventLoopError",
    "describe_reason",
]


def _rebuild(cls: type[SigmaError], args: tuple[Any, ...], state: dict[str, Any]) -> SigmaError:
    # Bypasses __init__, whose keyword-only arguments are not in ``args``: the attributes are
    # restored as they were, which is all an exception's identity is.
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class SigmaError(Exception):
    """The base of every error sigma-async raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self.args, dict(self.__dict__))


class SigmaValidationError(SigmaError, ValueError):
    """A value given by the caller breaks the contract; raised before any request is sent."""


class ClientClosedError(SigmaError, RuntimeError):
    """The :class:`~sigma_async.SigmaClient` was closed; create a new one."""


class WrongEventLoopError(SigmaError, RuntimeError):
    """A client is bound to the event loop it first sent from; another loop needs its own."""


class WaitTimeoutError(SigmaError, TimeoutError):
    """A polling helper (``sessions.wait_for_status``, ``events.watch``) ran out of time.

    ``last_status`` is the last state seen, or None when no poll completed (or not a status).
    """

    def __init__(self, message: str, *, last_status: str | None = None) -> None:
        super().__init__(message)
        self.last_status = last_status


class SessionEndedError(SigmaError):
    """A session ended before reaching the status awaited (a session never leaves ``ended``)."""


class APIError(SigmaError):
    """The service or the network failed: the base of everything that is not the caller's doing."""


class ResponseDecodeError(APIError):
    """A body the service sent is not the documented JSON (truncated, HTML, the wrong shape).

    ``path`` names the offending field (``$.data[3].createdAt``) when the body is JSON of the
    wrong shape; ``body_excerpt`` holds the first bytes (scrubbed) of a body that is not JSON.
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


class ResponseTooLargeError(APIError):
    """A response body exceeded the client's size cap and was not read in full."""

    def __init__(self, message: str, *, limit: int) -> None:
        super().__init__(message)
        self.limit = limit


class APIConnectionError(APIError):
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


_SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "set-cookie", "cookie"})


class APIStatusError(APIError):
    """The server answered with a 3xx, 4xx or 5xx status.

    ``message`` is NestJS's ``message`` (validation lists joined with ``; ``) when the body has
    one, else the reason phrase; ``body`` is the parsed JSON body, or the text when not JSON.
    ``headers`` is case-insensitive (``error.headers["retry-after"]``), without credentials or
    cookies. Each subclass pins its ``status`` as a class attribute.
    """

    status: int = 0

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        method: str,
        url: str,
        body: Any = None,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = type(self).status if status is None else status
        self.method = method
        self.url = url
        self.body = body
        pairs = headers.items() if isinstance(headers, Mapping) else (headers or ())
        self.headers: CIMultiDict[str] = CIMultiDict(
            (name, value) for name, value in pairs if name.lower() not in _SENSITIVE_HEADERS
        )
        self.request_id = request_id

    def __str__(self) -> str:
        suffix = f" [request id {self.request_id}]" if self.request_id else ""
        return f"{self.status} {self.method} {self.url}: {self.message}{suffix}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, message={self.message!r})"

    @staticmethod
    def class_for(status: int) -> type[APIStatusError]:
        """Return the class of the error an answer with ``status`` raises.

        The leaf that pins ``status`` (400, 401, 403, 404, 409, 422, 429),
        :class:`InternalServerError` for any other 5xx, :class:`APIStatusError` otherwise.
        """
        leaf = _LEAVES_BY_STATUS.get(status)
        if leaf is not None:
            return leaf
        return InternalServerError if status >= 500 else APIStatusError


class BadRequestError(APIStatusError):
    """400: the service rejected the request's content."""

    status = 400


class AuthenticationError(APIStatusError):
    """401: missing or wrong username / secret key."""

    status = 401


class PermissionDeniedError(APIStatusError):
    """403: the credentials may not act on this app (check ``app_id``)."""

    status = 403


class NotFoundError(APIStatusError):
    """404: no such channel or session in this app."""

    status = 404


class ConflictError(APIStatusError):
    """409: refused in the resource's current state (deleting a channel that is live)."""

    status = 409


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but cannot be processed."""

    status = 422


class RateLimitError(APIStatusError):
    """429: rate limited. ``retry_after`` is the server's delay in seconds, when it gave one."""

    status = 429

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """5xx: the service failed (``status`` is the one it sent; 500 when built without one)."""

    status = 500


# Read from the tree, so a new leaf is dispatched to as soon as it is declared above.
# InternalServerError stands for every 5xx, not only its pinned 500.
_LEAVES_BY_STATUS: dict[int, type[APIStatusError]] = {
    leaf.status: leaf for leaf in APIStatusError.__subclasses__() if leaf is not InternalServerError
}


class BulkItemCancelledError(SigmaError):
    """The ``error`` of an item that did not run to the end because the bulk call was cancelled.

    ``started`` tells the two cases apart: True when a request may have reached the server
    (state ``OutcomeState.CANCELLED``), False when nothing was sent (``NOT_STARTED``).
    """

    def __init__(self, *, started: bool) -> None:
        message = (
            "cancelled while running; the server may or may not have applied it"
            if started
            else "not started: the bulk call ended before this item's turn"
        )
        super().__init__(message)
        self.started = started


def describe_reason(error: BaseException) -> str:
    """Describe ``error`` as ``Type: reason (where)``, the reason first.

    A line cut short then still shows the server's message; the status, method, URL follow.
    """
    if isinstance(error, APIStatusError):
        where = f"{error.status} {error.method} {error.url}"
        return f"{type(error).__name__}: {error.message} ({where})"
    if isinstance(error, APIConnectionError):
        return f"{type(error).__name__}: {error.message} ({error.method} {error.url})"
    return f"{type(error).__name__}: {error}"


class BulkError(SigmaError):
    """Some items of a bulk call did not succeed. ``failures`` lists every one of them.

    ``result`` is the whole :class:`~sigma_async.BulkResult`, successes included. Each line of
    the message gives an item's reason first (the server's message), then where it went.
    """

    def __init__(self, result: Any) -> None:
        self.result = result
        """The whole :class:`~sigma_async.BulkResult`."""
        self.failures: list[Any] = [
            outcome
            for outcome in result
            if outcome.error is not None and outcome.state != "duplicate"
        ]
        """The :class:`~sigma_async.BulkOutcome` of every item that did not succeed."""
        lines = [
            f"[{outcome.index}] {outcome.label}: {outcome.state}: {describe_reason(outcome.error)}"
            for outcome in self.failures
        ]
        header = f"{len(self.failures)} of {len(result)} bulk item(s) did not succeed"
        super().__init__("\n  ".join([header + ":", *lines]))

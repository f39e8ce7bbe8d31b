"""The retry policy: which failures are retried, and how long to wait before each retry.

| failure                                        | GET, PATCH, DELETE | create (POST) |
|------------------------------------------------|--------------------|---------------|
| connect error, connect or pool-wait timeout    | retried            | retried       |
| TLS failure (certificate, handshake)           | no                 | no            |
| dropped connection / truncated body after send | retried            | no            |
| read timeout (the request may have run)        | retried            | no            |
| 429                                            | retried            | retried       |
| 408, 500, 502, 503, 504                        | retried            | no            |
| any other status; a bad or too-large body      | no                 | no            |

A create is retried only when the server provably did not run it (429, or nothing was sent),
so a channel can never be created twice by the SDK. The waits are exponential backoff with
full jitter (``backoff``'s ``full_jitter``), or the server's ``Retry-After``.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import attrs
import backoff

from ._http.sansio import parse_retry_after
from .errors import APIConnectionError, APIStatusError, APITLSError, RateLimitError

__all__ = ["RETRYABLE_STATUSES", "RetryPolicy", "delays", "is_retryable"]

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@attrs.frozen
class RetryPolicy:
    """How long to wait between attempts.

    ``base_delay * 2**n`` capped at ``max_delay``, with full jitter (a uniform draw from zero to
    that bound); a server's ``Retry-After`` replaces the draw, capped at ``max_retry_after``.
    """

    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0


def is_retryable(error: BaseException, *, idempotent: bool) -> bool:
    """Whether ``error`` may be retried, by the table in this module's docstring."""
    if isinstance(error, APIStatusError):
        return error.status in RETRYABLE_STATUSES if idempotent else error.status == 429
    if isinstance(error, APITLSError):
        return False
    if isinstance(error, APIConnectionError):
        return idempotent or not error.request_sent
    return False


def _retry_after(error: BaseException) -> float | None:
    if isinstance(error, RateLimitError):
        return error.retry_after
    if isinstance(error, APIStatusError):  # 503 may carry Retry-After as well
        return parse_retry_after(error.headers.get("Retry-After"))
    return None


def delays(policy: RetryPolicy) -> Generator[float, Any, None]:
    """Yield the wait before each retry; send in the exception that caused it.

    The first value (``next()``) primes the generator and is discarded, the protocol of
    ``backoff``'s wait generators.
    """
    error = yield 0.0
    attempt = 0
    while True:
        server_delay = _retry_after(error)
        if server_delay is not None:
            delay = min(server_delay, policy.max_retry_after)
        else:
            delay = backoff.full_jitter(min(policy.max_delay, policy.base_delay * 2**attempt))
        attempt += 1
        error = yield delay

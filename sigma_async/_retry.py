"""The retry policy: which failures are retried, and how long to wait (with ``backoff``).

| failure                                        | GET, PATCH, DELETE | create (POST) |
|------------------------------------------------|--------------------|---------------|
| connect error or connect timeout (never sent)  | retried            | retried       |
| TLS failure (certificate, handshake)           | no                 | no            |
| dropped connection / truncated body after send | retried            | no            |
| read timeout (the request may have run)        | retried            | no            |
| 429                                            | retried            | retried       |
| 408, 500, 502, 503, 504                        | retried            | no            |
| any other status; a bad or too-large body      | no                 | no            |

A create is retried only when the server provably did not run it (429, or nothing was sent),
so a channel can never be created twice by the SDK.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Generator
from typing import Any, TypeVar

import attrs
import backoff
from backoff.types import Details

from ._http.sansio import parse_retry_after
from .errors import APIConnectionError, APIStatusError, APITLSError, RateLimitError, SigmaError

__all__ = ["RETRYABLE_STATUSES", "RetryPolicy", "delays", "is_retryable", "retrying"]

R = TypeVar("R")

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
        value = next((v for k, v in error.headers.items() if k.lower() == "retry-after"), None)
        return parse_retry_after(value)
    return None


def delays(policy: RetryPolicy) -> Generator[float, Any, None]:
    """Yield the wait before each retry; ``backoff`` sends in the exception that caused it."""
    error = yield 0.0  # backoff primes the generator; this first value is discarded
    attempt = 0
    while True:
        server_delay = _retry_after(error)
        if server_delay is not None:
            delay = min(server_delay, policy.max_retry_after)
        else:
            delay = random.uniform(0, min(policy.max_delay, policy.base_delay * 2**attempt))
        attempt += 1
        error = yield delay


def retrying(
    attempt: Callable[..., Awaitable[R]],
    *,
    policy: RetryPolicy,
    max_tries: int,
    idempotent: bool,
    on_backoff: Callable[[Details], None],
) -> Callable[..., Awaitable[R]]:
    """Wrap ``attempt`` so that retryable :class:`SigmaError` failures run it again."""
    return backoff.on_exception(
        delays,
        SigmaError,
        max_tries=max_tries,
        jitter=None,  # delays() applies full jitter itself, and must not jitter Retry-After
        giveup=lambda error: not is_retryable(error, idempotent=idempotent),
        on_backoff=on_backoff,
        logger=None,  # the client logs each attempt itself, without backoff's argument dumps
        policy=policy,
    )(attempt)

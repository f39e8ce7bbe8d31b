"""An optional request-rate limit per app, answering the way NestJS's throttler does.

Sigma documents no rate limit (api-facts.md, "Quotas"); if the service has one, it is most likely
``@nestjs/throttler``'s. So a refused request gets 429 with the body
``{"statusCode": 429, "message": "ThrottlerException: Too Many Requests"}`` and ``Retry-After``
in whole seconds (switchable off: some gateways send none), and every admitted request's
response carries ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and ``X-RateLimit-Reset``
(whole seconds). What is counted is a token bucket per app: ``rate`` tokens per second up to
``burst``; each request takes one. Time is the real monotonic clock whatever the emulator's clock
(a rate limit is about how fast real requests arrive), like the latency faults.

The check runs after authentication (requests that fail it are never counted) and before the
handler (a refused request has no side effect). Counters live in ``emulator.stats``
(``rate_admitted``, ``rate_refused``, by operation) and in ``GET /_emulator/ratelimit``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import attrs
from aiohttp import web
from aiohttp.typedefs import Middleware

from ..operations import API_PREFIX
from ._handlers import APP_STATE, RUNTIME, Handler
from ._wire import ApiError, json_response

__all__ = [
    "RATE_LIMITER",
    "THROTTLED_MESSAGE",
    "AppRateLimiter",
    "TokenBucket",
    "add_rate_limit_routes",
]


THROTTLED_MESSAGE = "ThrottlerException: Too Many Requests"
"""The message of the throttler's 429 body."""


@attrs.define
class TokenBucket:
    """``rate`` tokens per second, at most ``burst`` held; starts full."""

    rate: float
    burst: int
    tokens: float = attrs.field(init=False)
    updated: float = attrs.field(init=False, default=0.0)

    def __attrs_post_init__(self) -> None:
        self.tokens = float(self.burst)

    def take(self, now: float) -> bool:
        """Take a token if one is there (refilling first); returns whether one was taken."""
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(float(self.burst), self.tokens + elapsed * self.rate)
        self.updated = now
        if self.tokens < 1.0:
            return False
        self.tokens -= 1.0
        return True

    def admitted_headers(self) -> dict[str, str]:
        """Return the throttler's headers for an admitted response (its token already taken)."""
        until_full = (self.burst - self.tokens) / self.rate
        return {
            "X-RateLimit-Limit": str(self.burst),
            "X-RateLimit-Remaining": str(math.floor(self.tokens)),
            "X-RateLimit-Reset": str(math.ceil(until_full)),
        }

    def retry_after(self) -> int:
        """Whole seconds until a token is there again (at least 1, as the throttler rounds up)."""
        return max(1, math.ceil((1.0 - self.tokens) / self.rate))


class AppRateLimiter:
    """The emulator's rate limit: one :class:`TokenBucket` per app, created on first use.

    ``burst`` defaults to a second's worth of ``rate``.
    """

    def __init__(
        self,
        rate: float,
        burst: int | None = None,
        *,
        retry_after: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not rate > 0:
            raise ValueError(f"rate_limit must be a positive number per second, got {rate!r}")
        if not math.isfinite(rate):
            raise ValueError(f"rate_limit must be finite, got {rate!r}")
        if burst is None:
            burst = max(1, round(rate))  # a second's worth
        if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
            raise ValueError(f"burst must be an int >= 1, got {burst!r}")
        self.rate = float(rate)
        self.burst = burst
        self.retry_after = retry_after
        """Whether a 429 carries ``Retry-After``."""
        self.enabled = True
        """Set False to let every request through uncounted (to set a scene up quickly)."""
        self._clock = clock
        self._buckets: dict[str, TokenBucket] = {}

    def reset(self) -> None:
        """Refill every app's bucket (each starts full again on its next request)."""
        self._buckets.clear()

    def bucket(self, app_id: str) -> TokenBucket:
        """Return the bucket of one app."""
        found = self._buckets.get(app_id)
        if found is None:
            found = self._buckets[app_id] = TokenBucket(self.rate, self.burst)
            found.updated = self._clock()
        return found

    def admit(self, app_id: str) -> dict[str, str] | web.Response:
        """Count one request of ``app_id``: the headers to add, or the throttler's 429 response.

        A ``ThrottlerException`` is an ``HttpException`` built from a string, so its body has
        ``statusCode`` and ``message`` only (no ``error`` key, unlike NestJS's built-in ones).
        """
        bucket = self.bucket(app_id)
        if bucket.take(self._clock()):
            return bucket.admitted_headers()
        headers = {"Retry-After": str(bucket.retry_after())} if self.retry_after else {}
        body = {"statusCode": 429, "message": THROTTLED_MESSAGE}
        return json_response(body, status=429, headers=headers)

    def middleware(self, operation_of: Callable[[web.Request], str | None]) -> Middleware:
        """Return the aiohttp middleware that admits or refuses, to run after authentication.

        ``operation_of`` names a request's operation (for the counters), or None for a route
        that is no operation (the API document): that one is never limited.
        """

        @web.middleware
        async def rate_limit_middleware(
            request: web.Request, handler: Handler
        ) -> web.StreamResponse:
            if (
                not self.enabled
                or request.match_info.http_exception is not None
                or APP_STATE not in request
                or not request.path.startswith(API_PREFIX)  # the control API is never limited
            ):
                return await handler(request)
            operation = operation_of(request)
            if operation is None:
                return await handler(request)
            stats = request.app[RUNTIME].stats
            headers = self.admit(request[APP_STATE].app_id)
            if isinstance(headers, web.Response):
                stats.rate_refused[operation] += 1
                return headers
            stats.rate_admitted[operation] += 1
            try:
                response = await handler(request)
            except ApiError as exc:
                # The throttler sets its headers before the handler runs: errors carry them too.
                exc.headers = {**headers, **exc.headers}
                raise
            response.headers.update(headers)
            return response

        return rate_limit_middleware


RATE_LIMITER = web.AppKey("sigma_rate_limiter", AppRateLimiter)


def add_rate_limit_routes(app: web.Application, prefix: str) -> None:
    """Register ``GET {prefix}/ratelimit`` (the control API's view of the counters)."""
    app.router.add_get(prefix + "/ratelimit", _rate_limit_report)


async def _rate_limit_report(request: web.Request) -> web.StreamResponse:
    """``GET /_emulator/ratelimit``: the limit, and admitted and refused counts by operation."""
    stats = request.app[RUNTIME].stats
    limiter = request.app.get(RATE_LIMITER)
    return json_response(
        {
            "rateLimit": None if limiter is None else limiter.rate,
            "burst": None if limiter is None else limiter.burst,
            "admitted": sum(stats.rate_admitted.values()),
            "refused": sum(stats.rate_refused.values()),
            "admittedByOperation": dict(stats.rate_admitted),
            "refusedByOperation": dict(stats.rate_refused),
        }
    )

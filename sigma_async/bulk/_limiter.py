"""A smooth requests-per-second limiter for bulk calls, built on ``aiolimiter``."""

from __future__ import annotations

import math

from aiolimiter import AsyncLimiter

from ..errors import SigmaValidationError

__all__ = ["smooth_limiter"]


def smooth_limiter(requests_per_second: float) -> AsyncLimiter:
    """Return a limiter that lets one acquisition through every ``1 / requests_per_second`` s.

    aiolimiter's leaky bucket holds ``max_rate`` tokens, so ``AsyncLimiter(rate, 1)`` would let
    ``rate`` requests through at once before pacing; a bucket of one token spaces every request
    evenly instead, which is what a service counting requests per short window wants.
    """
    if (
        isinstance(requests_per_second, bool)
        or not isinstance(requests_per_second, (int, float))
        or not math.isfinite(requests_per_second)
        or requests_per_second <= 0
    ):
        raise SigmaValidationError(
            f"rate_limit must be a positive number of requests per second, "
            f"got {requests_per_second!r}"
        )
    return AsyncLimiter(1, 1 / requests_per_second)

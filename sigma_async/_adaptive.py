"""``concurrency="auto"`` for bulk calls: a window of operations in flight that adapts, AIMD.

The window starts small (:data:`AUTO_START`) and grows while operations succeed: by one per
success at first (slow start, as TCP does), by about one per window's worth of successes once
the service has pushed back. When the service pushes back (a 429 or a 503 met by the client
during an operation, or an operation failing with one), the window halves, at most once per
window's worth of completions, so that one burst of refusals counts as one signal. It never
exceeds the ceiling (:data:`AUTO_CEILING` unless given) nor drops below one.

The window only bounds how many operations are in flight; the client's rate-limit gate
(:mod:`sigma_async._gate`) paces the requests themselves. Together: the window keeps a bulk
call from opening with a burst the service refuses, the gate holds the pace under its budget.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable

from .errors import APIStatusError

__all__ = ["AUTO_CEILING", "AUTO_START", "AdaptiveWindow", "is_pushback"]

AUTO_START = 4
"""Operations in flight when a ``concurrency="auto"`` bulk call begins."""
AUTO_CEILING = 64
"""The most operations ``concurrency="auto"`` lets run at once."""

_PUSHBACK_STATUSES = frozenset({429, 503})


def is_pushback(error: BaseException | None) -> bool:
    """Whether an operation's error is the service asking to slow down (429 or 503)."""
    return isinstance(error, APIStatusError) and error.status in _PUSHBACK_STATUSES


class AdaptiveWindow:
    """How many operations may be in flight now; ``acquire`` before one, ``release`` after.

    ``pushbacks`` returns a running count of 429/503 responses (the client's
    :class:`~sigma_async.Traffic`): an operation during which it grew counts as pushed back.
    """

    def __init__(
        self,
        *,
        ceiling: int = AUTO_CEILING,
        start: int = AUTO_START,
        pushbacks: Callable[[], int] | None = None,
    ) -> None:
        self.ceiling = ceiling
        self.limit = float(min(start, ceiling))
        """The current window (a float: congestion avoidance grows it by fractions)."""
        self.peak = int(self.limit)
        """The widest the window has been."""
        self.decreases = 0
        """How many times the window was halved."""
        self._threshold = float(ceiling)
        self._pushbacks = pushbacks
        self._in_flight = 0
        self._completed = 0
        self._quiet_until = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    def __repr__(self) -> str:
        return f"AdaptiveWindow(limit={self.limit:.1f}, in_flight={self._in_flight})"

    def pushback_mark(self) -> int:
        """Return the pushback count now, to pass back to :meth:`release`."""
        return 0 if self._pushbacks is None else self._pushbacks()

    async def acquire(self) -> None:
        """Wait until one more operation may start."""
        while self._in_flight >= int(self.limit):
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled():
                    self._wake()  # pass the wake-up on: this waiter will not use it
                raise
        self._in_flight += 1

    def abandon(self) -> None:
        """Give back an acquired place unused (there was nothing left to run)."""
        self._in_flight -= 1
        self._wake()

    def release(self, *, mark: int, error: BaseException | None) -> None:
        """One operation ended; ``mark`` is :meth:`pushback_mark` from when it started."""
        self._in_flight -= 1
        self._completed += 1
        pushed_back = is_pushback(error) or self.pushback_mark() > mark
        if pushed_back:
            if self._completed >= self._quiet_until:
                # Multiplicative decrease, once per window's worth of completions.
                self.limit = max(1.0, self.limit / 2)
                self._threshold = self.limit
                self._quiet_until = self._completed + int(self.limit) + self._in_flight
                self.decreases += 1
        elif error is None:
            grow = 1.0 if self.limit < self._threshold else 1.0 / self.limit
            self.limit = min(float(self.ceiling), self.limit + grow)
            self.peak = max(self.peak, int(self.limit))
        self._wake()

    def _wake(self) -> None:
        free = int(self.limit) - self._in_flight
        while free > 0 and self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                free -= 1

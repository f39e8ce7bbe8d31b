"""The client-wide rate-limit gate: one 429 holds back every new attempt of the client.

Without it, each call retries its own 429 on its own schedule: 200 tasks that meet the service's
limit each learn the same ``Retry-After`` separately, and keep knocking, spending the app's budget
on refusals. With it (the default, ``SigmaClient(rate_limit_gate=True)``), every attempt of the
client first passes :meth:`RateLimiter.acquire`:

- after a 429, no new attempt starts until its ``Retry-After`` has passed (without one: the
  retry policy's backoff, doubling while 429s follow one another);
- then waiting attempts are let through one at a time at a *pace* (requests per second), not all
  at once, so the end of a hold is not a thundering herd that earns the next 429;
- the pace adapts: while the service's ``X-RateLimit-Limit`` / ``X-RateLimit-Remaining``
  headers are present (NestJS's throttler sends them on every admitted response), the gate
  estimates the rate at which the service refills its budget and paces at it, steering
  ``Remaining`` to about 60 % of ``Limit``; it starts pacing *before* being refused, as soon as
  ``Remaining`` falls below three quarters of ``Limit``. Without those headers it paces
  at twice the rate that got through lately, growing 25 % per second, and only while attempts wait
  (a hold's backlog): once nobody waits the gate steps aside until the next 429.

The gate learns one budget per client. NestJS's throttler keeps one per route handler (so
``start`` and ``get`` have separate ones); a client mixing routes at the limit paces by readings
from several budgets, which still holds and paces, but less exactly than over one route.

``SigmaClient(rate_limit_gate=False)`` restores per-call behaviour (each call still retries its
own 429 after ``Retry-After``).

**Sharing one app's budget between processes.** The gate only needs the three methods of
:class:`RateLimiter`, so ``SigmaClient(rate_limit_gate=my_limiter)`` takes any object with them.
Worker processes that share an app can pass a limiter whose ``acquire`` takes a token from a
shared store (a Redis token bucket, say, refilled at the app's budget) and whose
``on_rate_limited`` records the hold there (``SET hold_until``, which every ``acquire`` checks),
so one worker's 429 holds them all. Keep ``on_response`` and ``on_rate_limited`` non-blocking
(they run inside the request path); do the I/O in ``acquire``. This package ships only the
in-process :class:`RateLimitGate`.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable

import attrs
from multidict import CIMultiDict, CIMultiDictProxy

from ._http.sansio import parse_retry_after

__all__ = ["RateLimitGate", "RateLimiter", "Traffic", "observe_response"]

_CASE_INSENSITIVE = (CIMultiDictProxy, CIMultiDict)
"""Header mappings whose lookups ignore case (aiohttp's)."""

_MIN_PACE = 0.5
"""Requests per second the gate never paces below (a hold, not the pace, is for stopping)."""
_UNPACED_ABOVE = 10_000.0
"""A pace this fast is no pacing: the gate steps out of the request path again."""
_WINDOW = 2.0
"""Seconds of ``Remaining`` samples the refill estimate looks back over, at most."""
_MIN_SPAN = 0.1
"""Seconds of samples (and ``_MIN_REFILLED`` tokens refilled) before the estimate is trusted."""
_MIN_REFILLED = 8
_PROBE_STEP = 0.03
"""Seconds between two 50 % steps up of the pace while the budget stays full."""
_BLIND_WINDOW = 2.0
"""Seconds of admitted responses a hold's backlog is paced by, without headers."""
_BLIND_HEADROOM = 2.0
"""Without headers, a hold's backlog drains at this multiple of the recent admitted rate:
smooth, yet not a new bottleneck when the 429 was a gateway's hiccup rather than a limit."""
_BLIND_GROWTH = 0.25
"""Without headers, the pace grows this share per second while it binds."""
_CATCH_UP = 4
"""Release slots a late timer may catch up at once (a bounded burst, never a herd)."""
_SETTLE = 0.25
"""Seconds a new pace is given before a 429 counts against it (earlier ones were sent before)."""
_ENGAGE = 0.75
"""Unpaced, the gate starts pacing once ``Remaining`` falls below this share of ``Limit``."""
_TARGET = 0.6
"""The share of ``Limit`` the gate steers ``Remaining`` to: room for a burst, and for error."""
_GAIN = 0.3
"""How hard the pace leans on ``Remaining``'s distance from the target (0.3: +-12 % at most)."""


@runtime_checkable
class RateLimiter(Protocol):
    """What :class:`~sigma_async.SigmaClient` asks of a limiter (``rate_limit_gate=``).

    ``acquire`` is awaited before every attempt (retries included) and may wait as long as it
    likes; ``on_response`` is told every response that was not a 429; ``on_rate_limited`` every
    429, with the server's ``Retry-After`` in seconds (capped by the client's
    ``max_retry_after``), or None when it gave none.
    """

    async def acquire(self) -> None:
        """Wait until one more attempt may start."""

    def on_response(self, status: int, headers: Mapping[str, str]) -> None:
        """Learn from a response the service admitted (any status but 429)."""

    def on_rate_limited(self, delay: float | None) -> None:
        """Hold back new attempts after a 429 (``delay``: the server's ``Retry-After``)."""


@attrs.define
class Traffic:
    """What one client sent and met, counted by the client (``client.traffic``)."""

    attempts: int = 0
    """HTTP attempts that got a response or failed (retries included)."""
    rate_limited: int = 0
    """429 responses."""
    overloaded: int = 0
    """503 responses."""

    @property
    def pushbacks(self) -> int:
        """429 and 503 responses: the service asking to slow down."""
        return self.rate_limited + self.overloaded


def observe_response(
    limiter: RateLimiter | None,
    traffic: Traffic,
    status: int,
    headers: Mapping[str, str],
    max_retry_after: float,
) -> None:
    """Count one response and tell the limiter about it (the client calls this per response).

    Every argument may be passed by position: the client does, once a response, as a call
    with keywords takes CPython's slower call path.
    """
    if status == 429:
        traffic.rate_limited += 1
        if limiter is not None:
            delay = parse_retry_after(_header(headers, "Retry-After"))
            limiter.on_rate_limited(None if delay is None else min(delay, max_retry_after))
        return
    if status == 503:
        traffic.overloaded += 1
    if limiter is not None:
        limiter.on_response(status, headers)


class RateLimitGate:
    """The in-process :class:`RateLimiter`: one per client, shared by all its tasks.

    ``base_delay`` and ``max_delay`` make the hold after a 429 without ``Retry-After``:
    ``base_delay * 2**n`` for the n-th such 429 in a row, at most ``max_delay`` (the client
    passes its retry policy's). ``clock`` (monotonic seconds) is for tests.
    """

    def __init__(
        self,
        *,
        base_delay: float = 0.5,
        max_delay: float = 8.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._clock = clock
        self._hold_until = -math.inf
        self._pace: float | None = None
        self._next_release = -math.inf
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._releaser: asyncio.Task[None] | None = None
        self._streak = 0
        self._refill = _RefillEstimate()
        self._known_rate: float | None = None
        self._grown_at = -math.inf
        self._last_remaining = -1
        self._paced_at = -math.inf
        # Admitted responses counted in windows of _BLIND_WINDOW (O(1) per response).
        self._window_start = -math.inf
        self._window_count = 0
        self._last_window_rate: float | None = None

    def __repr__(self) -> str:
        pace = "unpaced" if self._pace is None else f"{self._pace:.1f}/s"
        return f"RateLimitGate({pace}, waiting={len(self._waiters)})"

    @property
    def pace(self) -> float | None:
        """Attempts let through per second, or None while the gate lets everything through."""
        return self._pace

    @property
    def holding(self) -> bool:
        """Whether a 429's hold is in force now."""
        return self._clock() < self._hold_until

    # The request path ---------------------------------------------------------------------

    def admits_now(self) -> bool:
        """Whether an attempt may start at once: unpaced, not holding, nobody waiting.

        Then :meth:`acquire` returns without waiting; the client asks this first, so the common
        case runs no coroutine (an ``acquire`` overridden in a subclass is always awaited).
        """
        return self._pace is None and not self._waiters and self._clock() >= self._hold_until

    async def acquire(self) -> None:
        """Wait for this attempt's turn: at once while unpaced and not holding."""
        if self.admits_now():
            return
        loop = asyncio.get_running_loop()
        if self._releaser is not None and self._releaser.get_loop() is not loop:
            # The client moved to another event loop (a new asyncio.run): what waited on the
            # old one can never be released, and must not be.
            self._waiters.clear()
            self._releaser = None
        turn: asyncio.Future[None] = loop.create_future()
        self._waiters.append(turn)
        if self._releaser is None or self._releaser.done():
            self._releaser = loop.create_task(self._release())
        try:
            await turn
        except asyncio.CancelledError:
            if not any(not waiter.done() for waiter in self._waiters) and self._releaser:
                self._releaser.cancel()  # nobody left to release: do not sleep on for nothing
            raise

    async def _release(self) -> None:
        # One task lets waiters through in order, one per 1/pace seconds after any hold. It
        # reads the pace afresh for every waiter, so a pace learned meanwhile applies at once.
        while self._waiters:
            now = self._clock()
            interval = 0.0 if self._pace is None else 1.0 / self._pace
            due = max(self._hold_until, self._next_release)
            if due > now:
                await asyncio.sleep(due - now)
                continue
            turn = self._waiters.popleft()
            if turn.done():  # its attempt was cancelled while waiting
                continue
            turn.set_result(None)
            # Keep the long-run pace exact although timers fire late (a busy loop wakes us a few
            # slots late: those slots are caught up), but never bank more than a few slots.
            self._next_release = max(due, now - _CATCH_UP * interval) + interval

    def on_rate_limited(self, delay: float | None) -> None:
        """Hold every new attempt for ``delay`` seconds (or the backoff), then release smoothly."""
        now = self._clock()
        if delay is None:
            delay = min(self._max_delay, self._base_delay * 2**self._streak)
            self._streak += 1
        new_episode = now >= self._hold_until
        self._hold_until = max(self._hold_until, now + delay)
        if self._pace is None:
            self._pace = self._first_pace(now)
            self._paced_at = now
        elif new_episode and now - self._paced_at >= _SETTLE:
            # A 429 although paced: the pace (or the estimate it came from) was too fast.
            if self._known_rate is not None:
                self._known_rate *= 0.75
                self._pace = min(self._pace, self._known_rate)
            else:
                # Blind: pace the backlog at what got through lately (no halving: sporadic
                # 429s from a gateway must not ratchet the pace down to nothing).
                recent = self._admitted_rate(now)
                self._pace = max(_MIN_PACE, _BLIND_HEADROOM * recent if recent else self._pace)

    def on_response(self, status: int, headers: Mapping[str, str]) -> None:
        """Learn the service's budget from an admitted response's ``X-RateLimit-*`` headers."""
        now = self._clock()
        self._streak = 0
        # The common case (no budget headers) costs one lookup and calls no method of its own.
        if not isinstance(headers, _CASE_INSENSITIVE) or "X-RateLimit-Remaining" in headers:
            limit = _int_header(headers, "X-RateLimit-Limit")
            remaining = _int_header(headers, "X-RateLimit-Remaining")
            if limit is not None and remaining is not None and limit >= 1:
                self._on_budget(now, headers, limit, remaining)
                return
        # No X-RateLimit-* headers: remember the admitted rate (what a hold's backlog is let
        # through at). The pace only lasts while it binds: once nobody waits, step aside.
        if now - self._window_start >= _BLIND_WINDOW:
            if self._window_count:
                self._last_window_rate = self._window_count / (now - self._window_start)
            self._window_start, self._window_count = now, 0
        self._window_count += 1
        if self._pace is None:
            return
        if not self._waiters and now >= self._hold_until:
            self._pace = None
            return
        elapsed = min(now - self._grown_at, 1.0)
        if elapsed > 0:
            self._pace *= 1 + _BLIND_GROWTH * elapsed  # probe upward, slowly
        self._grown_at = now

    def _on_budget(
        self, now: float, headers: Mapping[str, str], limit: int, remaining: int
    ) -> None:
        # The response said its budget (X-RateLimit-Limit, -Remaining): pace by its refill.
        self._refill.add(now, remaining, limit)
        # Full twice running: a single full reading is also what the end of a hold looks like.
        full = remaining >= limit - 1 and self._last_remaining >= limit - 1
        self._last_remaining = remaining
        if self._pace is None:
            if remaining < limit * _ENGAGE:  # budget going: start pacing before a refusal
                reset = _int_header(headers, "X-RateLimit-Reset") or 1
                self._pace = max(_MIN_PACE, limit / max(reset, 1))
                self._paced_at = now
            return
        estimate = self._refill.rate(now)
        if estimate is not None:
            self._known_rate = estimate
        elif full and now - self._grown_at >= _PROBE_STEP:
            # The budget stays full: it refills at least as fast as we spend it. Probe faster, a
            # step per interval (per response would overshoot before Remaining shows it).
            self._known_rate = max(self._known_rate or 0.0, self._pace) * 1.5
            self._grown_at = now
        if self._known_rate is not None:
            # Pace at the refill rate, leaning on how far Remaining is from the target level.
            lean = 1 + _GAIN * (remaining / limit - _TARGET)
            self._pace = max(_MIN_PACE, self._known_rate * lean)
        if self._pace > _UNPACED_ABOVE:
            self._pace = self._known_rate = None  # no limit in sight: measure afresh next time

    def _admitted_rate(self, now: float) -> float | None:
        """Admitted responses per second lately (None: too little history to say)."""
        span = now - self._window_start
        if self._window_count >= 2 and span >= _BLIND_WINDOW / 20:
            return self._window_count / span
        return self._last_window_rate

    def _first_pace(self, now: float) -> float:
        if self._known_rate is not None:
            return self._known_rate
        limit = self._refill.limit
        if limit is not None:
            return max(_MIN_PACE, float(limit))  # Limit per second until the refill is measured
        # Blind: what got through lately (a short history is measured over its own span).
        recent = self._admitted_rate(now) or float(self._window_count)
        return max(_MIN_PACE, _BLIND_HEADROOM * recent)


class _RefillEstimate:
    """The rate at which the service refills its budget, from ``Remaining`` over time.

    Between two admitted responses, ``Remaining`` changes by what refilled minus what was
    taken: ``refill = (remaining_now - remaining_then + admitted_between) / seconds``. That holds
    only while the budget is not full (a full bucket drops what refills), so a full reading
    restarts the window. ``Remaining`` is whole tokens: the error is a token over the window's
    span, so the estimate firms up as the window grows (to ``_WINDOW``).
    """

    def __init__(self) -> None:
        self.limit: int | None = None
        self._admitted = 0
        self._samples: deque[tuple[float, int, int]] = deque()

    def add(self, now: float, remaining: int, limit: int) -> None:
        self.limit = limit
        self._admitted += 1
        if remaining >= limit - 1:
            self._samples.clear()
        self._samples.append((now, remaining, self._admitted))
        while len(self._samples) > 2 and now - self._samples[0][0] > _WINDOW:
            self._samples.popleft()

    def rate(self, now: float) -> float | None:
        if len(self._samples) < 2:
            return None
        then, remaining_then, admitted_then = self._samples[0]
        _, remaining_now, admitted_now = self._samples[-1]
        span = now - then
        refilled = remaining_now - remaining_then + admitted_now - admitted_then
        # Whole tokens: one token of error in `refilled` is what bounds the estimate's error.
        if span < _MIN_SPAN or refilled < _MIN_REFILLED:
            return None
        return refilled / span


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None and not isinstance(headers, _CASE_INSENSITIVE):
        # A plain mapping is case-sensitive; aiohttp's headers are not.
        lowered = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lowered), None)
    return value


def _int_header(headers: Mapping[str, str], name: str) -> int | None:
    value = _header(headers, name)
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None

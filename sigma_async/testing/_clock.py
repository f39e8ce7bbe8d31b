"""Virtual time for the emulator: a manual clock tests move, or real time sped up."""

from __future__ import annotations

import asyncio
import datetime as dt
import heapq
import itertools
import time
from collections.abc import Callable

__all__ = ["ManualClock", "RealClock", "Scheduler", "Timer"]

# Beyond this a timer can never fire in a test run, and datetime arithmetic would overflow.
_FAR_FUTURE_SECONDS = 10 * 365 * 24 * 3600


class ManualClock:
    """Time that only moves when the test says so."""

    def __init__(self, start: dt.datetime) -> None:
        self._now = start

    def now(self) -> dt.datetime:
        """Return the current virtual instant."""
        return self._now

    def move_to(self, moment: dt.datetime) -> None:
        """Set the current instant; time never moves backwards."""
        self._now = max(self._now, moment)


class RealClock:
    """Wall time from ``start``, running ``speed`` times faster than real time."""

    def __init__(self, start: dt.datetime, speed: float) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be positive, got {speed!r}")
        self._start = start
        self._origin = time.monotonic()
        self.speed = speed

    def now(self) -> dt.datetime:
        """Return the current (sped-up) instant."""
        elapsed = (time.monotonic() - self._origin) * self.speed
        return self._start + dt.timedelta(seconds=elapsed)


class Timer:
    """A scheduled callback; :meth:`cancel` keeps it from firing."""

    __slots__ = ("callback", "cancelled", "due")

    def __init__(self, due: dt.datetime, callback: Callable[[], None]) -> None:
        self.due = due
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        """Keep the timer from firing (a no-op once it fired)."""
        self.cancelled = True


class Scheduler:
    """Runs callbacks at virtual instants, driven by a manual or a real clock.

    With a :class:`ManualClock`, :meth:`advance` fires due timers in order, each at its own
    instant (so the timestamps they write are exact). With a :class:`RealClock`, timers are armed
    on the event loop given to :meth:`bind`.
    """

    def __init__(
        self,
        clock: ManualClock | RealClock,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.clock = clock
        self._on_error = on_error
        self._heap: list[tuple[dt.datetime, int, Timer]] = []
        self._seq = itertools.count()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._armed: asyncio.TimerHandle | None = None

    def now(self) -> dt.datetime:
        """Return the clock's current instant."""
        return self.clock.now()

    def bind(self, loop: asyncio.AbstractEventLoop | None) -> None:
        """Attach the loop real-clock timers run on (None detaches and disarms)."""
        self._disarm()
        self._loop = loop
        self._arm()

    def call_later(self, seconds: float, callback: Callable[[], None]) -> Timer | None:
        """Run ``callback`` after ``seconds`` of virtual time; None when it would never run."""
        if seconds >= _FAR_FUTURE_SECONDS:
            return None
        timer = Timer(self.now() + dt.timedelta(seconds=max(seconds, 0.0)), callback)
        heapq.heappush(self._heap, (timer.due, next(self._seq), timer))
        self._arm()
        return timer

    def advance(self, seconds: float) -> None:
        """Move a manual clock forward, firing every timer that falls due on the way."""
        if not isinstance(self.clock, ManualClock):
            raise RuntimeError("advance() needs the manual clock (SigmaEmulator(clock='manual'))")
        if seconds < 0:
            raise ValueError(f"time cannot move backwards (seconds={seconds!r})")
        target = self.clock.now() + dt.timedelta(seconds=seconds)
        while self._heap and self._heap[0][0] <= target:
            due, _, timer = heapq.heappop(self._heap)
            if timer.cancelled:
                continue
            self.clock.move_to(due)
            timer.cancelled = True
            timer.callback()
        self.clock.move_to(target)

    def close(self) -> None:
        """Drop every pending timer."""
        self._disarm()
        self._heap.clear()

    def _fire_due(self) -> None:
        self._armed = None
        now = self.now()
        while self._heap and self._heap[0][0] <= now:
            _, _, timer = heapq.heappop(self._heap)
            if timer.cancelled:
                continue
            timer.cancelled = True
            try:
                timer.callback()
            except Exception as exc:
                # A failing transition must not stop the timers behind it; the owner records it.
                if self._on_error is None:
                    raise
                self._on_error(exc)
        self._arm()

    def _arm(self) -> None:
        if self._loop is None or not isinstance(self.clock, RealClock):
            return
        while self._heap and self._heap[0][2].cancelled:
            heapq.heappop(self._heap)
        if not self._heap:
            return
        self._disarm()
        wait = (self._heap[0][0] - self.now()).total_seconds() / self.clock.speed
        self._armed = self._loop.call_later(max(wait, 0.0), self._fire_due)

    def _disarm(self) -> None:
        if self._armed is not None:
            self._armed.cancel()
            self._armed = None

"""Counting how many operations of a bulk call run at once (the tests of its bounds share it)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

ItemT = TypeVar("ItemT")
ValueT = TypeVar("ValueT")


class InFlight:
    """Wraps operations so that each call is counted while it runs; keeps the most at once."""

    def __init__(self) -> None:
        self.now = 0
        self.peak = 0

    def __call__(
        self, operation: Callable[[ItemT], Awaitable[ValueT]]
    ) -> Callable[[ItemT], Awaitable[ValueT]]:
        """Return ``operation`` counted: usable as a decorator."""

        async def counted(item: ItemT) -> ValueT:
            self.now += 1
            self.peak = max(self.peak, self.now)
            try:
                return await operation(item)
            finally:
                self.now -= 1

        return counted

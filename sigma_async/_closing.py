"""What leaving ``async with`` means for the SDK's long-lived objects: they are closed."""

from __future__ import annotations

from types import TracebackType

__all__ = ["ClosedOnExit"]


class ClosedOnExit:
    """Base of an object that ``async with`` closes on the way out, with or without an error.

    A subclass defines :meth:`close` (safe to call twice) and its own ``__aenter__``: entering
    means different things (the client checks it is still open, the emulator starts serving),
    leaving means the same.
    """

    async def close(self) -> None:
        """Release what the object holds; the subclass says what."""
        raise NotImplementedError

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

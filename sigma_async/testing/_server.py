"""Running the emulator as a standalone server (what ``python -m sigma_async.testing`` does)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from ._emulator import SigmaEmulator
from ._store import Credentials

__all__ = ["serve"]


async def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    speed: float = 1.0,
    seed: int | None = None,
    credentials: Credentials | None = None,
    ready: Callable[[SigmaEmulator], None] | None = None,
) -> None:
    """Serve an emulator on the real clock (sped up ``speed`` times) until cancelled.

    ``ready`` is called with the started emulator (to print its address, say). The host must be
    a loopback address.
    """
    emulator = SigmaEmulator(
        host=host,
        port=port,
        clock="real",
        speed=speed,
        seed=seed,
        credentials=credentials,
        access_log=True,
    )
    async with emulator:
        if ready is not None:
            ready(emulator)
        await asyncio.Event().wait()

"""Serving an emulator on the real clock until cancelled: the core of ``_launcher``."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from ._emulator import SigmaEmulator
from ._store import Credentials

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "serve"]

DEFAULT_HOST = "127.0.0.1"
"""Where a standalone emulator listens unless told otherwise."""
DEFAULT_PORT = 8000
"""The standalone emulator's port unless told otherwise (8080 is its fake media server's)."""


async def serve(
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
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

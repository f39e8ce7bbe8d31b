"""Serving an emulator until cancelled: the core of ``_launcher``."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Literal

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
    rate_limit: float | None = None,
    burst: int | None = None,
    retry_after: bool = True,
    max_live_channels: int | None = None,
    clock: Literal["manual", "real"] = "real",
    access_log: bool = True,
) -> None:
    """Serve an emulator on the real clock (sped up ``speed`` times) until cancelled.

    ``clock="manual"`` freezes time until the control API's ``/advance`` moves it;
    ``access_log=False`` logs no line per request (the launcher's ``--json``).

    ``ready`` is called with the started emulator (to print its address, say). The host must be
    a loopback address. ``rate_limit``, ``burst``, ``retry_after`` and ``max_live_channels`` are
    :class:`SigmaEmulator`'s (the per-app request rate limit and live-channel quota).
    """
    emulator = SigmaEmulator(
        host=host,
        port=port,
        clock=clock,
        speed=speed,
        seed=seed,
        credentials=credentials,
        access_log=access_log,
        rate_limit=rate_limit,
        burst=burst,
        retry_after=retry_after,
        max_live_channels=max_live_channels,
    )
    async with emulator:
        if ready is not None:
            ready(emulator)
        await asyncio.Event().wait()

"""Pytest fixtures for testing code that uses sigma-async against the emulator.

Registered as a ``pytest11`` plugin, so installing sigma-async is enough:

``sigma_emulator``
    A started :class:`~sigma_async.testing.SigmaEmulator` with the manual clock, closed after
    the test. Teardown fails the test if the emulator hit an internal error.
``sigma_emulator_options``
    The keyword arguments ``sigma_emulator`` is built with (none by default); override it in a
    ``conftest.py`` to seed the emulator or plug in a ``response_hook``.
``sigma_client``
    A :class:`~sigma_async.SigmaClient` pointed at ``sigma_emulator``, closed after the test.

Both are async fixtures: they need pytest-asyncio (either mode). This module imports nothing
heavy, so projects that do not use the fixtures pay nothing for them.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from sigma_async import SigmaClient
    from sigma_async.testing import SigmaEmulator

__all__ = ["sigma_client", "sigma_emulator", "sigma_emulator_options"]


def _async_fixture() -> Callable[[Any], Any]:
    # pytest-asyncio's strict mode only runs async fixtures declared through it; auto mode
    # takes either. Without pytest-asyncio the fixtures exist but cannot run.
    try:
        plugin: Any = importlib.import_module("pytest_asyncio")
    except ImportError:
        return pytest.fixture
    decorator: Callable[[Any], Any] = plugin.fixture
    return decorator


_fixture = _async_fixture()


@pytest.fixture
def sigma_emulator_options() -> dict[str, Any]:
    """Return the keyword arguments ``sigma_emulator`` passes to ``SigmaEmulator``."""
    return {}


@_fixture
async def sigma_emulator(sigma_emulator_options: dict[str, Any]) -> AsyncIterator[SigmaEmulator]:
    """Yield a started emulator (manual clock unless the options say otherwise)."""
    from sigma_async.testing import SigmaEmulator

    emulator = SigmaEmulator(**sigma_emulator_options)
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.close()
    if emulator.errors:
        pytest.fail(f"the Sigma emulator hit internal errors: {emulator.errors!r}")


@_fixture
async def sigma_client(sigma_emulator: SigmaEmulator) -> AsyncIterator[SigmaClient]:
    """Yield a client of ``sigma_emulator``'s default app, closed at teardown."""
    async with sigma_emulator.client() as client:
        yield client

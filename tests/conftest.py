"""Hypothesis profiles and the shared fixtures (loopback servers, ``emu``) of the whole suite.

- ``ci`` (what ``nox`` passes): derandomized, so CI tests the same examples on every run and
  machine, and a red CI always means a change, never a lucky draw.
- ``explore`` (``nox -s fuzz``): random seeds and many more examples, to find new failures;
  each one found becomes an ``@example`` so that ``ci`` keeps testing it.
- ``default`` (plain ``pytest``): Hypothesis' own default, random, 100 examples.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

from .harness import Loopback, RawServerFactory

if TYPE_CHECKING:
    from sigma_async.testing import SigmaEmulator

# Both: no per-example deadline (a garbage-collector pause is not a slow example), no example
# database (each run stands alone), and a reproduction blob printed with any failure.
COMMON = settings(
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", COMMON, max_examples=200, derandomize=True)
settings.register_profile("explore", COMMON, max_examples=5000)


@pytest.fixture
def emu(sigma_emulator: SigmaEmulator) -> SigmaEmulator:
    """The plugin's ``sigma_emulator`` under the suite's short name (seed it per module through
    ``sigma_emulator_options``); its teardown fails the test on an internal error."""
    return sigma_emulator


@pytest.fixture
async def loopback() -> AsyncIterator[Loopback]:
    """Start loopback servers (``tests/harness.py``); all closed at teardown."""
    servers = Loopback()
    yield servers
    await servers.aclose()


@pytest.fixture
def raw_server(loopback: Loopback) -> RawServerFactory:
    """Start plain TCP servers speaking hand-written HTTP, to misbehave in ways aiohttp won't."""
    return loopback.raw

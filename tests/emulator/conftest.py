"""Fixtures of the emulator tests: every response the emulator sends is checked against the spec."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from sigma_async.testing import SigmaEmulator

from .helpers import raw_session
from .spec_validator import SpecValidator, load_spec

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture
def spec_validator(spec: dict[str, Any]) -> SpecValidator:
    return SpecValidator(spec)


@pytest.fixture(autouse=True)
def _responses_match_the_spec(spec_validator: SpecValidator) -> Iterator[None]:
    """Every emulator a test builds through the fixtures here reports to this validator."""
    yield
    assert spec_validator.errors == []


@pytest.fixture
def make_emulator(spec_validator: SpecValidator) -> Callable[..., SigmaEmulator]:
    """Build (not start) an emulator whose responses are checked against the spec."""

    def make(**options: Any) -> SigmaEmulator:
        return SigmaEmulator(response_hook=spec_validator, **options)

    return make


@pytest.fixture
def sigma_emulator_options(spec_validator: SpecValidator) -> dict[str, Any]:
    return {"seed": 1, "response_hook": spec_validator}


@pytest.fixture
async def emu(
    sigma_emulator: SigmaEmulator, spec_validator: SpecValidator
) -> AsyncIterator[SigmaEmulator]:
    """The plugin's emulator; teardown insists every response it sent matched the spec."""
    yield sigma_emulator
    assert spec_validator.errors == []
    assert sigma_emulator.errors == []


@pytest.fixture
async def http(emu: SigmaEmulator) -> AsyncIterator[aiohttp.ClientSession]:
    """A raw client of the default app; paths are relative to ``/api/livestream/``."""
    async with raw_session(emu, emu.api_url) as session:
        yield session


def guide_sample(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))

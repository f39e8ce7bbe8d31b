"""The fault soak of issue 7: 2,000 mixed operations, 64 at a time, with 15% injected faults.

Run longer with ``SIGMA_SOAK_OPS=20000 nox -s tests -- -m slow tests/reliability`` (also
``SIGMA_SOAK_CONCURRENCY``, ``SIGMA_SOAK_FAULT_RATE``, ``SIGMA_SOAK_SEED``).
"""

from __future__ import annotations

import asyncio
import os

import pytest

from sigma_async import APITimeoutError, ChannelCreate, SigmaClient
from sigma_async.testing import SigmaEmulator

from .conftest import FAST
from .soak import SoakConfig, SoakReport, run_soak


def check(report: SoakReport, clients: list[SigmaClient]) -> None:
    print(report.summary())  # shown with -s or -rP: the numbers of the run
    # Every operation ended, in a value or a typed SigmaError.
    assert len(report.records) == report.config.ops
    assert report.unexpected == [], [repr(r.error) for r in report.unexpected[:5]]
    # Nothing lost, nothing ran twice, and the server's state is what the SDK reported.
    assert report.problems == []
    assert {name: n for name, n in report.created_names.items() if n > 1} == {}
    # The faults really happened: every kind fired, about as often as configured, and they
    # hit creates as well as the idempotent calls.
    assert all(count > 0 for count in report.faults.values()), report.faults
    share = sum(report.faults.values()) / report.requests
    assert report.config.fault_rate / 2 < share < report.config.fault_rate * 1.5
    assert report.faults_by_operation.get("createChannel", 0) > 0
    # Idempotent calls rode out the faults (retries): without them about 15% would fail.
    assert len(report.failed_idempotent) <= report.config.ops * 0.02
    # One client did it all, and gave every connection back.
    assert len(clients) == 1
    assert report.connections_in_use == 0


async def test_soak_2000_operations_with_15_percent_faults() -> None:
    clients: list[SigmaClient] = []
    config = SoakConfig(ops=2000, concurrency=64, fault_rate=0.15, seed=20240722)
    check(await run_soak(config, on_client=clients.append), clients)


def _long_soak_requested(config: pytest.Config) -> bool:
    return "SIGMA_SOAK_OPS" in os.environ or "slow" in (config.option.markexpr or "")


@pytest.mark.slow
async def test_soak_long(request: pytest.FixtureRequest) -> None:
    if not _long_soak_requested(request.config):
        pytest.skip("the long soak runs with -m slow or SIGMA_SOAK_OPS set")
    config = SoakConfig(
        ops=int(os.environ.get("SIGMA_SOAK_OPS", "20000")),
        concurrency=int(os.environ.get("SIGMA_SOAK_CONCURRENCY", "64")),
        fault_rate=float(os.environ.get("SIGMA_SOAK_FAULT_RATE", "0.15")),
        seed=int(os.environ.get("SIGMA_SOAK_SEED", "20240722")),
    )
    clients: list[SigmaClient] = []
    check(await run_soak(config, on_client=clients.append), clients)


async def test_emulator_does_not_record_a_departed_client_as_its_own_error() -> None:
    """Regression (found by the soak): the emulator counted a client that timed out and hung up
    before its body was read as an internal emulator error."""
    async with SigmaEmulator(seed=1) as emulator:
        emulator.faults.add("latency", operation="createChannel", delay=1.0, times=1)
        async with emulator.client(timeout=0.1, max_retries=0, **FAST) as client:
            with pytest.raises(APITimeoutError):
                await client.channels.create(ChannelCreate(name="gave-up"))
        await asyncio.sleep(1.2)  # the held request wakes up, and finds its client gone
        assert emulator.channels() == []  # nothing was created: the body never arrived
    assert emulator.errors == []

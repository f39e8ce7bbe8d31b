"""The doctor against the emulator: healthy, refused credentials, faults, skew, proxies, TLS."""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
import trustme

from sigma_async import ChannelCreate
from sigma_async.diagnostics import DoctorReport, run_doctor
from sigma_async.operations import OPERATIONS
from sigma_async.testing import SigmaEmulator

from ..reliability.relay import TcpRelay

READS = [op.operation_id for op in OPERATIONS.values() if op.method == "GET"]
NAMES = ["proxy", "dns", "tcp", "tls", "credentials", "first-byte", "clock"] + [
    f"read {op}" for op in READS
]


@pytest.fixture
async def emulator() -> AsyncIterator[SigmaEmulator]:
    """An emulator with one started channel and a live session, so every read has an id."""
    async with SigmaEmulator(seed=14) as emu:
        async with emu.client() as client:
            channel = await client.channels.create(ChannelCreate(name="doctor"))
            await client.channels.start(channel.id)
        emu.publish(channel.id, live=True)
        emu.stats.reset()
        yield emu
        assert emu.errors == []


async def _doctor(emu: SigmaEmulator, **overrides: Any) -> DoctorReport:
    creds = emu.credentials
    options: dict[str, Any] = {
        "username": creds.username,
        "secret_key": creds.secret_key,
        "app_id": creds.app_id,
        "base_url": emu.base_url,
        "environ": {},
    }
    options.update(overrides)
    return await run_doctor(**options)


def _statuses(report: DoctorReport) -> dict[str, str]:
    return {check.name: check.status for check in report.checks}


async def test_a_healthy_emulator_passes_every_check(emulator: SigmaEmulator) -> None:
    report = await _doctor(emulator)
    assert [check.name for check in report.checks] == NAMES
    assert report.ok
    assert report.exit_code == 0
    assert _statuses(report) == {name: "skip" if name == "tls" else "ok" for name in NAMES}
    for name in ("dns", "tcp", "first-byte"):
        assert report.check(name).elapsed_ms is not None


async def test_the_doctor_never_writes(emulator: SigmaEmulator) -> None:
    await _doctor(emulator)
    assert sum(emulator.stats.applied.values()) == 0
    assert set(emulator.stats.received) == set(READS)
    assert all(OPERATIONS[op].method == "GET" for op in emulator.stats.received)


async def test_a_wrong_secret_is_named_as_such(emulator: SigmaEmulator) -> None:
    report = await _doctor(emulator, secret_key="not-the-secret")
    assert report.failed == ("credentials",)
    assert "401" in report.check("credentials").detail
    assert "secret key" in report.check("credentials").detail
    assert all(_statuses(report)[f"read {op}"] == "skip" for op in READS)
    assert "not-the-secret" not in json.dumps(report.to_dict())


async def test_a_wrong_app_id_is_told_apart_from_a_wrong_secret(emulator: SigmaEmulator) -> None:
    report = await _doctor(emulator, app_id="00000000-0000-0000-0000-000000000000")
    assert report.failed == ("credentials",)
    detail = report.check("credentials").detail
    assert "403" in detail
    assert "app id" in detail


async def test_a_service_answering_503_fails_credentials_and_every_read(
    emulator: SigmaEmulator,
) -> None:
    emulator.faults.add("status", status=503)
    report = await _doctor(emulator)
    assert "503" in report.check("credentials").detail
    assert set(report.failed) == {
        "credentials",
        "read listChannels",
        "read listSessions",
        "read listEvents",
    }
    assert report.exit_code == 1


@pytest.mark.parametrize("operation", READS)
async def test_a_503_on_one_read_names_that_read(emulator: SigmaEmulator, operation: str) -> None:
    emulator.faults.add("status", status=503, operation=operation)
    report = await _doctor(emulator)
    assert f"read {operation}" in report.failed
    assert "HTTP 503" in report.check(f"read {operation}").detail
    if operation != READS[0]:
        assert report.failed == (f"read {operation}",)
        # The reads that needed an id from the failed list are skipped, not failed.
        dependants = [
            op
            for op in READS
            if OPERATIONS[op].path_params
            and OPERATIONS[op].resource == OPERATIONS[operation].resource
            and not OPERATIONS[operation].path_params
        ]
        assert all(_statuses(report)[f"read {op}"] == "skip" for op in dependants)


async def test_a_truncated_answer_is_a_failed_read(emulator: SigmaEmulator) -> None:
    emulator.faults.add("truncate", operation="getChannel")
    report = await _doctor(emulator)
    assert report.failed == ("read getChannel",)


@pytest.mark.parametrize(("offset", "status"), [(0.0, "ok"), (60.0, "warn"), (-3600.0, "fail")])
async def test_clock_skew_from_the_date_header(
    emulator: SigmaEmulator, offset: float, status: str
) -> None:
    report = await _doctor(emulator, clock=lambda: time.time() + offset)
    assert report.check("clock").status == status
    if offset:
        direction = "ahead of" if offset > 0 else "behind"
        assert direction in report.check("clock").detail


async def test_proxy_variables_are_reported_with_their_password_masked(
    emulator: SigmaEmulator,
) -> None:
    environ = {"HTTP_PROXY": "http://me:pr0xy-pass@proxy.example:3128"}
    report = await _doctor(emulator, environ=environ)
    check = report.check("proxy")
    assert check.status == "warn"
    assert "***@proxy.example:3128" in check.detail
    assert "pr0xy-pass" not in json.dumps(report.to_dict())
    exempt = await _doctor(emulator, environ={**environ, "no_proxy": "localhost,127.0.0.1"})
    assert exempt.check("proxy").status == "ok"


async def test_a_closed_port_fails_tcp_and_skips_the_rest(unused_tcp_port: int) -> None:
    report = await run_doctor(
        username="u",
        secret_key="s",
        app_id="a",
        base_url=f"http://127.0.0.1:{unused_tcp_port}",
        environ={},
    )
    assert report.failed == ("tcp",)
    statuses = _statuses(report)
    assert statuses["dns"] == "ok"
    assert all(statuses[name] == "skip" for name in NAMES[3:])


@pytest.fixture
async def https_url(emulator: SigmaEmulator) -> AsyncIterator[tuple[str, ssl.SSLContext]]:
    """The emulator behind a TLS relay with a trustme certificate, and a context trusting it."""
    ca = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    relay = TcpRelay(emulator.port, context=server)
    await relay.start()
    trusting = ssl.create_default_context()
    ca.configure_trust(trusting)
    try:
        yield f"https://127.0.0.1:{relay.port}", trusting
    finally:
        await relay.close()


async def test_tls_trusted_passes_every_check(
    emulator: SigmaEmulator, https_url: tuple[str, ssl.SSLContext]
) -> None:
    url, trusting = https_url
    report = await _doctor(emulator, base_url=url, ssl_context=trusting)
    assert report.ok, report.failed
    assert report.check("tls").status == "ok"
    assert "certificate expires in" in report.check("tls").detail


async def test_tls_untrusted_fails_the_tls_check(
    emulator: SigmaEmulator, https_url: tuple[str, ssl.SSLContext]
) -> None:
    url, _ = https_url
    report = await _doctor(emulator, base_url=url)
    assert report.failed == ("tls",)
    assert "certificate" in report.check("tls").detail.lower()


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), True])
async def test_a_bad_timeout_is_refused_before_anything_is_sent(
    emulator: SigmaEmulator, timeout: object
) -> None:
    from sigma_async import SigmaValidationError

    with pytest.raises(SigmaValidationError, match="timeout"):
        await _doctor(emulator, timeout=timeout)
    assert sum(emulator.stats.received.values()) == 0


async def test_a_malformed_credential_is_refused_before_anything_is_sent(
    emulator: SigmaEmulator,
) -> None:
    from sigma_async import SigmaValidationError

    with pytest.raises(SigmaValidationError, match="username"):
        await _doctor(emulator, username="has:colon")
    assert sum(emulator.stats.received.values()) == 0

"""Fault injection: statuses, drops before and after handling, truncation, latency; all counted."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

import aiohttp
import pytest

from sigma_async.testing import FaultInjector, SigmaEmulator

from .helpers import call, create_channel, is_nest_error


async def test_status_fault_with_retry_after_has_no_side_effect(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    emu.faults.add("status", status=429, retry_after=2, operation="createChannel", times=1)
    async with http.post("channels", json={"name": "x"}) as response:
        assert response.status == 429
        assert response.headers["Retry-After"] == "2"
        assert is_nest_error(await response.json(), 429)
    assert emu.channels() == []
    # `times=1`: the next request goes through.
    await create_channel(http, name="x")
    assert emu.stats.received["createChannel"] == 2
    assert emu.stats.applied["createChannel"] == 1
    assert emu.stats.faults["status", "createChannel"] == 1
    assert emu.stats.created_names["x"] == 1


async def test_429_without_retry_after(emu: SigmaEmulator, http: aiohttp.ClientSession) -> None:
    emu.faults.add("status", status=429, times=1)
    async with http.get("channels") as response:
        assert response.status == 429
        assert "Retry-After" not in response.headers


@pytest.mark.parametrize(("status", "html"), [(500, False), (502, True), (503, True)])
async def test_server_error_faults(
    emu: SigmaEmulator, http: aiohttp.ClientSession, status: int, html: bool
) -> None:
    emu.faults.add("status", status=status, operation="listChannels", times=1)
    async with http.get("channels") as response:
        assert response.status == status
        if html:
            assert response.content_type == "text/html"
            assert f"{status}" in await response.text()
        else:
            assert is_nest_error(await response.json(), status)
    assert emu.stats.fault_count("status", "listChannels") == 1


async def test_the_body_style_can_be_chosen(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    emu.faults.add("status", status=503, body="json", retry_after=1.5, times=1)
    async with http.get("channels") as response:
        assert response.status == 503
        assert response.headers["Retry-After"] == "1.5"
        assert is_nest_error(await response.json(), 503)


async def create_through_a_drop(
    http: aiohttp.ClientSession,
    emu: SigmaEmulator,
    fault: Literal["drop_before", "drop_after"],
    name: str,
) -> None:
    """Create channel ``name`` over a connection that ``fault`` drops (once)."""
    emu.faults.add(fault, operation="createChannel", times=1)
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await call(http, "POST", "channels", json={"name": name})


async def test_drop_before_handling_changes_nothing(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    await create_through_a_drop(http, emu, "drop_before", "lost")
    assert emu.channels() == []
    assert emu.stats.applied["createChannel"] == 0
    assert emu.stats.fault_count("drop_before") == 1


async def test_drop_after_handling_keeps_the_side_effect(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    await create_through_a_drop(http, emu, "drop_after", "ghost")
    assert [c["name"] for c in emu.channels()] == ["ghost"]
    assert emu.stats.applied["createChannel"] == 1
    assert emu.stats.created_names["ghost"] == 1


async def test_truncated_bodies(emu: SigmaEmulator, http: aiohttp.ClientSession) -> None:
    channel = await create_channel(http)
    emu.faults.add("truncate", operation="getChannel", times=1)
    async with http.get(f"channels/{channel['id']}") as response:
        assert response.status == 200
        with pytest.raises(aiohttp.ClientPayloadError):
            await response.read()
    assert await call(http, "GET", f"channels/{channel['id']}") == (200, channel)
    assert emu.stats.faults["truncate", "getChannel"] == 1


async def test_latency(emu: SigmaEmulator, http: aiohttp.ClientSession) -> None:
    emu.faults.add("latency", delay=0.2, operation="listChannels", times=1)
    emu.faults.add("latency", delay=(0.05, 0.1), operation="listChannels", times=1)
    began = time.monotonic()
    status, _ = await call(http, "GET", "channels")
    assert status == 200
    assert time.monotonic() - began >= 0.25
    await call(http, "GET", "channels")
    # Both rules added their delay to the first call, and neither fires again (times=1): the
    # counter says so where a wall-clock bound could be broken by a pause of this process.
    assert emu.stats.faults["latency", "listChannels"] == 2


async def test_rules_only_hit_their_operation(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    emu.faults.add("status", status=500, operation="startChannel")
    channel = await create_channel(http)
    status, _ = await call(http, "PATCH", f"channels/{channel['id']}/start")
    assert status == 500
    status, _ = await call(http, "GET", f"channels/{channel['id']}")
    assert status == 200
    emu.faults.clear()
    status, _ = await call(http, "PATCH", f"channels/{channel['id']}/start")
    assert status == 200


async def test_removing_one_rule(emu: SigmaEmulator, http: aiohttp.ClientSession) -> None:
    rule = emu.faults.add("status", status=500)
    assert emu.faults.rules == (rule,)
    emu.faults.remove(rule)
    assert (await call(http, "GET", "channels"))[0] == 200


async def fault_pattern(make: Callable[..., SigmaEmulator], seed: int, count: int) -> list[int]:
    async with make(seed=seed) as emu:
        emu.faults.add("status", status=503, rate=0.3)
        async with aiohttp.ClientSession(
            base_url=emu.api_url + "/", headers=emu.credentials.headers()
        ) as http:
            return [(await call(http, "GET", "channels"))[0] for _ in range(count)]


async def test_rates_are_reproducible_with_a_seed(
    make_emulator: Callable[..., SigmaEmulator],
) -> None:
    first = await fault_pattern(make_emulator, 7, 60)
    assert first == await fault_pattern(make_emulator, 7, 60)
    assert first != await fault_pattern(make_emulator, 8, 60)
    assert 5 < first.count(503) < 35  # about 30 % of 60


def test_rule_arguments_are_checked() -> None:
    faults = FaultInjector(seed=1)
    with pytest.raises(ValueError, match="unknown fault kind"):
        faults.add("explode")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown operation"):
        faults.add("drop_before", operation="createChanel")
    with pytest.raises(ValueError, match="status"):
        faults.add("status")
    with pytest.raises(ValueError, match="status"):
        faults.add("drop_after", status=500)
    with pytest.raises(ValueError, match="rate"):
        faults.add("truncate", rate=1.5)
    with pytest.raises(ValueError, match="times"):
        faults.add("truncate", times=0)
    with pytest.raises(ValueError, match="latency"):
        faults.add("latency")
    with pytest.raises(ValueError, match="delay"):
        faults.add("latency", delay=(0.5, 0.1))
    assert faults.rules == ()

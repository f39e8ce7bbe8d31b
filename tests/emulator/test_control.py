"""The control API (/_emulator/...): the simulated encoder and clock over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest

from sigma_async.testing import SigmaEmulator

from .helpers import call, create_channel, is_nest_error, raw_session, started_channel


@pytest.fixture
async def control(emu: SigmaEmulator) -> AsyncIterator[aiohttp.ClientSession]:
    async with raw_session(emu, f"{emu.base_url}/_emulator") as session:
        yield session


async def publish_on_started_channel(
    http: aiohttp.ClientSession, control: aiohttp.ClientSession, **body: Any
) -> tuple[int, Any]:
    """Start a new channel, then publish to it over the control API (``body`` as its JSON)."""
    channel = await started_channel(http)
    return await call(control, "POST", f"channels/{channel['id']}/publish", json=body or None)


async def test_publish_interrupt_recover_and_advance(
    emu: SigmaEmulator, http: aiohttp.ClientSession, control: aiohttp.ClientSession
) -> None:
    status, body = await publish_on_started_channel(http, control)
    assert status == 201
    session_id = body["sessionId"]
    assert emu.session(session_id)["status"] == "init"

    status, body = await call(control, "POST", "advance", json={"seconds": 5})
    assert status == 200
    assert body["now"] == emu.session(session_id)["updatedAt"]
    assert emu.session(session_id)["status"] == "live"

    status, session = await call(control, "POST", f"sessions/{session_id}/interrupt")
    assert status == 200
    assert session["status"] == "error"
    status, session = await call(control, "POST", f"sessions/{session_id}/recover")
    assert session["status"] == "live"
    # The control calls are the test's levers, not API traffic: never counted.
    assert set(emu.stats.received) == {"createChannel", "startChannel"}


async def test_publish_live_at_once(
    emu: SigmaEmulator, http: aiohttp.ClientSession, control: aiohttp.ClientSession
) -> None:
    status, body = await publish_on_started_channel(http, control, live=True)
    assert status == 201
    assert emu.session(body["sessionId"])["status"] == "live"


async def test_refusals(
    emu: SigmaEmulator, http: aiohttp.ClientSession, control: aiohttp.ClientSession
) -> None:
    idle = await create_channel(http)
    status, body = await call(control, "POST", f"channels/{idle['id']}/publish")
    assert status == 409
    assert is_nest_error(body, 409)
    status, body = await call(control, "POST", "channels/nope/publish")
    assert status == 404
    status, body = await call(control, "POST", "sessions/nope/recover")
    assert status == 404
    for bad in ({"seconds": -1}, {"seconds": "5"}, {"seconds": 10**12}, [1]):
        status, body = await call(control, "POST", "advance", json=bad)
        assert status == 400
    status, body = await call(
        control, "POST", f"channels/{idle['id']}/publish", json={"live": "yes"}
    )
    assert status == 400


async def test_control_calls_need_the_apps_credentials(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    channel = await started_channel(http)
    other = emu.add_app()
    async with aiohttp.ClientSession(base_url=emu.base_url) as anonymous:
        status, _ = await call(anonymous, "POST", f"/_emulator/channels/{channel['id']}/publish")
        assert status == 401
        status, _ = await call(
            anonymous,
            "POST",
            f"/_emulator/channels/{channel['id']}/publish",
            headers=other.headers(),
        )
        assert status == 404  # another app's channel does not exist for it
    assert emu.sessions() == []


async def test_advance_over_http_needs_the_manual_clock(
    make_emulator: Callable[..., SigmaEmulator],
) -> None:
    async with (
        make_emulator(clock="real") as emu,
        aiohttp.ClientSession(base_url=emu.base_url, headers=emu.credentials.headers()) as http,
    ):
        status, _body = await call(http, "POST", "/_emulator/advance", json={"seconds": 1})
        assert status == 409

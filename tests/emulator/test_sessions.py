"""Sessions and events: the console's state machine, driven by the simulated encoder."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import aiohttp
import pytest

from sigma_async.testing import EVENT_MESSAGES, EmulatorError, SigmaEmulator, Timings

from .helpers import call, create_channel, is_nest_error, list_all, started_channel

START = dt.datetime(2024, 7, 22, 11, 33, 50, 903000, tzinfo=dt.timezone.utc)


@pytest.fixture
def sigma_emulator_options(sigma_emulator_options: dict[str, Any]) -> dict[str, Any]:
    # A known start instant makes every timestamp below exact.
    return {**sigma_emulator_options, "start_time": START}


async def status_of(http: aiohttp.ClientSession, session_id: str) -> str:
    body: dict[str, str]
    status, body = await call(http, "GET", f"sessions/{session_id}/status")
    assert status == 200
    assert set(body) == {"status"}
    return body["status"]


async def actions(http: aiohttp.ClientSession, session_id: str) -> list[str]:
    page = await list_all(http, "events", {"sessionId": session_id}, sort="createdAt|asc")
    return [event["action"] for event in page["data"]]


async def interrupted_live_session(
    emu: SigmaEmulator, http: aiohttp.ClientSession, *, stop_timeout: int, live_for: float
) -> tuple[dict[str, Any], str]:
    """A new channel and its session: live for ``live_for`` seconds, then its input is cut."""
    channel = await started_channel(http, stopTimeout=stop_timeout)
    session_id = emu.publish(channel["id"], live=True)
    emu.advance(live_for)
    emu.interrupt(session_id)
    return channel, session_id


async def test_a_push_goes_init_processing_live(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    channel = await started_channel(http, name="Channel_02")
    session_id = emu.publish(channel["id"])

    assert await status_of(http, session_id) == "init"
    assert await actions(http, session_id) == ["init", "published"]
    status, got = await call(http, "GET", f"channels/{channel['id']}")
    assert got["currentSessionId"] == session_id
    assert got["status"] == "active"

    emu.advance(emu.timings.init_to_processing)
    assert await status_of(http, session_id) == "processing"
    assert await actions(http, session_id) == ["init", "published", "process"]

    emu.advance(emu.timings.processing_to_live)
    assert await status_of(http, session_id) == "live"
    assert await actions(http, session_id) == ["init", "published", "process", "stable"]

    status, session = await call(http, "GET", f"sessions/{session_id}")
    assert status == 200
    assert session["name"] == "Channel_02_2024-07-22-11:33:50"
    assert session["createdAt"] == "2024-07-22T11:33:50.903Z"
    assert session["startedAt"] == "2024-07-22T11:33:55.903Z"
    assert session["finishedAt"] is None
    assert session["duration"] == 0
    assert session["channel"] == {"id": channel["id"], "name": "Channel_02"}
    assert session["channelId"] == channel["id"]
    assert session["appId"] == emu.credentials.app_id
    assert session["isCreateTask"] is True
    assert session["recordUrls"] == [] == session["events"]
    info = session["clientInfo"]
    assert info["stream"] == channel["input"]["streamToken"]
    assert info["tcUrl"] == channel["input"]["rtmpServer"]
    assert re.fullmatch(r"[a-z0-9]{8}", info["client_id"])
    assert re.fullmatch(r"vid-[a-z0-9]{7}", info["stream_id"])

    emu.advance(40.4)
    status, session = await call(http, "GET", f"sessions/{session_id}")
    assert session["duration"] == 40


async def test_publish_live_is_one_call(emu: SigmaEmulator, http: aiohttp.ClientSession) -> None:
    channel = await started_channel(http)
    session_id = emu.publish(channel["id"], live=True)
    assert await status_of(http, session_id) == "live"
    assert await actions(http, session_id) == ["init", "published", "process", "stable"]


async def test_stop_ends_the_session_as_the_user(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    channel = await started_channel(http)
    session_id = emu.publish(channel["id"], live=True)
    emu.advance(12)
    status, _ = await call(http, "DELETE", f"channels/{channel['id']}/stop")
    assert status == 200

    status, session = await call(http, "GET", f"sessions/{session_id}")
    assert session["status"] == "ended"
    assert session["finishedAt"] == "2024-07-22T11:34:02.903Z"
    assert session["updatedAt"] == session["finishedAt"]
    assert session["duration"] == 12
    page = await list_all(http, "events", {"$and": [{"sessionId": session_id}]})
    ended = page["data"][0]
    assert ended["action"] == "ended"
    assert ended["actor"] == "user"
    assert ended["message"] == "Kênh đã kết thúc"
    status, channel_now = await call(http, "GET", f"channels/{channel['id']}")
    assert channel_now["status"] == "stop"
    assert channel_now["currentSessionId"] is None

    emu.advance(100)  # nothing left to happen to an ended session
    assert await actions(http, session_id) == ["init", "published", "process", "stable", "ended"]


async def test_interrupt_and_recover_a_live_session(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    _, session_id = await interrupted_live_session(emu, http, stop_timeout=30, live_for=10)
    assert await status_of(http, session_id) == "error"
    emu.advance(29)
    assert await status_of(http, session_id) == "error"
    emu.recover(session_id)
    assert await status_of(http, session_id) == "live"
    emu.advance(5)
    assert await actions(http, session_id) == [
        *("init", "published", "process", "stable"),
        *("unpublished", "unstable", "republished", "stable"),
    ]
    session = emu.session(session_id)
    assert session["duration"] == 15  # 10 s, then 29 s without input, then 5 s
    assert session["startedAt"] == "2024-07-22T11:33:50.903Z"  # the first time it went live


async def test_interrupting_processing_gives_preparing(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    channel = await started_channel(http)
    session_id = emu.publish(channel["id"])
    emu.advance(2)
    emu.interrupt(session_id)
    assert await status_of(http, session_id) == "preparing"
    emu.advance(10)  # the cancelled processing -> live step must not fire
    assert await status_of(http, session_id) == "preparing"
    emu.recover(session_id)
    session = emu.session(session_id)
    assert session["status"] == "live"
    assert session["startedAt"] is not None


async def test_the_stop_timeout_ends_an_interrupted_session(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    channel, session_id = await interrupted_live_session(emu, http, stop_timeout=10, live_for=3)
    emu.advance(9.999)
    assert await status_of(http, session_id) == "error"
    emu.advance(0.001)
    assert await status_of(http, session_id) == "ended"
    page = await list_all(http, "events", {"sessionId": session_id, "action": "ended"})
    assert "actor" not in page["data"][0]  # the system ended it, not a user
    _status, channel_now = await call(http, "GET", f"channels/{channel['id']}")
    # The channel stays started, ready for the next push.
    assert channel_now["status"] == "active"
    assert channel_now["currentSessionId"] is None
    assert emu.session(session_id)["finishedAt"] == "2024-07-22T11:34:03.903Z"

    next_session = emu.publish(channel["id"], live=True)
    assert next_session != session_id
    page = await list_all(http, "sessions", {"channelId": channel["id"]})
    assert [s["id"] for s in page["data"]] == [next_session, session_id]


async def test_event_records_are_well_formed(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    channel = await started_channel(http)
    session_id = emu.publish(channel["id"], live=True)
    emu.interrupt(session_id)
    emu.recover(session_id)
    await call(http, "DELETE", f"channels/{channel['id']}/stop")
    page = await list_all(http, "events", {"sessionId": session_id}, sort="createdAt|asc")
    assert {e["action"] for e in page["data"]} == set(EVENT_MESSAGES)
    times = [e["createdAt"] for e in page["data"]]
    assert times == sorted(times)
    assert len(set(times)) == len(times)
    for event in page["data"]:
        assert event["message"] == EVENT_MESSAGES[event["action"]]
        assert event["createdAt"] == event["updatedAt"]
        assert set(event) <= {
            "id",
            "sessionId",
            "action",
            "actor",
            "message",
            "createdAt",
            "updatedAt",
        }


async def test_publish_refuses_what_the_service_would(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    idle = await create_channel(http, name="idle")
    with pytest.raises(EmulatorError, match="start it"):
        emu.publish(idle["id"])
    channel = await started_channel(http)
    session_id = emu.publish(channel["id"])
    with pytest.raises(EmulatorError, match="already has a running session"):
        emu.publish(channel["id"])
    with pytest.raises(EmulatorError, match="processing or live"):
        emu.interrupt(session_id)  # still init
    with pytest.raises(EmulatorError, match="preparing or error"):
        emu.recover(session_id)
    with pytest.raises(LookupError):
        emu.publish("no-such-channel")
    with pytest.raises(LookupError):
        emu.interrupt("no-such-session")


async def test_the_live_quota_refuses_pushes(emu: SigmaEmulator) -> None:
    limited = emu.add_app(live_limit=1)
    async with aiohttp.ClientSession(base_url=emu.api_url + "/", headers=limited.headers()) as http:
        first = await started_channel(http, name="one")
        second = await started_channel(http, name="two")
        emu.publish(first["id"], live=True)
        with pytest.raises(EmulatorError, match="quota"):
            emu.publish(second["id"])
        await call(http, "DELETE", f"channels/{first['id']}/stop")
        emu.publish(second["id"])


async def test_unknown_sessions_are_404(http: aiohttp.ClientSession) -> None:
    for path in ("sessions/nope", "sessions/nope/status"):
        status, body = await call(http, "GET", path)
        assert status == 404
        assert is_nest_error(body, 404)


async def test_custom_timings(make_emulator: Callable[..., SigmaEmulator]) -> None:
    timings = Timings(init_to_processing=1, processing_to_live=1)
    async with (
        make_emulator(timings=timings) as fast,
        aiohttp.ClientSession(
            base_url=fast.api_url + "/", headers=fast.credentials.headers()
        ) as http,
    ):
        channel = await started_channel(http)
        session_id = fast.publish(channel["id"])
        fast.advance(2)
        assert fast.session(session_id)["status"] == "live"


async def test_advance_needs_the_manual_clock() -> None:
    async with SigmaEmulator(clock="real") as real:
        with pytest.raises(RuntimeError, match="manual"):
            real.advance(1)
    manual = SigmaEmulator()
    with pytest.raises(ValueError, match="backwards"):
        manual.advance(-1)


async def test_the_real_clock_runs_sped_up(make_emulator: Callable[..., SigmaEmulator]) -> None:
    async with make_emulator(clock="real", speed=200.0) as emu:
        async with aiohttp.ClientSession(
            base_url=emu.api_url + "/", headers=emu.credentials.headers()
        ) as http:
            channel = await started_channel(http, stopTimeout=2)
            session_id = emu.publish(channel["id"])
            # 5 virtual seconds to live = 25 ms of real time at speed 200.
            for _ in range(100):
                if emu.session(session_id)["status"] == "live":
                    break
                await asyncio.sleep(0.01)
            assert emu.session(session_id)["status"] == "live"
            emu.interrupt(session_id)
            for _ in range(100):
                if emu.session(session_id)["status"] == "ended":
                    break
                await asyncio.sleep(0.01)
            assert emu.session(session_id)["status"] == "ended"
        assert emu.errors == []

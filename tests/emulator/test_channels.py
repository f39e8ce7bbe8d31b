"""Channels: create with defaults, get, update, start/stop and delete, through real HTTP."""

from __future__ import annotations

import re
import uuid

import aiohttp
import pytest

from sigma_async.testing import DEFAULT_PROFILES, SigmaEmulator

from .conftest import guide_sample
from .helpers import call, create_channel, is_nest_error, live_channel, started_channel

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


async def test_create_applies_the_console_defaults(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    status, channel = await call(http, "POST", "channels", json={"name": "Channel_02"})
    assert status == 201
    assert uuid.UUID(channel["id"]).version == 4
    assert uuid.UUID(channel["inputId"]).version == 4
    assert {key: channel[key] for key in DEFAULTS} == DEFAULTS
    assert channel["appId"] == emu.credentials.app_id
    assert channel["status"] == "idle"
    assert channel["currentSessionId"] is None
    assert "machine" not in channel
    assert "destinationCatchup" not in channel
    assert TIMESTAMP.match(channel["createdAt"])
    assert channel["createdAt"] == channel["updatedAt"]
    token = channel["input"]["streamToken"]
    assert re.fullmatch(r"[0-9a-f]{5}-[0-9a-f]{20}-[0-9a-f]{5}", token)
    assert token[:5] == channel["id"][:5]
    assert token[-5:] == channel["id"][-5:]
    assert channel["input"]["rtmpServer"] == "rtmp://127.0.0.1:1935/livestream"
    assert channel["liveStreamUrl"] == (
        f"http://127.0.0.1:8080/manifest/{channel['id']}/master.m3u8"
    )
    assert emu.channels() == [channel]


DEFAULTS: dict[str, object] = {
    "description": None,
    "tags": [],
    "transcodeProfile": [],
    "type": "transcode",
    "mode": "normal",
    "stopTimeout": 30,
    "catchup": False,
    "record": False,
    "interaction": False,
    "outputFormat": "hls",
}


async def test_create_keeps_every_field_of_the_guide_request(http: aiohttp.ClientSession) -> None:
    request = guide_sample("create_channel_request.json")
    channel = await create_channel(http, **request)
    for key, value in request.items():
        assert channel[key] == value, key


async def test_dash_channels_get_an_mpd_url(http: aiohttp.ClientSession) -> None:
    channel = await create_channel(http, outputFormat="dash")
    assert channel["liveStreamUrl"].endswith(f"/manifest/{channel['id']}/manifest.mpd")


async def test_all_five_profiles_are_known(http: aiohttp.ClientSession) -> None:
    assert len(DEFAULT_PROFILES) == 5
    assert sorted(DEFAULT_PROFILES.values()) == ["1080p", "1440p", "360p", "480p", "720p"]
    channel = await create_channel(http, transcodeProfile=list(DEFAULT_PROFILES))
    assert channel["transcodeProfile"] == list(DEFAULT_PROFILES)


async def test_unknown_keys_are_ignored(http: aiohttp.ClientSession) -> None:
    channel = await create_channel(
        http, colour="blue", machine={"enabled": False, "extra": 1}, status="live", id="mine"
    )
    assert "colour" not in channel
    assert channel["machine"] == {"enabled": False}
    assert channel["status"] == "idle"
    assert channel["id"] != "mine"


async def test_get_returns_the_channel_and_404s_unknown_ids(http: aiohttp.ClientSession) -> None:
    channel = await create_channel(http)
    assert await call(http, "GET", f"channels/{channel['id']}") == (200, channel)
    status, body = await call(http, "GET", f"channels/{uuid.uuid4()}")
    assert status == 404
    assert is_nest_error(body, 404)


async def test_update_is_partial_and_bumps_updated_at(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    channel = await create_channel(http, tags=["a"])
    emu.advance(1.5)
    status, updated = await call(
        http, "PATCH", f"channels/{channel['id']}", json={"name": "renamed", "outputFormat": "dash"}
    )
    assert status == 200
    assert updated["name"] == "renamed"
    assert updated["tags"] == ["a"]
    assert updated["liveStreamUrl"].endswith("manifest.mpd")
    assert updated["createdAt"] == channel["createdAt"]
    assert updated["updatedAt"] > channel["updatedAt"]
    assert emu.stats.applied["updateChannel"] == 1

    # The same change again changes nothing: not counted, updatedAt kept.
    emu.advance(1)
    status, again = await call(http, "PATCH", f"channels/{channel['id']}", json={"name": "renamed"})
    assert status == 200
    assert again == updated
    assert emu.stats.applied["updateChannel"] == 1


async def test_update_validates_like_create(http: aiohttp.ClientSession) -> None:
    channel = await create_channel(http)
    for body in ({"name": ""}, {"name": None}, {"mode": "fast"}, {"stopTimeout": -1}):
        status, error = await call(http, "PATCH", f"channels/{channel['id']}", json=body)
        assert status == 400
        assert is_nest_error(error, 400)
        assert isinstance(error["message"], list)
    status, body = await call(http, "PATCH", f"channels/{uuid.uuid4()}", json={"name": "x"})
    assert status == 404


async def test_start_and_stop_are_idempotent(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    channel = await create_channel(http)
    path = f"channels/{channel['id']}"

    status, _ = await call(http, "DELETE", f"{path}/stop")  # stopping an idle channel: no-op
    assert status == 200
    assert emu.channel(channel["id"])["status"] == "idle"

    for _ in range(2):
        status, body = await call(http, "PATCH", f"{path}/start")
        assert status == 200
        assert body["status"] == "active"
    assert emu.stats.applied["startChannel"] == 1

    for _ in range(2):
        status, body = await call(http, "DELETE", f"{path}/stop")
        assert status == 200
        assert body["status"] == "stop"
    assert emu.stats.applied["stopChannel"] == 1

    status, body = await call(http, "PATCH", f"{path}/start")  # a stopped channel starts again
    assert body["status"] == "active"
    assert emu.stats.received["startChannel"] == 3
    assert emu.stats.applied["startChannel"] == 2


@pytest.mark.parametrize("operation", ["start", "stop", "delete"])
async def test_channel_actions_404_unknown_ids(http: aiohttp.ClientSession, operation: str) -> None:
    method, suffix = {"start": ("PATCH", "/start"), "stop": ("DELETE", "/stop")}.get(
        operation, ("DELETE", "")
    )
    status, body = await call(http, method, f"channels/{uuid.uuid4()}{suffix}")
    assert status == 404
    assert is_nest_error(body, 404)


async def test_delete_removes_the_channel(emu: SigmaEmulator, http: aiohttp.ClientSession) -> None:
    channel = await create_channel(http)
    status, _ = await call(http, "DELETE", f"channels/{channel['id']}")
    assert status == 200
    assert emu.channels() == []
    status, _ = await call(http, "GET", f"channels/{channel['id']}")
    assert status == 404
    status, _ = await call(http, "DELETE", f"channels/{channel['id']}")
    assert status == 404
    assert emu.stats.applied["deleteChannel"] == 1


@pytest.mark.parametrize("steps", [0, 2, 5, "interrupted"])
async def test_delete_is_refused_while_a_session_runs(
    emu: SigmaEmulator, http: aiohttp.ClientSession, steps: int | str
) -> None:
    channel = await started_channel(http)
    session_id = emu.publish(channel["id"])
    if steps == "interrupted":
        emu.advance(5)
        emu.interrupt(session_id)
    else:
        assert isinstance(steps, int)
        emu.advance(steps)
    running_status = emu.session(session_id)["status"]
    status, body = await call(http, "DELETE", f"channels/{channel['id']}")
    assert status == 409
    assert is_nest_error(body, 409)
    assert session_id in body["message"]
    assert running_status in body["message"]
    assert emu.channels() != []


async def test_delete_takes_ended_sessions_and_their_events(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    channel, session_id = await live_channel(emu, http)
    keep, kept_session = await live_channel(emu, http, name="keep")
    await call(http, "DELETE", f"channels/{channel['id']}/stop")
    assert emu.session(session_id)["status"] == "ended"

    status, _ = await call(http, "DELETE", f"channels/{channel['id']}")
    assert status == 200
    assert [s["id"] for s in emu.sessions()] == [kept_session]
    assert {e["sessionId"] for e in emu.events()} == {kept_session}
    status, _ = await call(http, "GET", f"sessions/{session_id}")
    assert status == 404
    assert [c["id"] for c in emu.channels()] == [keep["id"]]

"""The emulator's payloads have the shapes of the guide's samples (tests/fixtures)."""

from __future__ import annotations

from typing import Any

import aiohttp

from sigma_async.testing import SigmaEmulator

from .conftest import guide_sample
from .helpers import call, list_all


def assert_same_shape(
    ours: Any, guide: Any, where: str = "$", extra: frozenset[str] = frozenset()
) -> None:
    """Same keys (``extra`` aside), and the same JSON types wherever the guide has a value."""
    if isinstance(guide, dict):
        assert isinstance(ours, dict), where
        assert set(ours) - extra == set(guide), (where, set(ours) ^ set(guide))
        for key, value in guide.items():
            assert_same_shape(ours[key], value, f"{where}.{key}")
    elif isinstance(guide, list):
        assert isinstance(ours, list), where
        for item in ours:
            for sample in guide[:1]:
                assert_same_shape(item, sample, f"{where}[]")
    elif guide is not None:
        assert type(ours) is type(guide), (where, ours, guide)


async def test_channel_session_and_event_shapes(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    status, created = await call(
        http, "POST", "channels", json=guide_sample("create_channel_request.json")
    )
    assert status == 201
    await call(http, "PATCH", f"channels/{created['id']}/start")
    session_id = emu.publish(created["id"], live=True)
    emu.advance(40)

    status, channel = await call(http, "GET", f"channels/{created['id']}")
    # `interaction` is a console switch the guide's sample does not show.
    assert_same_shape(
        channel, guide_sample("get_channel_response.json"), extra=frozenset({"interaction"})
    )
    assert set(guide_sample("create_channel_response.json")) <= set(created)

    status, status_body = await call(http, "GET", f"sessions/{session_id}/status")
    assert_same_shape(status_body, guide_sample("session_status_response.json"))

    await call(http, "DELETE", f"channels/{created['id']}/stop")
    sessions = await list_all(
        http, "sessions", {"channelId": created["id"]}, sort="updatedAt|desc", page=1, perPage=100
    )
    assert_same_shape(sessions, guide_sample("list_sessions_response.json"))
    assert sessions["data"][0]["duration"] == 40

    events = await list_all(
        http, "events", {"$and": [{"sessionId": session_id}]}, sort="updatedAt|desc", page=1
    )
    guide_events = guide_sample("list_events_response.json")
    # The guide's event page shows only `data`; ours carries the whole envelope.
    assert set(guide_events) <= set(events)
    by_action = {event["action"]: event for event in events["data"]}
    for sample in guide_events["data"]:
        assert_same_shape(by_action[sample["action"]], sample)
        assert by_action[sample["action"]]["message"] == sample["message"]

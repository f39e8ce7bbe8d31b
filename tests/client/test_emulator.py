"""Every operation of the guide, end to end through the public API against the emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from sigma_async import (
    APIConnectionError,
    AuthenticationError,
    ChannelCreate,
    ChannelStatus,
    ChannelUpdate,
    ConflictError,
    EventAction,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    SessionStatus,
    SigmaClient,
)
from sigma_async.testing import Credentials, SigmaEmulator

FAST: dict[str, Any] = {
    "retry_base_delay": 0.001,
    "retry_max_delay": 0.002,
    "max_retry_after": 0.01,
}


@pytest.fixture
def sigma_emulator_options() -> dict[str, Any]:
    return {"seed": 7}


@pytest.fixture
async def api(emu: SigmaEmulator) -> AsyncIterator[SigmaClient]:
    async with emu.client(**FAST) as client:
        yield client


def guide_channel(name: str = "launch") -> ChannelCreate:
    return ChannelCreate(name=name, tags=["vn"], stop_timeout=30, catchup=False, record=False)


async def test_the_guide_end_to_end(emu: SigmaEmulator, api: SigmaClient) -> None:
    channel = await api.channels.create(guide_channel())
    assert (await api.channels.get(channel.id)).name == "launch"
    updated = await api.channels.update(channel.id, ChannelUpdate(description="evening show"))
    assert updated.description == "evening show"

    await api.channels.start(channel.id)
    assert (await api.channels.get(channel.id)).status == ChannelStatus.ACTIVE
    session_id = emu.publish(channel.id)
    assert await api.sessions.status(session_id) == SessionStatus.INIT
    emu.advance(emu.timings.to_live)
    status = await api.sessions.wait_for_status(session_id, {"live"}, timeout=5, poll_interval=0.01)
    assert status is SessionStatus.LIVE
    assert (await api.sessions.get(session_id)).channel_id == channel.id
    assert [s.id async for s in api.sessions.list(channel_id=channel.id)] == [session_id]

    with pytest.raises(ConflictError):
        await api.channels.delete(channel.id)  # refused while live

    await api.channels.stop(channel.id)
    events = [event async for event in api.events.watch(session_id, poll_interval=0.01)]
    assert events[0].action is EventAction.INIT
    assert events[-1].action is EventAction.ENDED
    listed = await api.events.list(session_id=session_id).to_list()
    assert {e.id for e in listed} == {e.id for e in events}

    await api.channels.delete(channel.id)
    with pytest.raises(NotFoundError):
        await api.channels.get(channel.id)


async def test_list_channels_pages_and_filters(emu: SigmaEmulator, api: SigmaClient) -> None:
    created = [await api.channels.create(guide_channel(f"ch-{i:02d}")) for i in range(23)]
    await api.channels.start(created[0].id)
    everything = await api.channels.list(per_page=5, prefetch=3).to_list()
    assert sorted(c.id for c in everything) == sorted(c.id for c in created)
    active = await api.channels.list(status="active").to_list()
    assert [c.id for c in active] == [created[0].id]
    pages = [page async for page in api.channels.list(per_page=10).pages()]
    assert [len(page.data) for page in pages] == [10, 10, 3]
    assert {page.total for page in pages} == {23}


async def test_wrong_secret_is_an_authentication_error(emu: SigmaEmulator) -> None:
    wrong = Credentials(
        username=emu.credentials.username, secret_key="wrong", app_id=emu.credentials.app_id
    )
    async with emu.client(credentials=wrong, **FAST) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.channels.list().to_list()
    assert "wrong" not in str(caught.value)


async def test_create_is_never_sent_twice(emu: SigmaEmulator, api: SigmaClient) -> None:
    emu.faults.add("drop_after", operation="createChannel", times=1)
    with pytest.raises(APIConnectionError) as caught:
        await api.channels.create(guide_channel("once"))
    assert caught.value.request_sent is True
    assert [c["name"] for c in emu.channels()] == ["once"]  # created once, never re-sent

    emu.faults.add("status", operation="createChannel", status=503, times=1)
    with pytest.raises(InternalServerError):
        await api.channels.create(guide_channel("twice?"))
    assert len(emu.channels()) == 1


async def test_create_retries_429_and_unsent_drops(emu: SigmaEmulator, api: SigmaClient) -> None:
    emu.faults.add("status", operation="createChannel", status=429, retry_after=0, times=1)
    channel = await api.channels.create(guide_channel("after-429"))
    assert [c["id"] for c in emu.channels()] == [channel.id]
    emu.faults.add("status", operation="createChannel", status=429, times=5)
    with pytest.raises(RateLimitError):
        await api.channels.create(guide_channel("limited"))
    assert len(emu.channels()) == 1


async def test_idempotent_calls_survive_faults(emu: SigmaEmulator, api: SigmaClient) -> None:
    channel = await api.channels.create(guide_channel())
    emu.faults.add("truncate", operation="getChannel", times=1)
    emu.faults.add("status", operation="getChannel", status=502, times=1)
    assert (await api.channels.get(channel.id)).id == channel.id
    emu.faults.add("drop_after", operation="startChannel", times=1)
    await api.channels.start(channel.id)  # the retry finds it started already: fine
    emu.faults.add("drop_before", operation="stopChannel", times=2)
    await api.channels.stop(channel.id)
    assert emu.channel(channel.id)["status"] == "stop"


async def test_a_delete_whose_response_was_lost_succeeds(
    emu: SigmaEmulator, api: SigmaClient
) -> None:
    # The first attempt deletes the channel but its response never arrives; the retry's 404
    # is that attempt's success, not a failure.
    channel = await api.channels.create(guide_channel("lost-response"))
    emu.faults.add("drop_after", operation="deleteChannel", times=1)
    await api.channels.delete(channel.id)
    assert emu.channels() == []
    assert emu.stats.applied["deleteChannel"] == 1
    assert emu.stats.received["deleteChannel"] >= 2

    # Same after a 5xx the server sent after deleting (a proxy timing out, say).
    channel = await api.channels.create(guide_channel("lost-to-502"))
    emu.faults.add("drop_after", operation="deleteChannel", times=1)
    emu.faults.add("status", operation="deleteChannel", status=502, times=1)
    await api.channels.delete(channel.id)
    assert emu.channels() == []


async def test_deleting_a_missing_channel_is_still_not_found(
    emu: SigmaEmulator, api: SigmaClient
) -> None:
    # No earlier attempt could have deleted it: a first-attempt 404 is the caller's error.
    with pytest.raises(NotFoundError):
        await api.channels.delete("00000000-0000-4000-8000-00000000dead")
    # A failure the server answered with a 4xx proves nothing ran: the 404 after it stands too.
    emu.faults.add("status", operation="deleteChannel", status=429, retry_after=0, times=1)
    with pytest.raises(NotFoundError):
        await api.channels.delete("00000000-0000-4000-8000-00000000dead")


async def test_max_retries_zero_means_one_request(emu: SigmaEmulator, api: SigmaClient) -> None:
    # aiohttp would quietly send an idempotent request again on a dropped kept-alive
    # connection; the client switches that off so its own policy is the only retry.
    channel = await api.channels.create(guide_channel("single-shot"))
    await api.channels.get(channel.id)  # the connection is now kept alive and reused
    emu.faults.add("drop_before", operation="getChannel", times=1)
    with pytest.raises(APIConnectionError):
        await api.channels.get(channel.id, max_retries=0)
    assert emu.stats.received["getChannel"] == 2

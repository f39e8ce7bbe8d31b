"""The README's usage example, run against the emulator so the documented code keeps working."""

from __future__ import annotations

import logging

import pytest

from sigma_async import (
    ChannelCreate,
    ChannelUpdate,
    NotFoundError,
    SigmaClient,
    catchup_playlist_url,
)
from sigma_async.testing import SigmaEmulator


async def readme_example(client: SigmaClient, emu: SigmaEmulator) -> list[str]:
    """The body of the README example (``emu.publish`` plays the encoder)."""
    lines: list[str] = []
    channel = await client.channels.create(ChannelCreate(name="launch", stop_timeout=30))
    channel = await client.channels.update(channel.id, ChannelUpdate(description="Launch day"))
    await client.channels.start(channel.id)
    channel = await client.channels.get(channel.id)
    lines.append(f"push to {channel.input.rtmp_server if channel.input else '?'}")

    session_id = emu.publish(channel.id, live=True)  # an encoder starts pushing
    status = await client.sessions.wait_for_status(
        session_id, {"live"}, timeout=60, poll_interval=0.01
    )
    lines.append(f"session {status}")

    async for session in client.sessions.list(channel_id=channel.id):
        lines.append(f"session {session.id} {session.status}")

    await client.channels.stop(channel.id)
    async for event in client.events.watch(session_id, poll_interval=0.01):
        lines.append(f"event {event.action}")

    async for ch in client.channels.list(status="stop", per_page=50):
        lines.append(f"stopped {ch.name}")
    await client.channels.delete(channel.id)
    try:
        await client.channels.get(channel.id)
    except NotFoundError as error:
        lines.append(f"gone: {error.status}")
    return lines


async def test_readme_example(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="sigma_async")
    async with SigmaEmulator() as emu, emu.client() as client:
        lines = await readme_example(client, emu)
    assert lines[0].startswith("push to rtmp://")
    assert lines[1] == "session live"
    assert lines[2].endswith(" live")
    events = [line for line in lines if line.startswith("event ")]
    assert events[0] == "event init"
    assert len(events) == len(set(events))
    assert lines[-3:] == ["event ended", "stopped launch", "gone: 404"]
    assert any("(attempt 1/3" in record.getMessage() for record in caplog.records)


def test_catchup_url_example() -> None:
    from sigma_async import CatchupDestination, Channel, S3Destination

    channel = Channel(
        id="c1",
        name="launch",
        destination_catchup=CatchupDestination(
            type="s3", s3=S3Destination(endpoint="https://s3.example.com", bucket="vod")
        ),
    )
    assert catchup_playlist_url(channel, "s1") == (
        "https://s3.example.com/vod/sigma-livestream/s1/catchup/master-catchup.m3u8"
    )

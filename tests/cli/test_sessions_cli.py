"""``sigma-async sessions ...`` and ``events ...`` end to end against the emulator."""

from __future__ import annotations

import asyncio
import json

from sigma_async import ChannelCreate, SigmaClient
from sigma_async.cli import EXIT_API_ERROR, EXIT_OK
from sigma_async.testing import SigmaEmulator

from .conftest import Cli


async def live_session(client: SigmaClient, emulator: SigmaEmulator, *, live: bool = True) -> str:
    channel = await client.channels.create(ChannelCreate(name="cam"))
    await client.channels.start(channel.id)
    return emulator.publish(channel.id, live=live)


async def test_list_get_and_status(cli: Cli, client: SigmaClient, emulator: SigmaEmulator) -> None:
    session_id = await live_session(client, emulator)
    listed = await cli("sessions", "list")
    assert listed.code == EXIT_OK
    assert listed.out.splitlines()[1].split()[:3][0] == session_id
    assert "live" in listed.out.splitlines()[1]
    as_json = await cli("sessions", "list", "--json", "--channel", emulator.channels()[0]["id"])
    assert [json.loads(line)["id"] for line in as_json.out.splitlines()] == [session_id]
    shown = await cli("sessions", "get", session_id)
    assert shown.code == EXIT_OK
    assert f"id:          {session_id}" in shown.out
    status = await cli("sessions", "status", session_id)
    assert status.out == "live\n"
    status_json = await cli("sessions", "status", session_id, "--json")
    assert json.loads(status_json.out) == {"status": "live"}


async def test_wait_returns_once_the_status_is_reached(
    cli: Cli, client: SigmaClient, emulator: SigmaEmulator
) -> None:
    session_id = await live_session(client, emulator, live=False)  # init, live in 5 s
    waiting = asyncio.ensure_future(
        cli("sessions", "wait", session_id, "--for", "live", "--poll-interval", "0.01")
    )
    await asyncio.sleep(0.05)
    assert not waiting.done()
    emulator.advance(emulator.timings.to_live)
    outcome = await asyncio.wait_for(waiting, 5)
    assert outcome.code == EXIT_OK
    assert outcome.out == "live\n"


async def test_wait_times_out_with_exit_1(
    cli: Cli, client: SigmaClient, emulator: SigmaEmulator
) -> None:
    session_id = await live_session(client, emulator, live=False)
    outcome = await cli(
        "sessions", "wait", session_id, "--wait-timeout", "0.5", "--poll-interval", "0.01"
    )
    assert outcome.code == EXIT_API_ERROR
    assert "WaitTimeoutError" in outcome.err
    assert "last status: init" in outcome.err


async def test_events_list_oldest_first(
    cli: Cli, client: SigmaClient, emulator: SigmaEmulator
) -> None:
    session_id = await live_session(client, emulator, live=False)
    emulator.advance(emulator.timings.to_live)
    outcome = await cli("events", "list", session_id, "--json")
    actions = [json.loads(line)["action"] for line in outcome.out.splitlines()]
    assert set(actions[:2]) == {"init", "published"}  # same instant: either order
    assert actions[2:] == ["process", "stable"]
    table = await cli("events", "list", session_id)
    assert table.out.splitlines()[0].split() == ["TIME", "ACTION", "ACTOR", "MESSAGE"]
    assert "Kênh ổn định" in table.out  # Vietnamese text kept intact


async def test_events_watch_follows_a_session_until_it_ends(
    cli: Cli, client: SigmaClient, emulator: SigmaEmulator
) -> None:
    session_id = await live_session(client, emulator)
    channel_id = emulator.channels()[0]["id"]
    watching = asyncio.ensure_future(
        cli("events", "watch", session_id, "--poll-interval", "0.01", "--json")
    )
    await asyncio.sleep(0.05)
    emulator.interrupt(session_id)
    await asyncio.sleep(0.05)
    emulator.recover(session_id)
    await asyncio.sleep(0.05)
    assert not watching.done()
    await client.channels.stop(channel_id)
    outcome = await asyncio.wait_for(watching, 5)
    assert outcome.code == EXIT_OK
    records = [json.loads(line) for line in outcome.out.splitlines()]
    actions = [record["action"] for record in records]
    assert set(actions[:2]) == {"init", "published"}
    assert actions[2:4] == ["process", "stable"]
    assert set(actions[4:6]) == {"unpublished", "unstable"}
    assert set(actions[6:8]) == {"republished", "stable"}
    assert actions[8:] == ["ended"]
    assert records[-1]["actor"] == "user"

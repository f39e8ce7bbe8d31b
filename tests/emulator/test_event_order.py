"""Events with equal sort keys come back in the order they happened, deterministically."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import aiohttp
import pytest

from sigma_async.operations import LIST_EVENTS
from sigma_async.testing import SigmaEmulator, Timings

from .helpers import list_all, started_channel

# Half a millisecond past a second: sub-millisecond steps then cross wire-millisecond borders.
START = dt.datetime(2026, 3, 1, 8, 0, 0, 500, tzinfo=dt.timezone.utc)
ACTIONS = ["init", "published", "process", "stable"]


def _sort_key(value: object) -> tuple[int, str]:
    # The event fields that sort are strings or absent (actor): absent (null) sorts first.
    return (0, "") if value is None else (1, str(value))


@asynccontextmanager
async def _served(
    make_emulator: Callable[..., SigmaEmulator], step: float
) -> AsyncIterator[tuple[SigmaEmulator, aiohttp.ClientSession]]:
    timings = Timings(init_to_processing=step, processing_to_live=step)
    async with make_emulator(seed=5, start_time=START, timings=timings) as emu:
        headers = emu.credentials.headers()
        async with aiohttp.ClientSession(base_url=emu.api_url + "/", headers=headers) as http:
            yield emu, http
        assert emu.errors == []


@pytest.mark.parametrize("step", [0.0, 0.0004, 0.0012, 0.0019])
async def test_ties_follow_insertion_for_every_sortable_field(
    make_emulator: Callable[..., SigmaEmulator], step: float
) -> None:
    async with _served(make_emulator, step) as (emu, http):
        # Three sessions pushed at the same instant: their events tie across sessions.
        channels = [await started_channel(http, name=f"tie-{n}") for n in range(3)]
        for channel in channels:
            emu.publish(channel["id"])
        emu.advance(1)
        inserted = emu.events()  # insertion order
        assert len(inserted) == 3 * len(ACTIONS)
        for field in LIST_EVENTS.sortable:
            for descending in (False, True):
                direction = "desc" if descending else "asc"
                page = await list_all(http, "events", sort=f"{field}|{direction}")
                expected = sorted(
                    inserted, key=lambda e: _sort_key(e.get(field)), reverse=descending
                )
                got = [event["id"] for event in page["data"]]
                assert got == [event["id"] for event in expected], (field, direction)


@pytest.mark.parametrize("step", [0.0004, 0.0012, 0.0019])
async def test_one_sessions_events_have_distinct_wire_times(
    make_emulator: Callable[..., SigmaEmulator], step: float
) -> None:
    async with _served(make_emulator, step) as (emu, http):
        channel = await started_channel(http, name="one")
        session_id = emu.publish(channel["id"])
        emu.advance(1)
        page = await list_all(http, "events", {"sessionId": session_id}, sort="createdAt|asc")
    stamps = [event["createdAt"] for event in page["data"]]
    assert len(set(stamps)) == len(stamps) == len(ACTIONS)
    assert [event["action"] for event in page["data"]] == ACTIONS

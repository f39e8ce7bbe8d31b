"""Scenario 6: the emulator's channel lists with many stored channels (hardening item 23).

``GET /channels?perPage=10`` against a ``SigmaEmulator`` holding 10,000 large channels (a
250-character description, tags, a catch-up destination), sent one after another by a raw
aiohttp client in the same process: a list used to deep-copy every stored channel, so its cost
grew with the store, not with the page. Variants: the default order; another sort field; a
``q`` filter (which must read every channel: there is no per-field index); and a list after each
update (which invalidates the kept orders, so each list re-sorts). Lists per second and
milliseconds per list are medians over rounds.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from ._harness import Check, ScenarioResult, rotate, timed

# (No `|` in a label: it would split the Markdown table's cell.)
DEFAULT = "GET /channels?perPage=10 (default order)"
SORTED = "GET /channels?perPage=10, sorted by name ascending"
FILTERED = 'GET /channels?perPage=10, q={"tags":"even"}'
AFTER_UPDATE = "PATCH one channel, then GET /channels?perPage=10"
VARIANTS = [DEFAULT, SORTED, FILTERED, AFTER_UPDATE]
PARAMS: dict[str, dict[str, str]] = {
    DEFAULT: {"perPage": "10"},
    SORTED: {"perPage": "10", "sort": "name|asc"},
    FILTERED: {"perPage": "10", "q": json.dumps({"tags": "even"})},
    AFTER_UPDATE: {"perPage": "10"},
}


def _channel_body(number: int) -> dict[str, Any]:
    return {
        "name": f"bench-{number:05d}",
        "description": ("a large channel " * 16)[:250],
        "tags": ["bench", "even" if number % 2 == 0 else "odd", f"group-{number % 50}"],
        "destinationCatchup": {
            "type": "s3",
            "s3": {"bucket": "archive", "endpoint": "https://s3.example", "region": "ap-1"},
        },
    }


async def _populate(http: aiohttp.ClientSession, channels: int) -> list[str]:
    """Create the channels through the API, 32 at a time; returns their ids."""
    ids: list[str] = []
    for start in range(0, channels, 32):
        numbers = range(start, min(start + 32, channels))
        created = await asyncio.gather(*(_create(http, n) for n in numbers))
        ids.extend(created)
    return ids


async def _create(http: aiohttp.ClientSession, number: int) -> str:
    async with http.post("channels", json=_channel_body(number)) as response:
        if response.status != 201:
            raise RuntimeError(f"create answered {response.status}")
        return str((await response.json())["id"])


def _lister(
    http: aiohttp.ClientSession, variant: str, ids: list[str], problems: list[str]
) -> Callable[[int], Awaitable[None]]:
    params = PARAMS[variant]
    expected_total = len(ids) if variant != FILTERED else (len(ids) + 1) // 2

    async def list_once(number: int) -> None:
        if variant == AFTER_UPDATE:
            body = {"description": f"update {number}"}
            async with http.patch(f"channels/{ids[number % len(ids)]}", json=body) as response:
                await response.read()
        async with http.get("channels", params=params) as response:
            page = json.loads(await response.read())
        if response.status != 200 or page["total"] != expected_total or page["count"] != 10:
            problems.append(f"{variant}: HTTP {response.status}, {page.get('total')} total")

    return list_once


async def measure(*, channels: int = 10_000, lists: int = 200, rounds: int = 3) -> ScenarioResult:
    """Serve an emulator with ``channels`` channels and time ``lists`` lists per variant."""
    from sigma_async.testing import SigmaEmulator

    result = ScenarioResult(
        key="emulator-lists",
        title=f"Scenario 6: emulator channel lists, {channels:,} stored channels",
        columns=["lists/s", "ms per list"],
    )
    problems: list[str] = []
    async with SigmaEmulator(seed=6) as emu:
        headers = emu.credentials.headers()
        async with aiohttp.ClientSession(base_url=emu.api_url + "/", headers=headers) as http:
            ids = await _populate(http, channels)
            for round_no in range(rounds):
                for variant in rotate(VARIANTS, round_no):
                    list_once = _lister(http, variant, ids, problems)
                    await list_once(0)  # warm: the first list after a change sorts
                    with timed() as timing:
                        for number in range(1, lists + 1):
                            await list_once(number)
                    row = result.row(variant)
                    row.stat("lists/s").add(lists / timing.wall)
                    row.stat("ms per list", digits=2).add(timing.wall / lists * 1000)
        if emu.errors:
            problems.append(f"emulator errors: {emu.errors!r}")
    result.checks.append(
        Check(
            "every list answered its page and the right total",
            not problems,
            "; ".join(problems[:3]) or f"{lists * rounds * len(VARIANTS):,} lists checked",
        )
    )
    result.notes.append(
        "The emulator runs in the benchmark's own process and event loop, so each figure "
        "includes one raw aiohttp request's client cost (well under a millisecond). The "
        "filtered and after-update variants read or re-sort every channel by design; the "
        "default and sorted ones answer from kept orders and copy no channel."
    )
    return result


def run(**sizes: Any) -> ScenarioResult:
    """Run :func:`measure` at ``sizes`` in this process (emulator and client share one loop)."""
    return asyncio.run(measure(**sizes))

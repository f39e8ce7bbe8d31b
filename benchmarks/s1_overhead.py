"""Scenario 1: request overhead of ``channels.get`` against a minimal, fast server.

N requests at concurrency C against ``benchmarks._server`` in another process, which answers
``GET /channels/{id}`` with the guide's channel sample, pre-serialized. sigma-async against raw
aiohttp (``json.loads`` only; and, as references, the same plus our cattrs models or plus pydantic
v2 ``model_validate_json``), the client openapi-python-client generates from our spec, and a
plain ``httpx.AsyncClient``; clients are interleaved, each round starting with the next one.
Then :func:`paired`: the aiohttp-based clients, and the inline row of
:mod:`benchmarks._inline`, all open at once and timed in turn, block by block.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from ._clients import (
    FLOOR,
    HTTPX,
    OPC,
    OPENERS,
    PYDANTIC,
    RAW_AIOHTTP,
    RAW_MODELS,
    SIGMA,
    channel_id_of,
)
from ._data import CHANNEL_ID
from ._harness import (
    Check,
    Paired,
    ScenarioResult,
    ServerProcess,
    rotate,
    serve_and_measure,
    timed,
)
from ._inline import INLINE, open_inline
from ._profile import Profile, markdown, profiled

COLUMNS = [
    "requests/s",
    "client CPU ms / 1k req",
    "server CPU ms / 1k req",
    "machine busy",
    "vs raw aiohttp",
    "CPU vs raw aiohttp",
    "paired: vs raw aiohttp",
    "paired: CPU vs raw aiohttp",
]
# The httpx-based peers: ~20x slower here, so in the first rounds only and in no paired block.
SLOW_PEERS = (OPC, HTTPX)


async def drive(call: Callable[[], Awaitable[Any]], requests: int, concurrency: int) -> int:
    """Send ``requests`` calls from ``concurrency`` workers; return how many answered right."""
    remaining = iter(range(requests))
    right = 0

    async def worker() -> None:
        nonlocal right
        for _ in remaining:
            if channel_id_of(await call()) == CHANNEL_ID:
                right += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return right


async def warm_up(call: Callable[[], Awaitable[Any]], requests: int, concurrency: int) -> None:
    """One call alone, then ``requests`` calls from ``concurrency`` workers (the pool fills).

    The lone call first: it lets the response class of each client's HTTP library learn its
    attributes before any burst. A burst first would leave every later response of the
    process on CPython's slow attribute path (README.md, "A burst first"), and which client
    started a process would then decide its neighbours' figures.
    """
    await call()
    await drive(call, requests, concurrency)


async def measure(
    server: ServerProcess,
    *,
    server_impl: str,
    requests: int = 5_000,
    concurrency: int = 64,
    rounds: int = 5,
    peer_rounds: int = 2,
    paired_blocks: int = 30,
    paired_requests: int = 2_000,
    names: list[str] | None = None,
) -> ScenarioResult:
    """The rounds against ``server`` (``server_impl``, started by :func:`run`), then the blocks.

    The other keyword arguments are the scenario's sizes (the defaults: the issue's) and the
    clients to compare (``names``, by default all of them); :func:`paired` says what the
    blocks are.
    """
    names = names or [SIGMA, RAW_AIOHTTP, RAW_MODELS, FLOOR, PYDANTIC, OPC, HTTPX]
    result = ScenarioResult(
        key="overhead",
        title=(
            f"Scenario 1: request overhead, {requests:,} channels.get at concurrency {concurrency}"
        ),
        columns=COLUMNS,
    )
    wrong = 0
    sent = 0
    for round_no in range(rounds):
        # The httpx-based peers are ~20x slower here: they take part in the first rounds only.
        present = [n for n in names if round_no < peer_rounds or n not in SLOW_PEERS]
        for name in rotate(present, round_no):
            async with OPENERS[name](server.base_url) as client:
                await warm_up(client.get_channel, concurrency * 2, concurrency)
                server_cpu = server.cpu_seconds()
                with timed() as timing:
                    right = await drive(client.get_channel, requests, concurrency)
                server_cpu = server.cpu_seconds() - server_cpu
            wrong += requests - right
            sent += requests
            row = result.row(name)
            row.stat("requests/s").add(requests / timing.wall)
            row.stat("client CPU ms / 1k req", digits=1).add(timing.cpu / requests * 1e6)
            row.stat("server CPU ms / 1k req", digits=1).add(server_cpu / requests * 1e6)
            row.stat("machine busy", digits=2).add(timing.machine_busy)
    raw = result.median(RAW_AIOHTTP, "requests/s") if RAW_AIOHTTP in names else None
    for row in result.rows:
        if raw:
            row.cells["vs raw aiohttp"] = f"{result.median(row.label, 'requests/s') / raw:.2f}x"
            cpu = result.median(row.label, "client CPU ms / 1k req")
            raw_cpu = result.median(RAW_AIOHTTP, "client CPU ms / 1k req")
            row.cells["CPU vs raw aiohttp"] = f"{cpu / raw_cpu:.2f}x"
    fast = [name for name in names if name not in SLOW_PEERS]
    blocks = Blocks()
    if SIGMA in fast and RAW_AIOHTTP in fast:  # the blocks compare sigma-async with raw aiohttp
        fast.append(INLINE)  # a reference of the blocks only: what sigma-async's structure costs
        for column in COLUMNS:
            result.row(INLINE).cells[column] = "n/a"
        blocks = await paired(server.base_url, fast, paired_blocks, paired_requests, concurrency)
    wrong += blocks.wrong
    sent += blocks.sent
    for row in result.rows:
        paired_row = bool(blocks.wall.blocks) and row.label in fast
        row.cells["paired: vs raw aiohttp"] = (
            blocks.wall.text(row.label, RAW_AIOHTTP) if paired_row else "n/a"
        )
        # As the rounds' column: this client's CPU per request over raw aiohttp's.
        row.cells["paired: CPU vs raw aiohttp"] = (
            blocks.cpu.text(RAW_AIOHTTP, row.label) if paired_row else "n/a"
        )
    result.checks.append(
        Check(
            "every response decoded to the requested channel",
            wrong == 0,
            f"{wrong} wrong of {sent:,}",
        )
    )
    if SIGMA in names and raw:
        result.checks += _targets(result, names, raw)
    if blocks.wall.blocks:
        result.checks += _paired_targets(blocks, fast)
    if SIGMA in names and FLOOR in names:
        result.notes.append(_plumbing_note(result, names))
        if blocks.wall.blocks:
            result.notes.append(_paired_note(blocks))
    result.notes.append(markdown(await _profiles(server, names, requests, concurrency), "request"))
    result.notes.append(
        f"Server: `benchmarks._server --impl {server_impl}` in its own process. CPU columns are "
        "process CPU (user+system) over the timed block; `machine busy` is the share of both "
        "cores' time not idle meanwhile (every process, other people's included). Client and "
        "server share the cores, so requests/s also depends on the server's share; "
        "`CPU vs raw aiohttp` is the client's CPU per request relative to raw aiohttp. Rounds: "
        f"{rounds} for the aiohttp-based clients, {min(peer_rounds, rounds)} for the "
        f"httpx-based peers. The `paired:` columns come from {paired_blocks} blocks after the "
        f"rounds: every aiohttp-based client open at once, each block timing "
        f"{paired_requests:,} requests of each in turn, after an untimed burst that refills "
        "its pool and a full collection (the order rotates, and runs backwards every other "
        "block); a cell is the median over the blocks of raw aiohttp's time per request over "
        "this client's (so throughput, as `vs raw aiohttp`), or of this client's CPU per "
        "request over raw aiohttp's (as `CPU vs raw aiohttp`), with its quartiles. A slow "
        "stretch of a shared machine then falls on one block, on every client alike, not on "
        'one client\'s round (benchmarks/README.md, "Reading RESULTS.md"). '
        f"`{RAW_MODELS}` is a reference, not a target: raw aiohttp that "
        "also builds sigma-async's models with stdlib `json`, as a user would. "
        f"`{FLOOR}` is the design's floor, not a peer: raw aiohttp, then the client's own JSON "
        "reader (orjson when installed) and the generated structure function, called directly; "
        "sigma-async decodes the same way, so what separates it from this row is its own "
        "plumbing (request building, the gate, the attempt loop, error mapping, and its "
        "session's connector and per-request arguments). "
        f"`{PYDANTIC}` is what a demanding user would write instead: the same aiohttp session, "
        "then pydantic v2 models (generated by datamodel-codegen from our spec) validated from "
        "the body bytes in Rust."
    )
    return result


@dataclass
class Blocks:
    """What :func:`paired` measured, per request: wall time and client CPU, by client."""

    wall: Paired = field(default_factory=Paired)
    cpu: Paired = field(default_factory=Paired)
    sent: int = 0
    """Calls made, the untimed refills' included."""
    wrong: int = 0
    """Calls answered with another channel than the one asked for."""


def block_order(names: list[str], block_no: int) -> list[str]:
    """The clients of block ``block_no`` in turn: rotated, and backwards every other block.

    Rotation alone would give every client the same predecessor in nearly every block (and so
    the same neighbour's state to inherit); backwards, the other one.
    """
    order = rotate(names, block_no // 2)
    return order if block_no % 2 == 0 else order[::-1]


async def paired(
    base_url: str, names: list[str], blocks: int, requests: int, concurrency: int
) -> Blocks:
    """Time every client of ``names`` in ``blocks`` blocks of ``requests`` calls each.

    All the clients are open for the whole measurement, each warmed up as in the rounds; a
    block drives each in turn (:func:`block_order`). Before its timed turn a client sends one
    untimed call per worker: while the others run its connections sit idle for seconds, longer
    than sigma-async's 4 s keep-alive (aiohttp's default is 15 s), and without the refill it
    alone would reconnect inside its own timed turn. ``timed`` collects garbage first, so what
    the previous client left is not charged to this one.
    """
    result = Blocks()
    async with contextlib.AsyncExitStack() as stack:
        clients = {name: await stack.enter_async_context(opener(name)(base_url)) for name in names}
        for client in clients.values():
            await warm_up(client.get_channel, concurrency * 2, concurrency)
        for block_no in range(blocks):
            walls, cpus = {}, {}
            for name in block_order(names, block_no):
                get_channel = clients[name].get_channel
                right = await drive(get_channel, concurrency, concurrency)
                with timed() as timing:
                    right += await drive(get_channel, requests, concurrency)
                cpus[name] = timing.cpu / requests
                walls[name] = timing.wall / requests
                result.sent += concurrency + requests
                result.wrong += concurrency + requests - right
            result.wall.add(walls)
            result.cpu.add(cpus)
    return result


def opener(name: str) -> Callable[[str], Any]:
    """The client factory of ``name``: one of :data:`OPENERS`, or the inline row's."""
    return open_inline if name == INLINE else OPENERS[name]


def _paired_note(blocks: Blocks) -> str:
    """sigma-async and the inline row against the floor, in the paired blocks."""
    wall, cpu = blocks.wall, blocks.cpu
    return (
        f"By the paired blocks, against the floor: sigma-async's throughput "
        f"{wall.text(SIGMA, FLOOR)} the floor's, its client CPU per request "
        f"{cpu.text(FLOOR, SIGMA)} the floor's; `{INLINE}` (a reference of the blocks only, "
        "`benchmarks/_inline.py`: every per-request feature of sigma-async in one coroutine, "
        "with no route, no sans-I/O function, no engine or resource method): throughput "
        f"{wall.text(INLINE, FLOOR)} the floor's, CPU {cpu.text(FLOOR, INLINE)}. The floor's "
        f"throughput {wall.text(FLOOR, RAW_AIOHTTP)} raw aiohttp's."
    )


def _paired_targets(blocks: Blocks, names: list[str]) -> list[Check]:
    """The aiohttp-based peers' targets, read from the paired blocks."""
    checks = []
    for peer, least, what in THROUGHPUT_TARGETS:
        if peer not in names:
            continue
        ratio = blocks.wall.ratio(SIGMA, peer)
        checks.append(
            Check(
                f"target, by paired blocks: sigma-async >= {least:g}x {what}",
                ratio >= least,
                f"{blocks.wall.text(SIGMA, peer)}; sigma-async's client CPU per request "
                f"{blocks.cpu.text(peer, SIGMA)} the peer's",
            )
        )
    return checks


async def _profiles(
    server: ServerProcess, names: list[str], requests: int, concurrency: int
) -> list[Profile]:
    """Each variant once more under cProfile (the httpx-based peers with a tenth of the calls)."""
    profiles = []
    for name in names:
        calls = max(concurrency, requests // 10 if name in SLOW_PEERS else requests)
        async with OPENERS[name](server.base_url) as client:
            await warm_up(client.get_channel, concurrency * 2, concurrency)
            with profiled(name, calls) as out:
                await drive(client.get_channel, calls, concurrency)
        profiles += out
    return profiles


def _plumbing_note(result: ScenarioResult, names: list[str]) -> str:
    """sigma-async against the design's floor: what its own plumbing costs per request."""
    cpu = "client CPU ms / 1k req"
    sigma, floor = result.median(SIGMA, cpu), result.median(FLOOR, cpu)
    ratios = ", ".join(
        f"{peer}: {result.median(FLOOR, 'requests/s') / result.median(peer, 'requests/s'):.2f}x"
        for peer in (RAW_AIOHTTP, RAW_MODELS, PYDANTIC)
        if peer in names
    )
    return (
        f"The floor (`{FLOOR}`) against the targets' peers: {ratios}. sigma-async's plumbing "
        f"costs {sigma - floor:.1f} µs of client CPU per request over the floor "
        f"({sigma:.1f} vs {floor:.1f}; medians)."
    )


# The throughput targets for sigma-async: (peer, least ratio, why it is a target).
THROUGHPUT_TARGETS = (
    (RAW_AIOHTTP, 0.95, "raw aiohttp throughput"),
    (RAW_MODELS, 1.0, "raw aiohttp that builds the same cattrs models"),
    (PYDANTIC, 1.05, "hand-written aiohttp + pydantic v2 model_validate_json"),
    (OPC, 1.5, OPC),
    (HTTPX, 1.5, HTTPX),
)


def _targets(result: ScenarioResult, names: list[str], raw: float) -> list[Check]:
    """sigma-async's requests/s against every peer of this run that has a target."""
    sigma = result.median(SIGMA, "requests/s")
    cpu = "client CPU ms / 1k req"
    checks = []
    for peer, least, what in THROUGHPUT_TARGETS:
        if peer not in names:
            continue
        other = result.median(peer, "requests/s")
        detail = f"{sigma / other:.2f}x"
        if peer == RAW_AIOHTTP:
            detail += (
                f"; client CPU per request "
                f"{result.median(SIGMA, cpu) / result.median(RAW_AIOHTTP, cpu):.2f}x"
            )
        checks.append(
            Check(f"target: sigma-async >= {least:g}x {what}", sigma >= least * other, detail)
        )
    return checks


def run(*, server_impl: str = "raw", **sizes: Any) -> ScenarioResult:
    """Start the server (``server_impl``: raw or aiohttp) and :func:`measure` at ``sizes``."""
    server = ServerProcess("--pages", "1", "--impl", server_impl)
    return serve_and_measure(server, measure, server_impl=server_impl, **sizes)

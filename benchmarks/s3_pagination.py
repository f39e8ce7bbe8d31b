"""Scenario 3: iterate 100,000 sessions (1,000 pages of 100) with 0 ms and 20 ms server latency.

sigma-async's paginator at ``prefetch`` 1, 4 and 8 against a naive sequential raw-aiohttp loop
(``json.loads`` only, no models). The server (``benchmarks._server``, another process) serves
pre-serialized pages; the latency is a path prefix it strips. Items/s come from plain runs;
peak memory from separate runs under ``tracemalloc`` (which slows everything down), at 0 ms,
with 100 and with 1,000 pages.
"""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Awaitable, Callable
from typing import Any

from ._clients import API, aiohttp_session, sigma_client
from ._harness import Check, ScenarioResult, ServerProcess, rotate, serve_and_measure, timed

PER_PAGE = 100
NAIVE = "naive raw aiohttp loop (dicts)"


def sigma_label(prefetch: int) -> str:
    return f"sigma-async prefetch={prefetch}"


class Walk:
    """Counts the items of one iteration and checks they are exactly 0..N-1, in order."""

    def __init__(self) -> None:
        self.count = 0
        self.out_of_order = 0

    def see(self, item_id: str) -> None:
        if int(item_id[-12:]) != self.count:
            self.out_of_order += 1
        self.count += 1


Iterate = Callable[[int], Awaitable[Walk]]


def _sigma(client: Any, prefetch: int) -> Iterate:
    async def iterate(pages: int) -> Walk:
        walk = Walk()
        paginator = client.sessions.list(
            channel_id=f"pages-{pages}", per_page=PER_PAGE, prefetch=prefetch
        )
        async for session in paginator:
            walk.see(session.id)
        return walk

    return iterate


def _naive(session: Any, base_url: str) -> Iterate:
    url = f"{base_url}{API}/sessions"

    async def iterate(pages: int) -> Walk:
        walk = Walk()
        query = {"q": json.dumps({"channelId": f"pages-{pages}"}), "sort": "updatedAt|desc"}
        number = 1
        while True:
            params = {**query, "page": str(number), "perPage": str(PER_PAGE)}
            async with session.get(url, params=params) as response:
                if response.status != 200:
                    raise RuntimeError(f"HTTP {response.status}")
                body = json.loads(await response.read())
            for item in body["data"]:
                walk.see(item["id"])
            if not body["data"] or number * PER_PAGE >= body["total"]:
                return walk
            number += 1

    return iterate


async def _with_variant(
    name: str, base_url: str, use: Callable[[Iterate], Awaitable[None]]
) -> None:
    """Open the variant's client, warm it (one page), and hand its iterate function to ``use``."""
    if name == NAIVE:
        async with aiohttp_session() as session:
            iterate = _naive(session, base_url)
            await iterate(1)
            await use(iterate)
    else:
        prefetch = int(name.rsplit("=", 1)[1])
        async with sigma_client(base_url) as client:
            iterate = _sigma(client, prefetch)
            await iterate(1)
            await use(iterate)


async def measure(
    server: ServerProcess,
    *,
    pages: int,
    memory_pages: tuple[int, ...],
    rounds: dict[int, int] | None = None,
    prefetches: tuple[int, ...] = (1, 4, 8),
) -> ScenarioResult:
    """Walk ``pages`` pages per variant, latency and round; trace memory over ``memory_pages``.

    :func:`run` starts the server with enough pages for both; ``rounds`` is the number of
    rounds by latency in ms (by default 3 at 0 ms, 2 at 20 ms).
    """
    rounds = rounds if rounds is not None else {0: 3, 20: 2}
    names = [sigma_label(p) for p in prefetches] + [NAIVE]
    columns = [f"items/s @ {lat} ms" for lat in rounds]
    columns += [f"peak KiB, {p:,} pages" for p in memory_pages]
    if len(memory_pages) == 2:
        columns.append("memory ratio")
    result = ScenarioResult(
        key="pagination",
        title=(
            f"Scenario 3: pagination, {pages * PER_PAGE:,} sessions ({pages:,} pages of {PER_PAGE})"
        ),
        columns=columns,
    )
    problems: list[str] = []

    def check(name: str, walk: Walk, expected_pages: int) -> None:
        expected = expected_pages * PER_PAGE
        if walk.count != expected or walk.out_of_order:
            problems.append(f"{name}: {walk.count} items, {walk.out_of_order} out of order")

    for latency, latency_rounds in rounds.items():
        base_url = f"{server.base_url}/lat{latency}" if latency else server.base_url
        for round_no in range(latency_rounds):
            for name in rotate(names, round_no):
                if latency and round_no and name in (NAIVE, sigma_label(1)):
                    continue  # latency-bound and steady: one round is enough, and they are slow

                async def use(iterate: Iterate, name: str = name, latency: int = latency) -> None:
                    with timed() as timing:
                        walk = await iterate(pages)
                    check(name, walk, pages)
                    result.row(name).stat(f"items/s @ {latency} ms").add(walk.count / timing.wall)

                await _with_variant(name, base_url, use)

    for memory_run in memory_pages:
        for name in names:

            async def use_traced(
                iterate: Iterate, name: str = name, size: int = memory_run
            ) -> None:
                tracemalloc.start()
                try:
                    walk = await iterate(size)
                    peak = tracemalloc.get_traced_memory()[1]
                finally:
                    tracemalloc.stop()
                check(name, walk, size)
                result.row(name).stat(f"peak KiB, {size:,} pages").add(peak / 1024)

            await _with_variant(name, server.base_url, use_traced)

    result.checks.append(
        Check(
            "every item exactly once, in order",
            not problems,
            "; ".join(problems) or "ids 0..N-1 in sequence in every run",
        )
    )
    slow = max(rounds, default=0)
    if slow and 1 in prefetches and 8 in prefetches:
        column = f"items/s @ {slow} ms"
        p1 = result.median(sigma_label(1), column)
        p8 = result.median(sigma_label(8), column)
        result.checks.append(
            Check(
                f"target: at {slow} ms prefetch=8 >= 5x prefetch=1",
                p8 >= 5 * p1,
                f"{p8 / p1:.2f}x",
            )
        )
    if len(memory_pages) == 2:
        small, large = memory_pages
        for row in result.rows:
            ratio = result.median(row.label, f"peak KiB, {large:,} pages") / result.median(
                row.label, f"peak KiB, {small:,} pages"
            )
            row.cells["memory ratio"] = f"{ratio:.2f}x"
            if row.label != NAIVE:
                result.checks.append(
                    Check(
                        f"target: {row.label} peak memory flat ({small:,} vs {large:,} pages "
                        "within 10%)",
                        ratio <= 1.10,
                        f"{ratio:.2f}x",
                    )
                )
    result.notes.append(
        "Peak memory is tracemalloc's peak of Python allocations during one iteration (the "
        "client opened and warmed before tracing starts; items are counted, not kept). "
        + (
            f"Rounds per latency: {', '.join(f'{k} ms: {v}' for k, v in rounds.items())}, "
            "except that with latency the sequential variants (prefetch=1, naive) run once: "
            "they are bound by the latency, not by CPU, and take 20+ s per run."
            if rounds
            else ""
        )
    )
    return result


def run(
    *, pages: int = 1_000, memory_pages: tuple[int, ...] = (100, 1_000), **sizes: Any
) -> ScenarioResult:
    """Start a server holding ``max(pages, *memory_pages)`` pages and :func:`measure`."""
    server = ServerProcess("--pages", str(max(pages, *memory_pages)))
    return serve_and_measure(server, measure, pages=pages, memory_pages=memory_pages, **sizes)

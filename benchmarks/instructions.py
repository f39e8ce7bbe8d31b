"""Scenario 1's clients counted in CPU instructions under valgrind, where timings are too noisy.

``python -m benchmarks.instructions [variant ...]`` starts ``benchmarks._server`` in a child
process, then runs each scenario-1 client (all of them by default, and a ``null`` row: raw
aiohttp that decodes nothing) under ``valgrind --tool=callgrind`` twice, with a short and a long
run of requests at concurrency 64 after the same warm-up. The difference of the two totals over
the difference of the request counts is the client's instructions per request, start-up and
warm-up cancelled out. They count the client process only, and cache misses not at all.

Every counted process runs with the same string-hash seed (``PYTHONHASHSEED=0``). With Python's
random seed, a process's start-up moved by millions of instructions from one process to the
next (dict probing follows the hashes), which moved the per-request figure by about ±3k between
runs; with one seed, repeated counts of one client agree within about 1k (within 0.1k in one
run). One fixed seed could favour one client by chance: the same seed for every client keeps
them comparable, and the rows' differences stay within 1-2k under other seeds.

Under valgrind the client runs ~50x slower than the server, so the event loop finds more
responses ready per wake-up than in a timed run: ratios here are of the work per request, not a
forecast of the timed ratios. Needs valgrind (Debian's ``valgrind`` package); not run by the
suite, which runs the client half alone (``--client``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ._clients import (
    FLOOR,
    OPENERS,
    PYDANTIC,
    RAW_AIOHTTP,
    RAW_MODELS,
    SIGMA,
    open_aiohttp_decoding,
)
from ._data import CHANNEL_ID
from ._harness import ROOT, ServerProcess
from ._inline import INLINE, open_inline
from .s1_overhead import drive, warm_up

NULL = "raw aiohttp, nothing decoded"
WARM_UP = 200
CONCURRENCY = 64
_COLLECTED = re.compile(r"Collected : (\d+)")
# The aiohttp-based clients, by a short name; the httpx-based peers are ~20x too slow for this.
VARIANTS = {
    "sigma": SIGMA,
    "raw": RAW_AIOHTTP,
    "floor": FLOOR,
    "models": RAW_MODELS,
    "pydantic": PYDANTIC,
    "null": NULL,
    "inline": INLINE,
}


def _opener(name: str) -> Callable[[str], Any]:
    if name == NULL:
        decoded = {"id": CHANNEL_ID}
        return lambda base_url: open_aiohttp_decoding(base_url, lambda body: decoded)
    if name == INLINE:
        return open_inline
    return OPENERS[name]


async def run_client(name: str, requests: int, base_url: str) -> None:
    """Warm ``name``'s client up, then send ``requests`` calls; every answer must be right."""
    async with _opener(name)(base_url) as client:
        await warm_up(client.get_channel, WARM_UP, CONCURRENCY)
        right = await drive(client.get_channel, requests, CONCURRENCY)
    if right != requests:
        raise SystemExit(f"{name}: {requests - right} of {requests} answers wrong")


def count(name: str, requests: int, base_url: str) -> int:
    """Instructions of one client process that sends ``requests`` calls (after the warm-up)."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "benchmarks.instructions",
        "--client",
        name,
        str(requests),
        base_url,
    ]
    environment = {**os.environ, "NO_PROXY": "127.0.0.1", "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no total for {name}: {done.stderr[-500:]}")
    return int(found.group(1))


def per_request(
    names: Iterable[str], *, short: int = 300, long: int = 2300, jobs: int = 1
) -> dict[str, float]:
    """Each client's instructions per request (``long`` minus ``short`` calls), by name.

    ``jobs`` clients are counted at once (valgrind runs one process on one core); a count is
    of its own process only, and two side by side measured no difference beyond the noise.
    """
    names = list(names)
    with ServerProcess("--pages", "1", "--impl", "raw") as server:
        base_url = f"http://127.0.0.1:{server.port}"

        def one(name: str) -> float:
            extra = count(name, long, base_url) - count(name, short, base_url)
            return extra / (long - short)

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            return dict(zip(names, pool.map(one, names), strict=True))


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.instructions", description=__doc__)
    parser.add_argument(
        "variants", nargs="*", help=f"which clients: {', '.join(VARIANTS)} (default: all)"
    )
    parser.add_argument("--short", type=int, default=300, help="requests in the short run")
    parser.add_argument("--long", type=int, default=2300, help="requests in the long run")
    parser.add_argument("--jobs", type=int, default=1, help="clients counted at once (1 or more)")
    parser.add_argument("--client", nargs=3, metavar=("NAME", "REQUESTS", "URL"), help="internal")
    args = parser.parse_args(argv)
    if args.client:
        name, requests, base_url = args.client
        asyncio.run(run_client(name, int(requests), base_url))
        return 0
    if args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    unknown = set(args.variants) - VARIANTS.keys()
    if unknown:
        parser.error(f"unknown variant(s) {', '.join(sorted(unknown))}")
    names = [VARIANTS[key] for key in args.variants or VARIANTS]
    counts = per_request(names, short=args.short, long=args.long, jobs=args.jobs)
    for name, instructions in counts.items():
        print(f"{instructions / 1000:8.1f}k  {name}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

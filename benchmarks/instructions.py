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

With ``--simulate``, callgrind also simulates the caches and the branch predictor
(``--cache-sim=yes --branch-sim=yes``; one sigma-async process took 2.4-2.6x as long): each
row then has its first-level and last-level cache misses and its mispredicted branches a
request, and a cycle estimate that weighs them as the cachegrind manual does
(:attr:`Events.cycles`). Interpreted code that runs
the same number of instructions can miss far more often; the simulation shows how much.
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
from dataclasses import dataclass
from typing import Any

from ._clients import (
    FLOOR,
    PYDANTIC,
    RAW_AIOHTTP,
    RAW_MODELS,
    SIGMA,
    open_aiohttp_decoding,
)
from ._data import CHANNEL_ID
from ._harness import ROOT, ServerProcess
from ._inline import INLINE
from .s1_overhead import drive, opener, warm_up

NULL = "raw aiohttp, nothing decoded"
WARM_UP = 200
CONCURRENCY = 64
_EVENTS = re.compile(r"^==\d+== Events\s*:\s*(.+)$", re.MULTILINE)
_COLLECTED = re.compile(r"^==\d+== Collected\s*:\s*(.+)$", re.MULTILINE)
SIMULATION = ("--cache-sim=yes", "--branch-sim=yes")
"""callgrind's options that simulate the caches (first level and last level) and the branches."""
# The costs Events.cycles charges, on top of one cycle an instruction: the cachegrind manual's
# "an L1 miss will typically cost around 10 cycles, an LL miss can cost as much as 200 cycles,
# and a mispredicted branch costs in the region of 10 to 30 cycles".
L1_MISS_CYCLES = 10
"""Cycles a first-level miss costs in :attr:`Events.cycles`."""
LL_MISS_CYCLES = 200
"""Cycles a last-level miss costs in :attr:`Events.cycles`."""
MISPREDICT_CYCLES = 20
"""Cycles a mispredicted branch costs in :attr:`Events.cycles`."""
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
    return opener(name)


async def run_client(name: str, requests: int, base_url: str) -> None:
    """Warm ``name``'s client up, then send ``requests`` calls; every answer must be right."""
    async with _opener(name)(base_url) as client:
        await warm_up(client.get_channel, WARM_UP, CONCURRENCY)
        right = await drive(client.get_channel, requests, CONCURRENCY)
    if right != requests:
        raise SystemExit(f"{name}: {requests - right} of {requests} answers wrong")


@dataclass(frozen=True)
class Events:
    """What callgrind counted of one client: in all (:func:`count`) or a request.

    The misses are None unless the caches and branches were simulated (:data:`SIMULATION`).
    """

    instructions: float
    """Instructions executed (Ir)."""
    l1_misses: float | None = None
    """First-level misses: instruction fetches, data reads and data writes (I1mr+D1mr+D1mw)."""
    ll_misses: float | None = None
    """Last-level misses, the same three kinds (ILmr+DLmr+DLmw)."""
    mispredicts: float | None = None
    """Mispredicted branches: conditional and indirect (Bcm+Bim)."""

    @property
    def cycles(self) -> float | None:
        """A cycle estimate: one an instruction, plus each miss at the manual's cost, or None.

        A model, not a measurement: a real core retires several instructions a cycle and hides
        part of a miss behind other work. It ranks code whose misses differ where the
        instruction count alone cannot.
        """
        simulated = self.simulated()
        return None if simulated is None else simulated[3]

    def simulated(self) -> tuple[float, float, float, float] | None:
        """The L1 misses, LL misses, mispredicted branches and cycles, or None if not counted."""
        l1, ll, mispredicts = self.l1_misses, self.ll_misses, self.mispredicts
        if l1 is None or ll is None or mispredicts is None:
            return None
        cycles = (
            self.instructions
            + L1_MISS_CYCLES * l1
            + LL_MISS_CYCLES * ll
            + MISPREDICT_CYCLES * mispredicts
        )
        return l1, ll, mispredicts, cycles

    def minus(self, fewer: Events, requests: int) -> Events:
        """These totals minus ``fewer``'s (the same client, ``requests`` calls fewer), a call."""
        if requests <= 0:
            raise ValueError(f"the longer run must have more requests, not {requests} more")

        def each(more: float | None, less: float | None) -> float | None:
            return None if more is None or less is None else (more - less) / requests

        return Events(
            (self.instructions - fewer.instructions) / requests,
            each(self.l1_misses, fewer.l1_misses),
            each(self.ll_misses, fewer.ll_misses),
            each(self.mispredicts, fewer.mispredicts),
        )


def parse_events(report: str) -> Events:
    """The totals of callgrind's closing report (what it writes to standard error)."""
    events, collected = _EVENTS.search(report), _COLLECTED.search(report)
    if events is None or collected is None:
        raise ValueError(f"callgrind printed no totals: {report[-500:]}")
    totals = dict(zip(events.group(1).split(), map(int, collected.group(1).split()), strict=True))

    def total(*names: str) -> float | None:
        # A kind not simulated has none of its events; one half there and half not is no report.
        present = [name in totals for name in names]
        if not any(present):
            return None
        if not all(present):
            raise ValueError(f"callgrind's events lack some of {', '.join(names)}: {events[0]}")
        return float(sum(totals[name] for name in names))

    instructions = total("Ir")
    if instructions is None:
        raise ValueError(f"callgrind counted no instructions: {events[0]}")
    return Events(
        instructions,
        total("I1mr", "D1mr", "D1mw"),
        total("ILmr", "DLmr", "DLmw"),
        total("Bcm", "Bim"),
    )


def count(name: str, requests: int, base_url: str, *, simulate: bool = False) -> Events:
    """What one client process counts in sending ``requests`` calls (after the warm-up)."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        *(SIMULATION if simulate else ()),
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
    try:
        return parse_events(done.stderr)
    except ValueError as error:
        raise RuntimeError(f"{name}: {error}") from None


def per_request(
    names: Iterable[str],
    *,
    short: int = 300,
    long: int = 2300,
    jobs: int = 1,
    simulate: bool = False,
) -> dict[str, Events]:
    """Each client's counts a request (``long`` minus ``short`` calls), by name.

    ``jobs`` clients are counted at once (valgrind runs one process on one core); a count is
    of its own process only, and two side by side measured no difference beyond the noise.
    ``simulate`` adds the cache and branch simulation (:data:`SIMULATION`).
    """
    names = list(names)
    with ServerProcess("--pages", "1", "--impl", "raw") as server:
        base_url = f"http://127.0.0.1:{server.port}"

        def one(name: str) -> Events:
            more = count(name, long, base_url, simulate=simulate)
            fewer = count(name, short, base_url, simulate=simulate)
            return more.minus(fewer, long - short)

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
    parser.add_argument(
        "--simulate", action="store_true", help="also simulate the caches and branches (slower)"
    )
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
    counts = per_request(
        names, short=args.short, long=args.long, jobs=args.jobs, simulate=args.simulate
    )
    for name, events in counts.items():
        print(f"{describe(events)}  {name}", flush=True)
    return 0


def describe(events: Events) -> str:
    """One row of the tool's output: instructions, then the simulated misses when counted."""
    text = f"{events.instructions / 1000:8.1f}k"
    simulated = events.simulated()
    if simulated is None:
        return text
    l1, ll, mispredicts, cycles = simulated
    return (
        f"{text}  L1 misses {thousands(l1, 2)}  LL misses {thousands(ll, 2)}"
        f"  mispredicts {thousands(mispredicts, 2)}  est. cycles {thousands(cycles)}"
    )


def thousands(count: float, digits: int = 1) -> str:
    """``count`` in thousands (``12.3k``); a difference of two runs that is zero but for noise
    (no last-level misses, say) reads ``0.00k``, not ``-0.00k``."""
    text = f"{count / 1000:.{digits}f}k"
    return text[1:] if text.startswith("-") and float(text[1:-1]) == 0 else text


if __name__ == "__main__":
    sys.exit(main())

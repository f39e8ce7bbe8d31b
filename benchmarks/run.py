"""Run the benchmark suite: ``python -m benchmarks [--quick] [--only NAME ...]``.

Writes ``benchmarks/RESULTS.md`` (unless ``--output -``) and prints a short summary. Every
server runs on 127.0.0.1 in a child process; see README.md for how to read the numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import (
    s1_overhead,
    s2_decoding,
    s3_pagination,
    s4_bulk,
    s5_ratelimit,
    s6_emulator_lists,
    s7_cli_startup,
    s8_instructions,
)
from ._harness import Check, ScenarioResult, machine, versions
from ._peers import warning_note

SCENARIOS: dict[str, Callable[..., ScenarioResult]] = {
    "overhead": s1_overhead.run,
    "decoding": s2_decoding.run,
    "pagination": s3_pagination.run,
    "bulk": s4_bulk.run,
    "ratelimit": s5_ratelimit.run,
    "emulator-lists": s6_emulator_lists.run,
    "cli-startup": s7_cli_startup.run,
    "instructions": s8_instructions.run,
}

# Each size's arguments by scenario, over the scenario's own defaults. The sizes (a few
# minutes on a 2-core machine) are those defaults, on the keyword arguments of each scenario's
# ``measure()`` (or ``run()``, for what it needs to start a server), so "full" is written once.
SIZES: dict[str, dict[str, dict[str, Any]]] = {
    "full": {},
    # Same shapes, smaller: about a minute.
    "quick": {
        "overhead": {
            "requests": 2_000,
            "concurrency": 64,
            "rounds": 3,
            "peer_rounds": 1,
            "paired_blocks": 10,
        },
        "decoding": {"records": 3_000, "rounds": 3, "pages": 30, "drift_blocks": 20},
        "pagination": {"pages": 200, "rounds": {0: 2, 20: 1}, "memory_pages": (20, 200)},
        "bulk": {"channels": 500, "concurrencies": (8, 32, 128), "rounds": 1},
        "ratelimit": {"channels": 1_000, "rate": 200.0, "burst": 20, "rounds": 1},
        "emulator-lists": {"channels": 10_000, "lists": 50, "rounds": 1},
        "cli-startup": {"rounds": 5},
        "instructions": {"short": 100, "long": 600, "simulate": False},
    },
    # Each scenario once at tiny size: what tests/benchmarks/test_smoke.py runs.
    "smoke": {
        "overhead": {
            "requests": 40,
            "concurrency": 4,
            "rounds": 1,
            "peer_rounds": 1,
            "paired_blocks": 2,
            "paired_requests": 40,
        },
        "decoding": {
            "records": 20,
            "rounds": 1,
            "pages": 2,
            "bad_page_size": 64 * 1024,
            "drift_blocks": 4,
        },
        "pagination": {"pages": 3, "rounds": {0: 1, 20: 1}, "memory_pages": (1, 3)},
        "bulk": {
            "channels": 20,
            "concurrencies": (2, 8),
            "fault_rates": (0.0, 0.3),
            "rounds": 1,
            "retry_base_delay": 0.01,
        },
        "ratelimit": {"channels": 20, "rate": 50.0, "burst": 5, "concurrency": 8, "rounds": 1},
        "emulator-lists": {"channels": 30, "lists": 3, "rounds": 1},
        "cli-startup": {"rounds": 1},
        "instructions": {"short": 2, "long": 6, "variants": ("null",), "simulate": False},
    },
}


def render(results: list[ScenarioResult], *, size: str, started: dt.datetime) -> str:
    """The whole RESULTS.md."""
    facts = machine()
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m benchmarks{'' if size == 'full' else ' --size ' + size}` "
        f"({size} sizes) on {started:%Y-%m-%d %H:%M} UTC; see README.md for how to run and "
        "read it. Cells are medians over the rounds, with min-max in parentheses; a `paired:` "
        "cell is the median of ratios taken within blocks, with their quartiles. Only ratios "
        "between variants of one run mean much: the machine is shared and noisy.",
        "",
        "## Environment",
        "",
        "| | |",
        "| --- | --- |",
    ]
    lines += [f"| {key} | {value} |" for key, value in facts.items()]
    lines += ["", "| library | version |", "| --- | --- |"]
    lines += [f"| {name} | {version} |" for name, version in versions().items()]
    lines += ["", "## Targets", ""]
    for result in results:
        for check in result.checks:
            mark = "met" if check.passed else "**MISSED**"
            lines.append(f"- {result.key}: {check.name}: {mark} ({check.detail})")
    note = warning_note()
    if note:
        lines += ["", "## Peer generation", "", note]
    lines += ["", "## Scenarios", ""]
    for result in results:
        lines.append(result.markdown())
        lines.append(f"_{result.seconds:.0f} s._")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def summary(results: list[ScenarioResult]) -> str:
    """A few lines for the terminal."""
    lines = []
    for result in results:
        met = sum(check.passed for check in result.checks)
        lines.append(
            f"{result.key}: {met}/{len(result.checks)} checks met ({result.seconds:.0f} s)"
        )
        for check in result.checks:
            lines.append(f"  [{'ok' if check.passed else 'MISS'}] {check.name}: {check.detail}")
    return "\n".join(lines)


def run(
    size: str, only: list[str] | None = None, *, keep_going: bool = False, **overrides: Any
) -> list[ScenarioResult]:
    """Run the chosen scenarios at ``size`` and return their results.

    With ``keep_going`` a scenario that raises becomes a result with one failed check (the
    error) and the others still run; without it the exception propagates (the smoke test).
    """
    results = []
    for name, scenario in SCENARIOS.items():
        if only and name not in only:
            continue
        print(f"running {name} ({size})...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            result = scenario(**{**SIZES[size].get(name, {}), **overrides.get(name, {})})
        except Exception as error:
            if not keep_going:
                raise
            traceback.print_exc()
            failed = ScenarioResult(key=name, title=f"{name}: did not run", columns=[])
            failed.checks.append(Check("scenario ran", False, f"{type(error).__name__}: {error}"))
            result = failed
        # Each scenario's wall time, timed here once rather than by every scenario.
        result.seconds = time.perf_counter() - started
        results.append(result)
    return results


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, about a minute")
    parser.add_argument(
        "--size", choices=list(SIZES), help="sizes by name (--quick is --size quick)"
    )
    parser.add_argument(
        "--only", nargs="+", choices=list(SCENARIOS), help="run only these scenarios"
    )
    parser.add_argument(
        "--output",
        default=str(Path(__file__).with_name("RESULTS.md")),
        help="where to write the Markdown results ('-' for nowhere)",
    )
    parser.add_argument(
        "--server",
        choices=["raw", "aiohttp"],
        default="raw",
        help="scenario 1's server: raw asyncio protocol (default) or aiohttp.web",
    )
    args = parser.parse_args(argv)
    size = args.size or ("quick" if args.quick else "full")
    started = dt.datetime.now(dt.timezone.utc)
    clock = time.perf_counter()
    results = run(size, args.only, keep_going=True, overhead={"server_impl": args.server})
    print(summary(results))
    if args.output != "-":
        Path(args.output).write_text(render(results, size=size, started=started), "utf-8")
        print(f"wrote {args.output}")
    print(f"total {time.perf_counter() - clock:.0f} s")
    crashed = [r.key for r in results if any(c.name == "scenario ran" for c in r.checks)]
    return 1 if crashed else 0

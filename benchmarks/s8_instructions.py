"""Scenario 8: scenario 1's aiohttp-based clients counted in CPU instructions, and the budgets.

Scenario 1's timed ratios move by 10-20 % between runs on a shared machine; callgrind's counts
of the client process move by about ±3k instructions a request between runs
(:mod:`benchmarks.instructions`). This scenario counts every aiohttp-based client of scenario 1
and a ``null`` row (raw aiohttp that decodes nothing), then works out, for each of scenario 1's
targets, the most instructions a request sigma-async may run to meet it by this measure, and
how much of that the HTTP library and decoding already take. Instructions are not time
(README.md: interpreted Python costs more per instruction than ``json``'s C loop): its checks
are the same targets read by work instead of time, listed as such ("by instructions"), and a
budget within 3k of sigma-async's count is within the noise. Skipped, with a note, where
valgrind is not installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence

from ._clients import FLOOR, RAW_AIOHTTP, SIGMA
from ._harness import Check, ScenarioResult
from .instructions import NULL, VARIANTS, per_request
from .s1_overhead import THROUGHPUT_TARGETS

NOISE = 3_000.0
"""How far counts of one client move between runs, in instructions a request."""

COLUMNS = ["instructions a request", "vs raw aiohttp", "over the null row"]


def run(
    *, short: int = 300, long: int = 2300, variants: Sequence[str] = tuple(VARIANTS), jobs: int = 2
) -> ScenarioResult:
    """Count ``variants`` (short names of :data:`~benchmarks.instructions.VARIANTS`).

    Each is counted after ``short`` and after ``long`` requests, ``jobs`` clients at a time.
    """
    result = ScenarioResult(
        key="instructions",
        title=(
            f"Scenario 8: scenario 1's clients in CPU instructions a request "
            f"(callgrind, {long:,} minus {short:,} requests at concurrency 64)"
        ),
        columns=COLUMNS,
    )
    if shutil.which("valgrind") is None:
        result.notes.append("Not counted: valgrind is not installed on this machine.")
        return result
    counts = per_request([VARIANTS[key] for key in variants], short=short, long=long, jobs=jobs)
    for name, instructions in counts.items():
        row = result.row(name)
        row.cells["instructions a request"] = f"{instructions / 1000:.1f}k"
        if RAW_AIOHTTP in counts:
            row.cells["vs raw aiohttp"] = f"{counts[RAW_AIOHTTP] / instructions:.2f}x"
        if NULL in counts:
            row.cells["over the null row"] = f"{(instructions - counts[NULL]) / 1000:+.1f}k"
    result.checks += budgets(counts)
    result.notes.append(
        "`vs raw aiohttp` is raw aiohttp's count over the row's, as a throughput ratio reads. "
        f"`{NULL}` sends the same requests and decodes nothing: what aiohttp's `ClientSession` "
        "costs before any client's own work. Each client runs in its own process under "
        "valgrind, after one call alone and a warm-up burst (scenario 1's `warm_up`); the "
        "server is `benchmarks._server --impl raw`, outside the count."
    )
    return result


def budgets(counts: dict[str, float]) -> list[Check]:
    """For each scenario-1 target whose peer was counted: sigma-async's count against its budget.

    A target ``sigma >= r x peer`` allows sigma-async ``peer / r`` instructions a request; the
    floor (the client's own decoding with no plumbing) shows how much of that is left for the
    SDK's work, and the ``null`` row how much of it aiohttp takes before anything is decoded.
    """
    if SIGMA not in counts:
        return []
    sigma = counts[SIGMA]
    checks = []
    for peer, least, what in THROUGHPUT_TARGETS:
        if peer not in counts:  # the httpx-based peers are never counted
            continue
        budget = counts[peer] / least
        detail = f"{sigma / 1000:.1f}k against at most {budget / 1000:.1f}k"
        if FLOOR in counts:
            floor = counts[FLOOR]
            if floor > budget:
                detail += (
                    f"; the floor alone, with no plumbing, runs {floor / 1000:.1f}k: no client "
                    "that reads JSON and builds the models as the floor does can meet it"
                )
                if NULL in counts and counts[NULL] > budget:
                    detail += f" (aiohttp alone, decoding nothing, runs {counts[NULL] / 1000:.1f}k)"
                elif NULL in counts:
                    null = counts[NULL]
                    detail += (
                        f" (aiohttp decoding nothing {null / 1000:.1f}k; the floor's decoding "
                        f"{(floor - null) / 1000:.1f}k against {(budget - null) / 1000:.1f}k "
                        "left for all of a client's work)"
                    )
            else:
                plumbing = sigma - floor
                detail += (
                    f"; the floor runs {floor / 1000:.1f}k, which leaves the SDK's plumbing "
                    f"{(budget - floor) / 1000:.1f}k: "
                    + (
                        f"it takes {plumbing / 1000:.1f}k"
                        if plumbing > 0
                        else "sigma-async runs no more than the floor"
                    )
                )
        if abs(sigma - budget) < NOISE:
            detail += " (within the noise of about 3k)"
        checks.append(
            Check(f"by instructions: sigma-async >= {least:g}x {what}", sigma <= budget, detail)
        )
    return checks

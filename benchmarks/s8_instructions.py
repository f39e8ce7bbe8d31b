"""Scenario 8: scenario 1's aiohttp-based clients counted in CPU instructions, and the budgets.

Scenario 1's timed ratios move by 10-20 % between runs on a shared machine; callgrind's counts
of the client process move by about 1k instructions a request between runs
(:mod:`benchmarks.instructions`). This scenario counts every aiohttp-based client of scenario 1,
a ``null`` row (raw aiohttp that decodes nothing) and an ``inline`` row (sigma-async's
per-request features written out in one coroutine, :mod:`benchmarks._inline`). Then it works
out, for each of scenario 1's targets, the most instructions a request sigma-async may run to
meet it by this measure, and how much of that the HTTP library and decoding already take.
Instructions are not time (README.md: interpreted Python costs more per instruction than
``json``'s C loop): its checks are the same targets read by work instead of time, listed as
such ("by instructions"), and a budget within 1.5k of sigma-async's count is within the noise.
Skipped, with a note, where valgrind is not installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence

from ._clients import FLOOR, RAW_AIOHTTP, SIGMA
from ._harness import Check, ScenarioResult
from ._inline import INLINE
from .instructions import CONCURRENCY, NULL, VARIANTS, per_request
from .s1_overhead import THROUGHPUT_TARGETS

NOISE = 1_500.0
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
            f"(callgrind, {long:,} minus {short:,} requests at concurrency {CONCURRENCY})"
        ),
        columns=COLUMNS,
    )
    if shutil.which("valgrind") is None:
        result.notes.append("Not counted: valgrind is not installed on this machine.")
        return result
    counts = per_request([VARIANTS[key] for key in variants], short=short, long=long, jobs=jobs)
    for name, instructions in counts.items():
        row = result.row(name)
        row.cells["instructions a request"] = _k(instructions)
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
    SDK's work, the ``inline`` row how much of the SDK's work its features take and how much
    its modules, and the ``null`` row how much aiohttp takes before anything is decoded.
    """
    if SIGMA not in counts:
        return []
    sigma = counts[SIGMA]
    checks = []
    for peer, least, what in THROUGHPUT_TARGETS:
        if peer not in counts:  # the httpx-based peers are never counted
            continue
        budget = counts[peer] / least
        detail = f"{_k(sigma)} against at most {_k(budget)}" + _where_it_goes(counts, budget)
        if abs(sigma - budget) < NOISE:
            detail += f" (within the noise of about {_k(NOISE, digits=0)})"
        checks.append(
            Check(f"by instructions: sigma-async >= {least:g}x {what}", sigma <= budget, detail)
        )
    return checks


def _where_it_goes(counts: dict[str, float], budget: float) -> str:
    # What the floor (and, past it, aiohttp alone) already takes of ``budget``.
    if FLOOR not in counts:
        return ""
    floor = counts[FLOOR]
    if floor <= budget:
        plumbing = counts[SIGMA] - floor
        taken = (
            f"it takes {_k(plumbing)}"
            if plumbing > 0
            else "sigma-async runs no more than the floor"
        )
        left = _k(budget - floor)
        detail = f"; the floor runs {_k(floor)}, which leaves the SDK's plumbing {left}: {taken}"
        if INLINE not in counts:
            return detail
        features, structure = counts[INLINE] - floor, counts[SIGMA] - counts[INLINE]
        return detail + (
            f" (its per-request features written inline, with no structure, "
            f"take {_k(features)}; its modules {_k(structure)} more)"
        )
    detail = (
        f"; the floor alone, with no plumbing, runs {_k(floor)}: no client that reads JSON and "
        "builds the models as the floor does can meet it"
    )
    if NULL not in counts:
        return detail
    null = counts[NULL]
    if null > budget:
        return detail + f" (aiohttp alone, decoding nothing, runs {_k(null)})"
    return detail + (
        f" (aiohttp decoding nothing {_k(null)}; the floor's decoding {_k(floor - null)} "
        f"against {_k(budget - null)} left for all of a client's work)"
    )


def _k(instructions: float, *, digits: int = 1) -> str:
    return f"{instructions / 1000:.{digits}f}k"

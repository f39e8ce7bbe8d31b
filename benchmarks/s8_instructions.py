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
from .instructions import (
    CONCURRENCY,
    L1_MISS_CYCLES,
    LL_MISS_CYCLES,
    MISPREDICT_CYCLES,
    NULL,
    VARIANTS,
    Events,
    per_request,
)
from .instructions import thousands as _k
from .s1_overhead import THROUGHPUT_TARGETS

NOISE = 1_500.0
"""How far counts of one client move between runs, in instructions a request."""

COLUMNS = ["instructions a request", "vs raw aiohttp", "over the null row"]
SIMULATED_COLUMNS = [
    "L1 misses a request",
    "LL misses a request",
    "mispredicted branches a request",
    "estimated cycles a request",
    "vs raw aiohttp by cycles",
]
"""The columns that callgrind's cache and branch simulation adds."""


def run(
    *,
    short: int = 300,
    long: int = 2300,
    variants: Sequence[str] = tuple(VARIANTS),
    jobs: int = 2,
    simulate: bool = True,
) -> ScenarioResult:
    """Count ``variants`` (short names of :data:`~benchmarks.instructions.VARIANTS`).

    Each is counted after ``short`` and after ``long`` requests, ``jobs`` clients at a time;
    ``simulate`` adds callgrind's cache and branch simulation (the quick and smoke sizes leave
    it out).
    """
    result = ScenarioResult(
        key="instructions",
        title=(
            f"Scenario 8: scenario 1's clients in CPU instructions a request "
            f"(callgrind, {long:,} minus {short:,} requests at concurrency {CONCURRENCY})"
        ),
        columns=COLUMNS + (SIMULATED_COLUMNS if simulate else []),
    )
    if shutil.which("valgrind") is None:
        result.notes.append("Not counted: valgrind is not installed on this machine.")
        return result
    events = per_request(
        [VARIANTS[key] for key in variants], short=short, long=long, jobs=jobs, simulate=simulate
    )
    fill(result, events)
    result.notes.append(
        "`vs raw aiohttp` is raw aiohttp's count over the row's, as a throughput ratio reads. "
        f"`{NULL}` sends the same requests and decodes nothing: what aiohttp's `ClientSession` "
        "costs before any client's own work. Each client runs in its own process under "
        "valgrind, after one call alone and a warm-up burst (scenario 1's `warm_up`); the "
        "server is `benchmarks._server --impl raw`, outside the count."
    )
    return result


def fill(result: ScenarioResult, events: dict[str, Events]) -> None:
    """The rows, the budgets' checks and (with the simulation) the misses' note, from counts."""
    counts = {name: counted.instructions for name, counted in events.items()}
    raw_cycles = events[RAW_AIOHTTP].cycles if RAW_AIOHTTP in events else None
    for name, counted in events.items():
        row = result.row(name)
        row.cells["instructions a request"] = _k(counted.instructions)
        if RAW_AIOHTTP in counts:
            row.cells["vs raw aiohttp"] = f"{counts[RAW_AIOHTTP] / counted.instructions:.2f}x"
        if NULL in counts:
            row.cells["over the null row"] = f"{(counted.instructions - counts[NULL]) / 1000:+.1f}k"
        simulated = counted.simulated()
        if simulated is None:
            continue
        l1, ll, mispredicts, cycles = simulated
        row.cells["L1 misses a request"] = _k(l1, digits=2)
        row.cells["LL misses a request"] = _k(ll, digits=2)
        row.cells["mispredicted branches a request"] = _k(mispredicts, digits=2)
        row.cells["estimated cycles a request"] = _k(cycles)
        if raw_cycles is not None:
            row.cells["vs raw aiohttp by cycles"] = f"{raw_cycles / cycles:.2f}x"
    result.checks += budgets(counts)
    note = misses_note(events)
    if note:
        result.notes.append(note)


def misses_note(events: dict[str, Events]) -> str:
    """What the simulation adds: the cycle model, and how often sigma-async's work over the
    floor's misses (when both were counted); empty when nothing was simulated."""
    if not any(counted.simulated() for counted in events.values()):
        return ""
    text = (
        f"Estimated cycles: one an instruction, {L1_MISS_CYCLES} a first-level (L1) miss, "
        f"{LL_MISS_CYCLES} a last-level (LL) miss and {MISPREDICT_CYCLES} a mispredicted "
        "branch, the costs the cachegrind manual gives; the caches simulated are this "
        "machine's, as valgrind reads them, for the client process alone. A model that weighs "
        "misses against instructions, not a forecast of time: a real core runs several "
        "instructions a cycle and hides part of each miss."
    )
    sigma, floor = events.get(SIGMA), events.get(FLOOR)
    ours = None if sigma is None else sigma.simulated()
    theirs = None if floor is None else floor.simulated()
    if sigma is None or floor is None or ours is None or theirs is None:
        return text
    sigma_l1, _, sigma_mispredicts, sigma_cycles = ours
    floor_l1, _, floor_mispredicts, floor_cycles = theirs
    extra = sigma.instructions - floor.instructions
    if extra <= 0:
        return text
    per_k = 1000 / extra
    return text + (
        f" Over the floor, sigma-async runs {_k(extra)} instructions a request more, with "
        f"{_k(sigma_l1 - floor_l1, digits=2)} more L1 misses "
        f"({(sigma_l1 - floor_l1) * per_k:.0f} per 1k of those instructions, "
        f"against {floor_l1 / floor.instructions * 1000:.0f} per 1k of the floor's) "
        f"and {_k(sigma_mispredicts - floor_mispredicts, digits=2)} more mispredicted "
        f"branches ({(sigma_mispredicts - floor_mispredicts) * per_k:.0f} per 1k, against "
        f"{floor_mispredicts / floor.instructions * 1000:.0f}): by the estimate its plumbing "
        f"costs {sigma_cycles / floor_cycles - 1:.1%} over the floor, against "
        f"{sigma.instructions / floor.instructions - 1:.1%} by instructions."
    )


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

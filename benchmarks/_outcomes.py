"""Checks shared by the bulk scenarios (4 and 5): every outcome against the emulator's state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._harness import Check


def outcome_problems(
    result: Any, ids: list[str], statuses: dict[str, str], expected: Callable[[Any], bool]
) -> tuple[list[str], int, int]:
    """Problems of a ``BulkResult`` for ``ids`` started on the emulator, and its counts.

    One outcome per input, in input order, for the right channel; a succeeded channel is active
    on the server, a failed one still idle, and its error one that ``expected`` accepts.
    Returns the problems and the numbers of succeeded and failed outcomes.
    """
    problems: list[str] = []
    if len(result) != len(ids):
        problems.append(f"{len(result)} outcomes for {len(ids)} items")
    succeeded = failed = 0
    for index, (outcome, channel_id) in enumerate(zip(result, ids, strict=False)):
        where = f"item {index} ({channel_id})"
        if outcome.index != index or outcome.item != channel_id:
            problems.append(f"{where}: outcome is for item {outcome.index} ({outcome.item})")
        server = statuses.get(channel_id)
        if outcome.ok:
            succeeded += 1
            if server != "active":
                problems.append(f"{where}: succeeded but the channel is {server}")
            continue
        failed += 1
        if server != "idle":
            problems.append(f"{where}: failed but the channel is {server}")
        if not expected(outcome.error):
            problems.append(f"{where}: failed with {outcome.error!r}")
    return problems, succeeded, failed


def state_report(emulator: Any, operation: str) -> dict[str, Any]:
    """What both emulator hosts report: every channel's status, and ``operation``s applied."""
    return {
        "statuses": {channel["id"]: channel["status"] for channel in emulator.channels()},
        "applied": emulator.stats.applied[operation],
    }


def outcomes_check(problems: list[str]) -> Check:
    """The target both bulk scenarios share: no problem found in any run's outcomes."""
    return Check(
        "target: every outcome right, none lost or doubled",
        not problems,
        "; ".join(problems[:10])
        or "outcomes match inputs one to one; server state and counters agree",
    )

"""What the demo prints: numbered steps, tables, counts and timings, then a summary.

With ``--json`` nothing is printed along the way; one JSON document sums the run up at the end.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import attrs

from .. import Event
from ..bulk import BulkResult
from .console import Console
from .output import Column, to_json
from .progress import totals_line
from .views import EVENT_COLUMNS

__all__ = ["DemoReport", "Phase"]


@attrs.frozen
class Phase:
    """One timed step of the demo and how many of its items succeeded."""

    name: str
    items: int
    succeeded: int
    failed: int
    seconds: float


_PHASE_COLUMNS = (
    Column("STEP", lambda p: p.name),
    Column("ITEMS", lambda p: p.items),
    Column("OK", lambda p: p.succeeded),
    Column("FAILED", lambda p: p.failed),
    Column("SECONDS", lambda p: f"{p.seconds:.3f}"),
)


def _of_second(column: Column) -> Column:
    """Return ``column`` reading the second element of ``(arrival, event)`` rows."""
    return Column(column.heading, lambda row: column.read(row[1]), limit=column.limit)


class DemoReport:
    """Collects the demo's phases and prints them as they happen (or as JSON at the end)."""

    def __init__(self, console: Console, *, as_json: bool) -> None:
        self._console = console
        self._json = as_json
        self._steps = 0
        self.phases: list[Phase] = []
        self.problems: list[str] = []
        self._document: dict[str, Any] = {"steps": [], "watchedEvents": []}

    def _say(self, text: str = "") -> None:
        if not self._json:
            self._console.out(text)

    def banner(self, title: str, facts: Sequence[tuple[str, str]]) -> None:
        """Print the first lines: what runs against what."""
        self._document.update({key: value for key, value in facts})
        self._say(title)
        width = max(len(key) for key, _ in facts)
        for key, value in facts:
            self._say(f"  {key:<{width}}  {value}")

    @property
    def phases_started(self) -> bool:
        """Whether any step has begun."""
        return self._steps > 0

    def step(self, title: str, api: str) -> None:
        """Start a numbered step, naming the SDK call it shows."""
        self._steps += 1
        self._document["steps"].append({"step": self._steps, "title": title, "api": api})
        self._say()
        self._say(f"== {self._steps}. {title}  [{api}]")

    def line(self, text: str) -> None:
        """One line of commentary under the current step."""
        self._say(text)

    def skip(self, why: str) -> None:
        """Say a step was skipped, and why."""
        self._document["steps"][-1]["skipped"] = why
        self._say(f"skipped: {why}")

    def phase(self, name: str, items: int, succeeded: int, failed: int, seconds: float) -> None:
        """Record a timed phase for the summary."""
        self.phases.append(Phase(name, items, succeeded, failed, seconds))
        if failed:
            self.problems.append(f"{name}: {failed} of {items} failed")

    def bulk(self, name: str, result: BulkResult[Any, Any], *, noun: str, verb: str) -> None:
        """Record a bulk call: its totals line, and every item that did not succeed."""
        failures = [outcome for outcome in result if not outcome.ok]
        self.phase(name, len(result), len(result.succeeded), len(failures), result.elapsed)
        self._say(totals_line(result, noun, verb))
        for outcome in failures:
            self._say(f"  {outcome.label}: {outcome.state.value}: {outcome.error}")

    def table(
        self, columns: Sequence[Column], rows: Sequence[Any], *, limit: int | None = None
    ) -> None:
        """Print rows as a table, cut to ``limit`` rows with a count of the rest."""
        shown = rows if limit is None else rows[:limit]
        if not self._json:
            self._console.table(columns, shown)
        if len(shown) < len(rows):
            self._say(f"... and {len(rows) - len(shown)} more")

    def watched(self, seen: Sequence[tuple[float, Event]]) -> None:
        """Print the events a live watch saw, with when each arrived."""
        self._document["watchedEvents"] = [
            {"arrivedAfter": round(after, 3), **to_json(event)} for after, event in seen
        ]
        self._say()
        self._say("== Events of the watched session, as client.events.watch saw them arrive")
        columns = [Column("ARRIVED", lambda row: f"+{row[0]:.2f}s")]
        columns += [_of_second(column) for column in EVENT_COLUMNS]
        if not self._json:
            self._console.table(columns, seen)

    def failed_check(self, what: str, count: int) -> None:
        """Record a check that found something wrong."""
        self.problems.append(f"{what}: {count}")

    def cleanup_hint(self, tag: str) -> None:
        """Tell how to remove the demo's channels when the run stopped before deleting them."""
        self._console.info(
            f"The demo's channels are tagged {tag}. To remove them:\n"
            f"  sigma-async channels stop --tag {tag} --yes\n"
            f"  sigma-async channels delete --tag {tag} --yes"
        )

    def finish(self) -> bool:
        """Print the summary; returns whether every step succeeded."""
        ok = not self.problems
        total = sum(phase.seconds for phase in self.phases)
        if self._json:
            self._document.update(
                ok=ok,
                problems=self.problems,
                phases=[attrs.asdict(phase) for phase in self.phases],
                seconds=round(total, 3),
            )
            self._console.out(json.dumps(self._document, ensure_ascii=False, indent=2))
            return ok
        self._say()
        self._say("== Summary")
        if not self._json:
            self._console.table(_PHASE_COLUMNS, self.phases)
        self._say(f"total {total:.2f} s of API work")
        if ok:
            self._say("demo finished: every step succeeded")
        else:
            self._say("demo finished with problems: " + "; ".join(self.problems))
        return ok

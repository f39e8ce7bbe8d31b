"""Live progress of a bulk command (on stderr, on a terminal), and what is printed after it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from ..bulk import BulkOutcome, BulkResult, OutcomeState
from .output import Column, to_json

if TYPE_CHECKING:
    from .console import Console

__all__ = [
    "CREATED_COLUMNS",
    "SUMMARY_COLUMNS",
    "ProgressBar",
    "outcome_record",
    "progress_columns",
    "totals_line",
]


class _RateColumn(ProgressColumn):
    """Items a second, once there is a measurement."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f}/s", style="cyan")


def progress_columns(title: str) -> tuple[ProgressColumn, ...]:
    """Return the bar's columns: title, bar, ``done/total``, rate, elapsed, ETA."""
    return (
        TextColumn(title),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("eta"),
    )


class ProgressBar:
    """``creating ━━━━━━╸━━━  45/200  31.0/s  0:00:05 eta``: a bulk call's ``on_progress``.

    Drawn on stderr only when it is a terminal (and not for ``--json`` or ``-q``): logs and
    pipes get the summary only.
    """

    def __init__(self, console: Console, title: str, *, enabled: bool) -> None:
        self._console = console
        self._title = title
        self._enabled = enabled
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        """Record progress (the bar redraws itself ten times a second, and at the end)."""
        if not self._enabled:
            return
        if self._progress is None:
            self._progress = Progress(
                *progress_columns(self._title),
                console=self._console.rich_err,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._progress.add_task(self._title, total=total)
            self._progress.start()
        assert self._task is not None
        self._progress.update(self._task, completed=done, total=total)

    def close(self) -> None:
        """Draw the final state and end the bar's line."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _detail(outcome: BulkOutcome[Any, Any]) -> str:
    if outcome.state is OutcomeState.DUPLICATE:
        return f"same channel as item {outcome.duplicate_of}; sent once"
    return outcome.reason  # the server's message first, where it went after


SUMMARY_COLUMNS = (
    Column("#", lambda o: o.index),
    Column("ITEM", lambda o: o.label, limit=50),
    Column("RESULT", lambda o: o.state),
    Column("SECONDS", lambda o: None if o.duration is None else f"{o.duration:.2f}"),
    Column("DETAIL", _detail, limit=120),
)
"""One row per input item of a bulk command, in input order: what became of it and why."""

CREATED_COLUMNS = (
    *SUMMARY_COLUMNS[:3],
    Column("ID", lambda o: getattr(o.value, "id", None)),
    *SUMMARY_COLUMNS[3:],
)
"""The same, with the id of each new channel (a bulk create)."""


def totals_line(result: BulkResult[Any, Any], noun: str, verb: str) -> str:
    """``200 channels: 197 started, 2 failed, 1 duplicate (sent once) in 1.42 s``."""
    counts = result.counts()
    parts = [f"{counts[OutcomeState.SUCCEEDED]} {verb}"]
    labels = {
        OutcomeState.FAILED: "failed",
        OutcomeState.DUPLICATE: "duplicate (sent once)",
        OutcomeState.CANCELLED: "cancelled while running",
        OutcomeState.NOT_STARTED: "not started",
    }
    parts += [f"{counts[state]} {label}" for state, label in labels.items() if counts[state]]
    return f"{len(result)} {noun}: {', '.join(parts)} in {result.elapsed:.2f} s"


def outcome_record(outcome: BulkOutcome[Any, Any], *, show_secrets: bool = False) -> dict[str, Any]:
    """One item's outcome as a JSON-lines record."""
    record: dict[str, Any] = {
        "index": outcome.index,
        "item": outcome.label,
        "state": outcome.state.value,
        "ok": outcome.ok,
        "seconds": None if outcome.duration is None else round(outcome.duration, 4),
        "error": None if outcome.error is None else str(outcome.error),
        "errorType": None if outcome.error is None else type(outcome.error).__name__,
    }
    if outcome.duplicate_of is not None:
        record["duplicateOf"] = outcome.duplicate_of
    if outcome.value is not None:
        record["value"] = to_json(outcome.value, show_secrets=show_secrets)
    return record

"""Live progress of a bulk command on a terminal, and the per-item summary printed after it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import IO, Any

from ..bulk import BulkOutcome, BulkResult, OutcomeState
from .output import Column, render_table, to_json

__all__ = ["ProgressBar", "outcome_record", "summary_lines", "totals_line"]

_REDRAW_EVERY = 0.05  # seconds; a 1,000-item run must not spend its time repainting


class ProgressBar:
    """``[#####.....]  45/200  2.1 s``, redrawn in place on stderr; a bulk ``on_progress``.

    Disabled (it then draws nothing at all) when stderr is not a terminal, so logs and pipes
    get the summary only.
    """

    def __init__(
        self,
        stream: IO[str],
        title: str,
        *,
        enabled: bool,
        width: int = 30,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._title = title
        self._enabled = enabled
        self._width = width
        self._clock = clock
        self._began = clock()
        self._last_drawn = float("-inf")
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        """Record progress; redraws at most every 50 ms, and always on the last item."""
        if not self._enabled:
            return
        now = self._clock()
        if done < total and now - self._last_drawn < _REDRAW_EVERY:
            return
        self._last_drawn = now
        filled = self._width if total == 0 else self._width * done // total
        bar = "#" * filled + "." * (self._width - filled)
        elapsed = now - self._began
        # \x1b[K clears what a longer previous line left behind.
        self._stream.write(f"\r{self._title} [{bar}] {done}/{total}  {elapsed:.1f} s\x1b[K")
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        """End the bar's line so that what follows starts on a fresh one."""
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
            self._drawn = False


def _detail(outcome: BulkOutcome[Any, Any]) -> str:
    if outcome.state is OutcomeState.DUPLICATE:
        return f"same channel as item {outcome.duplicate_of}; sent once"
    return outcome.reason  # the server's message first, where it went after


_SUMMARY_COLUMNS = (
    Column("#", lambda o: o.index),
    Column("ITEM", lambda o: o.label, limit=50),
    Column("RESULT", lambda o: o.state),
    Column("SECONDS", lambda o: None if o.duration is None else f"{o.duration:.2f}"),
    Column("DETAIL", _detail, limit=120),
)


def summary_lines(result: BulkResult[Any, Any]) -> list[str]:
    """One row per input item, in input order: what became of it and why."""
    return render_table(_SUMMARY_COLUMNS, result)


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

"""Drift telemetry: what the service sent that the spec does not describe.

The decoder ignores unknown keys and keeps unknown enum values (so a newer server never breaks a
client); it also tells this module, which records each one once per (model, wire name), logs it
once at INFO on the ``sigma_async.drift`` logger, and keeps it for :func:`drift_report`.

Only a body that has drifted reaches this module: the generated decoders check for unknown keys
with one length comparison and find unknown enum values on the branch a known value never takes,
so a body that fits the spec pays nothing here.

The record is bounded (a hostile server must not grow it without end): past
:data:`MAX_ENTRIES` distinct findings only a count is kept.
"""

from __future__ import annotations

import logging
import threading
from typing import Final, Literal

import attrs

__all__ = [
    "MAX_ENTRIES",
    "DriftFinding",
    "DriftRecorder",
    "DriftReport",
    "drift_report",
    "recorder",
]

MAX_ENTRIES: Final = 256
"""Distinct findings kept; later ones are only counted in ``DriftReport.dropped``."""

_TEXT_LIMIT: Final = 80  # a key or value from the server is shown at most this long

logger = logging.getLogger("sigma_async.drift")


def _bounded(text: str) -> str:
    return text if len(text) <= _TEXT_LIMIT else f"{text[:_TEXT_LIMIT]}..."


@attrs.frozen
class DriftFinding:
    """One difference between a response and the spec, seen at least once."""

    kind: Literal["unknown key", "unknown enum value"]
    """What differed."""
    model: str
    """The model the body was read as (``Channel``, ``ClientInfo``)."""
    wire_name: str
    """The JSON key: the unknown key itself, or the enum field's key."""
    value: str | None = None
    """For an unknown enum value: the value (cut to 80 characters); otherwise None."""
    enum: str | None = None
    """For an unknown enum value: the enum's name."""

    def __str__(self) -> str:
        if self.kind == "unknown key":
            return f"{self.model}: unknown key {self.wire_name!r}"
        return f"{self.model}.{self.wire_name}: unknown {self.enum} value {self.value!r}"


@attrs.frozen
class DriftReport:
    """Every distinct finding since the recorder was created or cleared, in first-seen order."""

    findings: tuple[DriftFinding, ...]
    """The findings, oldest first."""
    dropped: int = 0
    """Findings not kept because :data:`MAX_ENTRIES` were already held."""

    def __bool__(self) -> bool:
        return bool(self.findings) or self.dropped > 0


class DriftRecorder:
    """Records each finding once; thread-safe (a client may decode in several threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str, str, str | None], DriftFinding] = {}
        self._dropped = 0

    def unknown_key(self, model: str, key: str) -> None:
        """Note that a ``model`` body carried ``key``, which the spec does not declare."""
        self._note(DriftFinding("unknown key", model, _bounded(key)))

    def unknown_enum_value(self, model: str, wire_name: str, enum: str, value: str) -> None:
        """Note that ``model.wire_name`` carried ``value``, which ``enum`` does not list."""
        self._note(DriftFinding("unknown enum value", model, wire_name, _bounded(value), enum))

    def _note(self, finding: DriftFinding) -> None:
        key = (finding.kind, finding.model, finding.wire_name, finding.value)
        if key in self._seen:  # unlocked read: a finding already held never changes
            return
        with self._lock:
            if key in self._seen:
                return
            if len(self._seen) >= MAX_ENTRIES:
                self._dropped += 1
                return
            self._seen[key] = finding
        logger.info("response differs from the spec: %s", finding)

    def report(self) -> DriftReport:
        """Everything recorded so far."""
        with self._lock:
            return DriftReport(tuple(self._seen.values()), self._dropped)

    def clear(self) -> None:
        """Forget every finding (each is then logged again when next seen)."""
        with self._lock:
            self._seen.clear()
            self._dropped = 0


recorder: Final = DriftRecorder()
"""The process-wide recorder the decoder reports to."""


def drift_report() -> DriftReport:
    """Return what responses decoded in this process carried that the spec does not describe."""
    return recorder.report()

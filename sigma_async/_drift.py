"""Drift telemetry: what the service sent that the spec does not describe.

The decoder ignores unknown keys and keeps unknown enum values (so a newer server never breaks a
client); it also tells this module, which records each one once per (model, wire name), logs it
once at INFO on the ``sigma_async.drift`` logger, and keeps it for :func:`drift_report`.

Only a body that has drifted reaches this module: the generated decoders check for unknown keys
with one length comparison and find unknown enum values on the branch a known value never takes,
so a body that fits the spec pays nothing here. A drifted body that repeats what was already
reported costs little more: the recorder keeps, per model, the declared keys plus the unknown
keys it already holds, so the next such body is one subset test (``data.keys() <= accepted``).

The record is bounded (a hostile server must not grow it without end): past
:data:`MAX_ENTRIES` distinct findings only a count is kept.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
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
        # Per model, the keys a body may carry without a call here: the declared ones and the
        # unknown ones already held. The count of clear() calls tells a key noted while clear()
        # ran, which is not accepted.
        self._accepted: dict[str, tuple[frozenset[str], set[str]]] = {}
        self._generation = 0

    def unknown_key(self, model: str, key: str) -> None:
        """Note that a ``model`` body carried ``key``, which the spec does not declare."""
        self._note("unknown key", model, _bounded(key))

    def accepted_keys(self, model: str, known: frozenset[str]) -> set[str]:
        """Return the keys of ``model`` bodies that need no report: ``known`` and those held.

        The structure functions test ``body.keys() <=`` this set before calling
        :meth:`unknown_keys`, so a drifted body whose unknown keys are already recorded costs
        one subset test. Read it, never change it: :meth:`unknown_keys` adds to it and
        :meth:`clear` resets it in place.
        """
        with self._lock:
            return self._accepted.setdefault(model, (known, set(known)))[1]

    def unknown_keys(self, model: str, keys: Iterable[str], known: frozenset[str]) -> None:
        """Note each of a ``model`` body's ``keys`` that is not in ``known``.

        A key joins :meth:`accepted_keys` once its finding is held, unless its text was cut to
        80 characters (the set must not keep a hostile server's long keys): a finding dropped
        past :data:`MAX_ENTRIES` is counted again each time it is seen, as by :meth:`unknown_key`.
        """
        generation = self._generation
        accepted = self.accepted_keys(model, known)
        held = [
            key
            for key in set(keys) - accepted
            if self._note("unknown key", model, _bounded(key)) and len(key) <= _TEXT_LIMIT
        ]
        with self._lock:
            if generation == self._generation:
                accepted.update(held)

    def unknown_enum_value(self, model: str, wire_name: str, enum: str, value: str) -> None:
        """Note that ``model.wire_name`` carried ``value``, which ``enum`` does not list."""
        self._note("unknown enum value", model, wire_name, _bounded(value), enum)

    def _note(
        self,
        kind: Literal["unknown key", "unknown enum value"],
        model: str,
        wire_name: str,
        value: str | None = None,
        enum: str | None = None,
    ) -> bool:
        """Record a finding unless it is held; say whether it is held (False: dropped)."""
        key = (kind, model, wire_name, value)
        if key in self._seen:  # unlocked read: a finding already held never changes
            return True
        finding = DriftFinding(kind, model, wire_name, value, enum)
        with self._lock:
            if key in self._seen:
                return True
            if len(self._seen) >= MAX_ENTRIES:
                self._dropped += 1
                return False
            self._seen[key] = finding
        logger.info("response differs from the spec: %s", finding)
        return True

    def report(self) -> DriftReport:
        """Everything recorded so far."""
        with self._lock:
            return DriftReport(tuple(self._seen.values()), self._dropped)

    def clear(self) -> None:
        """Forget every finding (each is then logged again when next seen)."""
        with self._lock:
            self._seen.clear()
            self._dropped = 0
            for known, accepted in self._accepted.values():
                accepted.clear()  # in place: the structure functions hold these sets
                accepted.update(known)
            self._generation += 1


recorder: Final = DriftRecorder()
"""The process-wide recorder the decoder reports to."""


def drift_report() -> DriftReport:
    """Return what responses decoded in this process carried that the spec does not describe."""
    return recorder.report()

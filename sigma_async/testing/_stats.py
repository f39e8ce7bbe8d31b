"""Counters that let a test prove nothing was lost and nothing ran twice."""

from __future__ import annotations

from collections import Counter

import attrs

__all__ = ["Stats"]


@attrs.define
class Stats:
    """Per-operation counters of one emulator (``emulator.stats``); keys are spec operationIds.

    ``received``: requests that arrived, whatever became of them (faulted ones included).
    ``applied``: requests that changed state (a create, an update that changed a field, a start
    or stop that changed the status, a delete); an idempotent repeat is not counted.
    ``responses``: answers sent, by ``(operation, status)``.
    ``created_names``: channels created, by the ``name`` of the create request.
    ``faults``: injected faults, by ``(kind, operation)``.
    ``rate_admitted`` / ``rate_refused``: requests the emulator's rate limit (``rate_limit=``)
    let through or refused with 429, by operation (both stay empty without a rate limit).
    ``publish_refused``: encoder pushes refused because the app's live-channel quota was full.
    Requests that match no operation are counted under ``"<unmatched>"``.
    """

    received: Counter[str] = attrs.field(factory=Counter)
    applied: Counter[str] = attrs.field(factory=Counter)
    responses: Counter[tuple[str, int]] = attrs.field(factory=Counter)
    created_names: Counter[str] = attrs.field(factory=Counter)
    faults: Counter[tuple[str, str]] = attrs.field(factory=Counter)
    rate_admitted: Counter[str] = attrs.field(factory=Counter)
    rate_refused: Counter[str] = attrs.field(factory=Counter)
    publish_refused: int = 0

    def fault_count(self, kind: str | None = None, operation: str | None = None) -> int:
        """Injected faults, optionally of one kind and/or for one operation."""
        return sum(
            count
            for (k, op), count in self.faults.items()
            if kind in (None, k) and operation in (None, op)
        )

    def duplicates(self) -> dict[str, int]:
        """Channel names created more than once, with their counts."""
        return {name: count for name, count in self.created_names.items() if count > 1}

    def reset(self) -> None:
        """Zero every counter."""
        for counter in (self.received, self.applied, self.responses):
            counter.clear()
        self.created_names.clear()
        self.faults.clear()
        self.rate_admitted.clear()
        self.rate_refused.clear()
        self.publish_refused = 0

"""What a bulk call reports: one :class:`BulkOutcome` per input item, in a :class:`BulkResult`.

Kept apart from the runner so that code reading results (the CLI's summary, a user's report)
depends on plain data only.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterator, Sequence
from typing import Generic, TypeVar, cast, overload

import attrs

from ..errors import BulkError, describe_reason

__all__ = [
    "BulkOutcome",
    "BulkResult",
    "OutcomeState",
]

ItemT = TypeVar("ItemT")
ValueT = TypeVar("ValueT")


class OutcomeState(str, enum.Enum):
    """What became of one input item of a bulk call."""

    SUCCEEDED = "succeeded"
    """The operation ran and returned; ``value`` holds what it returned."""
    FAILED = "failed"
    """The operation ran and raised (after the client's retries); ``error`` holds the exception."""
    DUPLICATE = "duplicate"
    """Same target as an earlier item (``duplicate_of``), so not sent again; ``value`` and
    ``error`` repeat that earlier item's."""
    CANCELLED = "cancelled"
    """The operation was running when the bulk call was cancelled: it may or may not have taken
    effect on the server."""
    NOT_STARTED = "not_started"
    """The bulk call ended (cancelled, or aborted by an exception) before this item's turn:
    nothing was sent for it."""

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class BulkOutcome(Generic[ItemT, ValueT]):
    """The outcome of one input item, at its position ``index`` in the input."""

    index: int
    """Position of the item in the input (0-based)."""
    item: ItemT
    """The input item, as given."""
    label: str
    """A short printable name for the item (a channel's id; a new channel's name)."""
    state: OutcomeState
    value: ValueT | None = None
    """What the operation returned; None unless it succeeded (or this duplicates one that did)."""
    error: Exception | None = None
    """None when the operation succeeded; else why it did not (the exception it raised, or a
    :class:`BulkItemCancelledError`)."""
    key: Hashable | None = None
    """The identity used to find duplicates (a channel id), or None when not deduplicated."""
    duplicate_of: int | None = None
    """For a duplicate: the index of the first item with the same key."""
    duration: float | None = None
    """Seconds the operation ran, retries included; None when it never started."""

    @property
    def ok(self) -> bool:
        """Whether the operation on this item's target succeeded."""
        return self.error is None

    @property
    def reason(self) -> str:
        """Why the item did not succeed, the reason first (``""`` when it did)."""
        return "" if self.error is None else describe_reason(self.error)


class BulkResult(Sequence[BulkOutcome[ItemT, ValueT]]):
    """One outcome per input item, in input order; a read-only sequence.

    Each outcome has a :class:`OutcomeState`. The lists below group outcomes by state, each in
    input order. ``ok`` is True when every item succeeded (duplicates of successes included).
    """

    def __init__(
        self,
        outcomes: Sequence[BulkOutcome[ItemT, ValueT]],
        *,
        elapsed: float,
        rate: float | None = None,
        limited: int = 0,
    ) -> None:
        self._outcomes: tuple[BulkOutcome[ItemT, ValueT], ...] = tuple(outcomes)
        self.elapsed = elapsed
        """Wall-clock seconds the whole bulk call took."""
        self.rate = rate
        """The rate achieved: requests sent per second (retries included) over the call, as the
        client counted them; operations started per second for :func:`run_bulk` without
        ``traffic``. None when unknown."""
        self.limited = limited
        """The limit met: 429 responses received during the call (each item's retried ones
        included); without ``traffic``, the items that failed with a 429."""

    @overload
    def __getitem__(self, index: int) -> BulkOutcome[ItemT, ValueT]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[BulkOutcome[ItemT, ValueT]]: ...

    def __getitem__(
        self, index: int | slice
    ) -> BulkOutcome[ItemT, ValueT] | Sequence[BulkOutcome[ItemT, ValueT]]:
        return self._outcomes[index]

    def __len__(self) -> int:
        return len(self._outcomes)

    def __iter__(self) -> Iterator[BulkOutcome[ItemT, ValueT]]:
        return iter(self._outcomes)

    def __repr__(self) -> str:
        counts = ", ".join(f"{state.value}={n}" for state, n in self.counts().items() if n)
        return f"BulkResult(total={len(self)}{', ' if counts else ''}{counts})"

    def _in_state(self, state: OutcomeState) -> list[BulkOutcome[ItemT, ValueT]]:
        return [outcome for outcome in self._outcomes if outcome.state is state]

    @property
    def succeeded(self) -> list[BulkOutcome[ItemT, ValueT]]:
        """Outcomes of the items whose operation ran and returned."""
        return self._in_state(OutcomeState.SUCCEEDED)

    @property
    def failed(self) -> list[BulkOutcome[ItemT, ValueT]]:
        """Outcomes of the items whose operation ran and raised."""
        return self._in_state(OutcomeState.FAILED)

    @property
    def duplicates(self) -> list[BulkOutcome[ItemT, ValueT]]:
        """Outcomes of the items skipped because an earlier item had the same target."""
        return self._in_state(OutcomeState.DUPLICATE)

    @property
    def cancelled(self) -> list[BulkOutcome[ItemT, ValueT]]:
        """Outcomes of the items that were running when the bulk call was cancelled."""
        return self._in_state(OutcomeState.CANCELLED)

    @property
    def not_started(self) -> list[BulkOutcome[ItemT, ValueT]]:
        """Outcomes of the items never sent because the bulk call ended first."""
        return self._in_state(OutcomeState.NOT_STARTED)

    @property
    def values(self) -> list[ValueT]:
        """What each succeeded item's operation returned, in input order."""
        # A succeeded outcome's value is what the operation returned: a ValueT, None included.
        return [cast(ValueT, outcome.value) for outcome in self.succeeded]

    @property
    def ok(self) -> bool:
        """Whether every item succeeded (a duplicate counts as its first occurrence does)."""
        return all(outcome.error is None for outcome in self._outcomes)

    @property
    def complete(self) -> bool:
        """Whether every item ran to the end (none cancelled, none left unstarted)."""
        return not any(
            outcome.state in (OutcomeState.CANCELLED, OutcomeState.NOT_STARTED)
            for outcome in self._outcomes
        )

    def counts(self) -> dict[OutcomeState, int]:
        """How many outcomes are in each state (every state present, zero included)."""
        counts = dict.fromkeys(OutcomeState, 0)
        for outcome in self._outcomes:
            counts[outcome.state] += 1
        return counts

    def raise_for_errors(self) -> BulkResult[ItemT, ValueT]:
        """Raise one :class:`BulkError` listing every item that did not succeed; else return self.

        Duplicates are not listed again: their first occurrence is.
        """
        if not self.ok:
            raise BulkError(self)
        return self

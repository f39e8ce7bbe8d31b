"""A contract check's result as data: what differs, where, and the inferred operations' fate."""

from __future__ import annotations

import typing
from typing import Any, Literal

import attrs

__all__ = [
    "EXIT_DIFFERS",
    "EXIT_SAME",
    "EXIT_UNAVAILABLE",
    "ContractReport",
    "Difference",
    "InferredVerdict",
]

EXIT_SAME = 0
"""``contract check``'s status when nothing differs."""
EXIT_DIFFERS = 1
"""``contract check``'s status when something differs."""
EXIT_UNAVAILABLE = 2
"""``contract check``'s status when the document could not be had or read."""


class _FlatRecord:
    """A frozen attrs record of JSON-ready fields: its dict form is :func:`attrs.asdict`."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return attrs.asdict(typing.cast(attrs.AttrsInstance, self))


@attrs.frozen
class Difference(_FlatRecord):
    """One way the document differs from the SDK's bundled contract.

    ``kind`` is stable, for programs (``field-renamed``, ``enum-values-added``, ...); ``where``
    names the position (``response 200 body: data[].name``); ``expected`` is the SDK's side and
    ``actual`` the document's; ``message`` says it in a sentence.
    """

    operation: str
    """``GET /channels/{channelId}`` (the SDK's path template, or the document's when it is new)."""
    operation_id: str | None
    """The SDK's operationId, or None for an operation the SDK does not know."""
    kind: str
    where: str
    expected: Any
    actual: Any
    message: str


@attrs.frozen
class InferredVerdict(_FlatRecord):
    """What the document says about one operation the SDK's spec marks ``x-sigma-inferred``."""

    operation: str
    operation_id: str
    verdict: Literal["confirmed", "contradicted"]
    reason: str


@attrs.frozen
class ContractReport:
    """Where the service's document and the SDK's bundled contract disagree."""

    source: str
    """Where the document came from (a path or URL; never credentials)."""
    dialect: str
    """``OpenAPI 3.0.0``, ``Swagger 2.0``, ..."""
    operations_checked: int
    """How many of the SDK's operations were compared."""
    differences: tuple[Difference, ...]
    inferred: tuple[InferredVerdict, ...]

    @property
    def differs(self) -> bool:
        """Whether anything differs."""
        return bool(self.differences)

    @property
    def exit_code(self) -> int:
        """``contract check``'s exit status for this report: 0 the same, 1 something differs."""
        return EXIT_DIFFERS if self.differs else EXIT_SAME

    def by_operation(self) -> dict[str, list[Difference]]:
        """Return the differences grouped by operation, in the order they were found."""
        grouped: dict[str, list[Difference]] = {}
        for difference in self.differences:
            grouped.setdefault(difference.operation, []).append(difference)
        return grouped

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (what ``contract check --json`` prints)."""
        return {
            "source": self.source,
            "dialect": self.dialect,
            "operations_checked": self.operations_checked,
            "differs": self.differs,
            "differences": [d.to_dict() for d in self.differences],
            "inferred": [v.to_dict() for v in self.inferred],
        }

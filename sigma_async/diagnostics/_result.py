"""The checklist's results, as data."""

from __future__ import annotations

from typing import Any, Literal

import attrs

__all__ = ["CheckResult", "DoctorReport", "Status", "skipped"]

Status = Literal["ok", "warn", "fail", "skip"]
"""A check's outcome; only ``fail`` makes the report fail."""


@attrs.frozen
class CheckResult:
    """One line of the checklist."""

    name: str
    status: Status
    detail: str
    elapsed_ms: float | None = None
    """How long the step took, for the timing checks."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return attrs.asdict(self)


def skipped(names: list[str], why: str) -> list[CheckResult]:
    """Return the checks ``names``, skipped for the same reason."""
    return [CheckResult(name, "skip", why) for name in names]


@attrs.frozen
class DoctorReport:
    """The checklist of one run, in order."""

    base_url: str
    app_id: str
    checks: tuple[CheckResult, ...]

    @property
    def failed(self) -> tuple[str, ...]:
        """The names of the checks that failed."""
        return tuple(check.name for check in self.checks if check.status == "fail")

    @property
    def ok(self) -> bool:
        """Whether no check failed (warnings and skips allowed)."""
        return not self.failed

    @property
    def exit_code(self) -> int:
        """``doctor``'s exit status: 0 when no check failed, else 1."""
        return 0 if self.ok else 1

    def check(self, name: str) -> CheckResult:
        """Return the result of the check called ``name`` (``KeyError`` when it did not run)."""
        for check in self.checks:
            if check.name == name:
                return check
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (what ``doctor --json`` prints)."""
        return {
            "base_url": self.base_url,
            "app_id": self.app_id,
            "ok": self.ok,
            "failed": list(self.failed),
            "checks": [check.to_dict() for check in self.checks],
        }

"""Fault injection: latency, error statuses, dropped connections and truncated bodies.

Rules are checked in the order they were added. Every matching ``latency`` rule that fires adds
its delay (real seconds, whatever the emulator's clock); the first other rule that fires decides
the request's fate. Draws come from one seeded generator, so a given sequence of requests meets
the same faults on every run.

Kinds:

``status``
    Answer ``status`` before handling (no side effect); ``retry_after`` adds a ``Retry-After``
    header. 429 and 500 carry NestJS bodies, 502/503/504 a proxy's HTML page (``body`` overrides).
``drop_before``
    Close the connection without answering, before handling: nothing happened.
``drop_after``
    Handle the request (side effects applied), then close the connection without answering.
``truncate``
    Handle the request, then send the headers and only part of the body before closing.
``latency``
    Wait ``delay`` seconds (a number, or a ``(low, high)`` range drawn uniformly) first.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Literal

import attrs

from ..operations import OPERATIONS as _SPEC_OPERATIONS

__all__ = ["OPERATIONS", "FaultInjector", "FaultKind", "FaultPlan", "FaultRule"]

FaultKind = Literal["latency", "status", "drop_before", "drop_after", "truncate"]
_KINDS: tuple[str, ...] = ("latency", "status", "drop_before", "drop_after", "truncate")

# The operationIds of the spec, which is what rules name.
OPERATIONS = frozenset(_SPEC_OPERATIONS)


@attrs.define(eq=False)
class FaultRule:
    """One fault rule; see :meth:`FaultInjector.add` for the meaning of each field."""

    kind: FaultKind
    operation: str | None = None
    rate: float = 1.0
    times: int | None = None
    status: int | None = None
    retry_after: float | str | None = None
    delay: float | tuple[float, float] = 0.0
    body: Literal["json", "html"] | None = None
    fired: int = attrs.field(default=0, init=False)

    @property
    def exhausted(self) -> bool:
        """Whether a ``times``-limited rule has fired its last time."""
        return self.times is not None and self.fired >= self.times

    def applies_to(self, operation: str | None) -> bool:
        """Whether the rule targets this operation."""
        return not self.exhausted and self.operation in (None, operation)


@attrs.frozen
class FaultPlan:
    """What the faults decided for one request."""

    latency: float = 0.0
    rule: FaultRule | None = None
    latency_rules: tuple[FaultRule, ...] = ()


class FaultInjector:
    """The set of fault rules of one emulator (``emulator.faults``)."""

    def __init__(self, seed: int | None) -> None:
        self._rng = random.Random(None if seed is None else f"faults-{seed}")
        self._rules: list[FaultRule] = []

    @property
    def rules(self) -> tuple[FaultRule, ...]:
        """The rules in the order they are checked."""
        return tuple(self._rules)

    def add(
        self,
        kind: FaultKind,
        *,
        operation: str | None = None,
        rate: float = 1.0,
        times: int | None = None,
        status: int | None = None,
        retry_after: float | str | None = None,
        delay: float | tuple[float, float] = 0.0,
        body: Literal["json", "html"] | None = None,
    ) -> FaultRule:
        """Add a rule and return it (pass it to :meth:`remove` to take it out).

        ``operation`` is a spec operationId (``"createChannel"``); None targets every request.
        ``rate`` is the chance (0..1) that a matching request meets the fault; ``times`` limits
        the rule to that many firings (``times=2`` with the default rate: the next two matching
        requests). ``status`` is required for ``kind="status"`` (a 4xx or 5xx), ``delay`` for
        ``kind="latency"``.
        """
        _check_rule(kind, operation, rate, times, status, retry_after, delay)
        rule = FaultRule(kind, operation, rate, times, status, retry_after, delay, body)
        self._rules.append(rule)
        return rule

    def remove(self, rule: FaultRule) -> None:
        """Take one rule out."""
        self._rules.remove(rule)

    def clear(self) -> None:
        """Remove every rule."""
        self._rules.clear()

    def plan(self, operation: str | None) -> FaultPlan:
        """Decide the faults one request meets (consuming ``times`` of the rules that fire)."""
        latency = 0.0
        latency_rules: list[FaultRule] = []
        for rule in self._rules:
            if not rule.applies_to(operation) or not self._draw(rule.rate):
                continue
            rule.fired += 1
            if rule.kind != "latency":
                return FaultPlan(latency, rule, tuple(latency_rules))
            latency += self._delay(rule.delay)
            latency_rules.append(rule)
        return FaultPlan(latency, None, tuple(latency_rules))

    def _draw(self, rate: float) -> bool:
        # A certain rule draws nothing, so adding one does not shift the draws of the others.
        return rate >= 1.0 or self._rng.random() < rate

    def _delay(self, delay: float | tuple[float, float]) -> float:
        if isinstance(delay, tuple):
            return self._rng.uniform(*delay)
        return delay


def _check_rule(
    kind: str,
    operation: str | None,
    rate: float,
    times: int | None,
    status: int | None,
    retry_after: float | str | None,
    delay: float | tuple[float, float],
) -> None:
    if kind not in _KINDS:
        raise ValueError(f"unknown fault kind {kind!r}; one of {', '.join(_KINDS)}")
    if operation is not None and operation not in OPERATIONS:
        raise ValueError(f"unknown operation {operation!r}; one of {_names(OPERATIONS)}")
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"rate must be within 0..1, got {rate!r}")
    if times is not None and times < 1:
        raise ValueError(f"times must be at least 1, got {times!r}")
    if kind == "status" and (status is None or not 400 <= status <= 599):
        raise ValueError("a status fault needs status=<4xx or 5xx>")
    if kind != "status" and (status is not None or retry_after is not None):
        raise ValueError("status= and retry_after= only apply to kind='status'")
    low, high = delay if isinstance(delay, tuple) else (delay, delay)
    if low < 0 or high < low:
        raise ValueError(f"delay must be >= 0 (or an increasing range), got {delay!r}")
    if kind == "latency" and high == 0:
        raise ValueError("a latency fault needs delay=<seconds> or delay=(low, high)")


def _names(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))

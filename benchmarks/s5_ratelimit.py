"""Scenario 5: ``channels.bulk_start`` against a rate-limited emulator (issue 15).

The emulator runs in a child process (``benchmarks._emulator_host --rate R --burst B``, as in
scenario 4) with a per-app token bucket of ``rate`` requests/s and bursts of ``burst``; refused
requests get the NestJS throttler's 429 with ``Retry-After`` (whole seconds). For each variant,
fresh idle channels are created with the limit switched off (not timed), the bucket is refilled,
then ``bulk_start`` is timed with the client's default retry settings (2 retries):

- ``gate off, concurrency N``: today's behaviour, each call retrying its own 429s;
- ``gate on, concurrency N``: the client-wide gate (the default);
- ``auto``: ``concurrency="auto"`` with the gate.

Checks, from the result and the emulator's own counters: one outcome per input for the right
channel; a succeeded item's channel is active, a failed one's still idle (a 429 is refused
before any side effect) with a 429 error; the server applied as many starts as succeeded and
counted exactly the client's requests (admitted + refused). Targets (gate on and auto): 429s at
most 5 % of the items, wall time within 1.15x of the ideal ``channels / rate``, no item failed.
"""

from __future__ import annotations

from typing import Any

from ._clients import sigma_client
from ._harness import Check, ScenarioResult, ServerProcess, rotate, serve_and_measure, timed
from ._outcomes import outcome_problems, outcomes_check
from .s4_bulk import _create

MAX_429_SHARE = 0.05
MAX_WALL_RATIO = 1.15


def _verify(result: Any, ids: list[str], report: dict[str, Any], attempts: int) -> list[str]:
    """Problems found; empty when every outcome agrees with the server."""
    from sigma_async import RateLimitError

    problems, succeeded, _ = outcome_problems(
        result, ids, report["statuses"], lambda error: isinstance(error, RateLimitError)
    )
    if report["applied"] != succeeded:
        problems.append(f"server applied {report['applied']} starts for {succeeded} successes")
    counted = report["admitted"] + report["refused"]
    if counted != attempts:
        problems.append(f"server counted {counted} requests, the client sent {attempts}")
    if result.limited != report["refused"]:
        problems.append(f"result.limited={result.limited}, server refused {report['refused']}")
    return problems


def _variants(concurrency: int) -> list[tuple[str, dict[str, Any], int | str]]:
    return [
        (f"gate off, concurrency {concurrency}", {"rate_limit_gate": False}, concurrency),
        (f"gate on, concurrency {concurrency}", {}, concurrency),
        ('concurrency="auto" (gate on)', {}, "auto"),
    ]


async def measure(
    emulator: ServerProcess,
    *,
    rate: float,
    burst: int,
    channels: int = 2_000,
    concurrency: int = 64,
    rounds: int = 2,
    retry_base_delay: float | None = None,
) -> ScenarioResult:
    """The three variants ``rounds`` times against the emulator, limited to ``rate`` and ``burst``.

    :func:`run` starts the emulator with that limit; the other keyword arguments are the
    scenario's sizes (the defaults: the issue's). ``retry_base_delay`` overrides the client's
    backoff base.
    """
    client_options = {} if retry_base_delay is None else {"retry_base_delay": retry_base_delay}
    ideal = channels / rate
    result = ScenarioResult(
        key="ratelimit",
        title=(
            f"Scenario 5: bulk_start of {channels:,} channels, emulator limited to "
            f"{rate:,.0f} requests/s"
        ),
        columns=[
            "wall s",
            "x ideal",
            "requests",
            "429s",
            "429s % of items",
            "succeeded",
            "failed",
            "result.rate req/s",
        ],
    )
    problems: list[str] = []
    variants = _variants(concurrency)
    for round_no in range(rounds):
        for label, options, width in rotate(variants, round_no):
            emulator.command(cmd="limit", on=False)
            ids = await _create(emulator.base_url, channels, f"{round_no}-{len(label)}-{width}")
            emulator.command(cmd="limit", on=True)
            async with sigma_client(emulator.base_url, **client_options, **options) as client:
                with timed() as timing:
                    outcome = await client.channels.bulk_start(ids, concurrency=width)
                attempts = client.traffic.attempts
            report = emulator.command(cmd="report")
            problems += [f"{label}: {p}" for p in _verify(outcome, ids, report, attempts)[:5]]
            row = result.row(label)
            row.stat("wall s", digits=2).add(timing.wall)
            row.stat("x ideal", digits=2).add(timing.wall / ideal)
            row.stat("requests").add(attempts)
            row.stat("429s").add(report["refused"])
            row.stat("429s % of items", digits=1).add(100 * report["refused"] / channels)
            row.stat("succeeded").add(len(outcome.succeeded))
            row.stat("failed").add(len(outcome.failed))
            row.stat("result.rate req/s").add(outcome.rate or 0.0)
    result.checks.append(outcomes_check(problems))
    for label, _, _ in variants[1:]:
        share = result.median(label, "429s % of items") / 100
        ratio = result.median(label, "x ideal")
        failed = result.median(label, "failed")
        result.checks.append(
            Check(
                f"target: {label}: 429s <= {MAX_429_SHARE:.0%} of items",
                share <= MAX_429_SHARE,
                f"{share:.1%} (gate off: {result.median(variants[0][0], '429s % of items'):.1f}%)",
            )
        )
        result.checks.append(
            Check(
                f"target: {label}: wall <= {MAX_WALL_RATIO}x the ideal {ideal:.1f} s",
                ratio <= MAX_WALL_RATIO,
                f"{ratio:.2f}x (gate off: {result.median(variants[0][0], 'x ideal'):.2f}x)",
            )
        )
        result.checks.append(
            Check(
                f"target: {label}: no item failed",
                failed == 0,
                f"{failed:.0f} failed (gate off: {result.median(variants[0][0], 'failed'):.0f})",
            )
        )
    result.notes.append(
        f"The emulator (its own process) admits {rate:,.0f} requests/s per app with bursts of "
        f"{burst} (a token bucket) and refuses the rest with the NestJS throttler's 429, "
        "`Retry-After` in whole seconds (so 1 s at this rate), `X-RateLimit-*` headers on "
        "admitted responses. The ideal wall time is channels / rate. `requests` is what the "
        "client sent (retries included); `429s` what the emulator refused. The client keeps its "
        "default retry settings (2 retries), so with the gate off an item refused three times "
        "fails. With the gate, one 429 holds every new attempt until its `Retry-After`, then "
        "attempts go through at a pace learned from `X-RateLimit-Remaining`; "
        '`concurrency="auto"` starts with 4 operations in flight, so the gate starts pacing '
        "before the first refusal."
    )
    return result


def run(*, rate: float = 200.0, burst: int = 20, **sizes: Any) -> ScenarioResult:
    """Start the emulator limited to ``rate`` requests/s and :func:`measure` at ``sizes``."""
    emulator = ServerProcess(
        "--rate", str(rate), "--burst", str(burst), module="benchmarks._emulator_host"
    )
    return serve_and_measure(emulator, measure, rate=rate, burst=burst, **sizes)

"""sigma-async's emulator in a child process, driven over stdin/stdout by scenarios 4 and 5.

``python -m benchmarks._emulator_host --seed 7 [--rate 200 --burst 20]`` prints ``READY <port>``
once listening, then answers one JSON line per command line:

- ``{"cmd": "faults", "rate": 0.05}``: replace the fault rules by 503s on that share of
  ``startChannel`` requests (none at 0), and zero the counters.
- ``{"cmd": "limit", "on": true}``: with ``--rate``, switch the per-app rate limit on (refilled,
  counters zeroed) or off.
- ``{"cmd": "report"}``: every channel's status by id, and the ``startChannel`` counters (rate
  limit ones included).
- ``{"cmd": "profile"}``, then ``{"cmd": "profile", "label": ..., "calls": N}``: start
  cProfile in the emulator's process, then stop it and answer its summary
  (``benchmarks._profile``).

It stops when stdin closes.
"""

from __future__ import annotations

import argparse
import asyncio
from functools import partial
from typing import Any

from sigma_async.operations import START_CHANNEL
from sigma_async.testing import Credentials, SigmaEmulator

from . import _profile
from ._data import APP_ID, SECRET_KEY, USERNAME
from ._harness import answer_commands
from ._outcomes import state_report

OPERATION = START_CHANNEL.operation_id


_profiler: list[Any] = []  # the running profiler, between the two profile commands


def handle(emulator: Any, command: dict[str, Any]) -> dict[str, Any]:
    """Run one command against the emulator."""
    if command["cmd"] == "profile":
        if "label" not in command:
            _profiler.append(_profile.start())
            return {"ok": True}
        summary = _profile.stop(_profiler.pop(), command["label"], command["calls"])
        return summary.to_json()
    if command["cmd"] == "faults":
        emulator.faults.clear()
        if command["rate"] > 0:
            emulator.faults.add("status", operation=OPERATION, status=503, rate=command["rate"])
        emulator.stats.reset()
        return {"ok": True}
    if command["cmd"] == "limit":
        limiter = emulator.rate_limiter
        limiter.enabled = bool(command["on"])
        if limiter.enabled:
            limiter.reset()
            emulator.stats.reset()
        return {"ok": True}
    if command["cmd"] == "report":
        stats = emulator.stats
        return {
            **state_report(emulator, OPERATION),
            "received": stats.received[OPERATION],
            "faults": stats.fault_count(operation=OPERATION),
            "admitted": stats.rate_admitted[OPERATION],
            "refused": stats.rate_refused[OPERATION],
            "responses": {
                str(status): count
                for (operation, status), count in stats.responses.items()
                if operation == OPERATION
            },
        }
    return {"error": f"unknown command {command['cmd']!r}"}


async def main_async(seed: int, rate: float | None, burst: int | None) -> None:
    """Serve until stdin closes (rate-limited with ``rate``)."""
    credentials = Credentials(USERNAME, SECRET_KEY, APP_ID)
    emulator = SigmaEmulator(seed=seed, credentials=credentials, rate_limit=rate, burst=burst)
    async with emulator:
        await answer_commands(emulator.port, partial(handle, emulator))


def main() -> None:
    """Parse the command line and serve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rate", type=float, help="requests/s per app (no limit without it)")
    parser.add_argument("--burst", type=int, help="the rate limit's bursts (with --rate)")
    args = parser.parse_args()
    asyncio.run(main_async(args.seed, args.rate, args.burst))


if __name__ == "__main__":
    main()

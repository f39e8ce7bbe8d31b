"""Test helpers for sigma-async: a stateful emulator of the Sigma Livestream API.

:class:`SigmaEmulator` serves the API of ``openapi/sigma-livestream.yaml`` on 127.0.0.1 with
in-memory state, a controllable clock, a simulated encoder and fault injection. The pytest
fixtures ``sigma_emulator`` and ``sigma_client`` come with the package (a ``pytest11`` plugin),
and ``python -m sigma_async.testing`` (like ``sigma-async emulator``) runs it as a standalone
server through one launcher: :func:`serve_main`, :func:`run_server` and :func:`launch`.

Names are imported lazily, so loading the pytest plugin costs nothing until a fixture is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._emulator import SigmaEmulator
    from ._engine import SORTABLE_FIELDS
    from ._faults import FaultInjector, FaultKind, FaultRule
    from ._handlers import ResponseRecord
    from ._launcher import LaunchError, ServeOptions, launch, run_server, serve_main
    from ._lifecycle import EVENT_MESSAGES, EmulatorError, LiveQuotaError, Timings
    from ._query import MAX_PER_PAGE
    from ._server import DEFAULT_PORT, serve
    from ._stats import Stats
    from ._store import Credentials
    from ._validation import DEFAULT_PROFILES

__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_PROFILES",
    "EVENT_MESSAGES",
    "MAX_PER_PAGE",
    "SORTABLE_FIELDS",
    "Credentials",
    "EmulatorError",
    "FaultInjector",
    "FaultKind",
    "FaultRule",
    "LaunchError",
    "LiveQuotaError",
    "ResponseRecord",
    "ServeOptions",
    "SigmaEmulator",
    "Stats",
    "Timings",
    "launch",
    "run_server",
    "serve",
    "serve_main",
]

_HOMES = {
    "SigmaEmulator": "._emulator",
    "SORTABLE_FIELDS": "._engine",
    "FaultInjector": "._faults",
    "FaultKind": "._faults",
    "FaultRule": "._faults",
    "ResponseRecord": "._handlers",
    "LaunchError": "._launcher",
    "ServeOptions": "._launcher",
    "launch": "._launcher",
    "run_server": "._launcher",
    "serve_main": "._launcher",
    "EVENT_MESSAGES": "._lifecycle",
    "EmulatorError": "._lifecycle",
    "LiveQuotaError": "._lifecycle",
    "Timings": "._lifecycle",
    "MAX_PER_PAGE": "._query",
    "DEFAULT_PORT": "._server",
    "serve": "._server",
    "Stats": "._stats",
    "Credentials": "._store",
    "DEFAULT_PROFILES": "._validation",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

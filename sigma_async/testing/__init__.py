"""Test helpers for sigma-async: a stateful emulator of the Sigma Livestream API.

:class:`SigmaEmulator` serves the API of ``openapi/sigma-livestream.yaml`` on 127.0.0.1 with
in-memory state, a controllable clock, a simulated encoder and fault injection. The pytest
fixtures ``sigma_emulator`` and ``sigma_client`` come with the package (a ``pytest11`` plugin),
and ``python -m sigma_async.testing`` runs it as a standalone server.

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
    from ._lifecycle import EVENT_MESSAGES, EmulatorError, LiveQuotaError, Timings
    from ._query import MAX_PER_PAGE
    from ._server import serve
    from ._stats import Stats
    from ._store import Credentials
    from ._validation import DEFAULT_PROFILES

__all__ = [
    "DEFAULT_PROFILES",
    "EVENT_MESSAGES",
    "MAX_PER_PAGE",
    "SORTABLE_FIELDS",
    "Credentials",
    "EmulatorError",
    "FaultInjector",
    "FaultKind",
    "FaultRule",
    "LiveQuotaError",
    "ResponseRecord",
    "SigmaEmulator",
    "Stats",
    "Timings",
    "serve",
]

_HOMES = {
    "SigmaEmulator": "._emulator",
    "SORTABLE_FIELDS": "._engine",
    "FaultInjector": "._faults",
    "FaultKind": "._faults",
    "FaultRule": "._faults",
    "ResponseRecord": "._handlers",
    "EVENT_MESSAGES": "._lifecycle",
    "EmulatorError": "._lifecycle",
    "LiveQuotaError": "._lifecycle",
    "Timings": "._lifecycle",
    "MAX_PER_PAGE": "._query",
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

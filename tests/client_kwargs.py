"""Typed keyword sets for ``SigmaClient(...)`` that tests build once and unpack (``**``).

A plain dict of mixed values is ``dict[str, object]`` to mypy and fits no parameter; these
``TypedDict``s give each key the type its ``SigmaClient`` parameter has.
"""

from __future__ import annotations

from typing import TypedDict


class ClientCredentials(TypedDict):
    """The three credentials every ``SigmaClient`` needs."""

    username: str
    secret_key: str
    app_id: str


class ClientTuning(TypedDict, total=False):
    """Optional timeouts and retry settings (the names and types of ``SigmaClient``'s)."""

    timeout: float | None
    max_retries: int
    retry_base_delay: float
    retry_max_delay: float
    max_retry_after: float

"""The library names the CLI uses: the ONE place in ``sigma_async.cli`` that reaches in.

``to_dict`` / ``from_dict`` are the library's public conversion functions. ``wire_names`` (the
wire keys of a model class), the emulator's control prefix, the loopback check and the account's
request headers have no public name yet; they are reached here, and only here.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

__all__ = [
    "account_headers",
    "control_prefix",
    "from_dict",
    "is_loopback",
    "to_dict",
    "wire_names",
]

T = TypeVar("T")


def to_dict(value: Any) -> Any:
    """Return a model (or plain data holding models) as JSON-ready data with the wire's names."""
    import sigma_async

    return sigma_async.to_dict(value)


def from_dict(data: Any, cls: type[T]) -> T:
    """Build ``cls`` from wire-named JSON data (``ResponseDecodeError`` names a bad field)."""
    import sigma_async

    return sigma_async.from_dict(cls, data)


def wire_names(cls: type[Any]) -> dict[str, str]:
    """Return a model class's wire keys -> attribute names (``stopTimeout`` -> ``stop_timeout``)."""
    from .._model_support import WIRE_NAME

    return {field.metadata[WIRE_NAME]: field.name for field in attrs.fields(cls)}


def control_prefix() -> str:
    """Where a standalone emulator's control API lives (``/_emulator``)."""
    from ..testing._control import CONTROL_PREFIX

    return CONTROL_PREFIX


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or name (the library's one loopback check)."""
    from .._loopback import is_loopback as check

    return check(host)


def account_headers(username: str, secret_key: str, app_id: str) -> dict[str, str]:
    """Return the headers the SDK sends for this account (Basic auth, ``X-App-Id``...).

    The one header builder (``sigma_async._http.sansio.default_headers``), so a request the CLI
    makes itself (to the emulator's control API) authenticates exactly as the client does.
    """
    from .._http.sansio import default_headers

    return default_headers(username, secret_key, app_id)

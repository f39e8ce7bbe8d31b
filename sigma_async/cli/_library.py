"""The library names the CLI uses that have no public home yet: the ONE place that reaches in.

ENGINE is adding ``sigma_async.to_dict`` / ``from_dict`` (the wire-named JSON form of a model);
until they exist these fall back to the converter behind them. ``wire_names`` needs a public
name too (the wire keys of a model class), and so do the emulator's control prefix and the
library's loopback check. Nothing else in ``sigma_async.cli`` imports a private
module; when the public names land, this module shrinks to the imports.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

__all__ = ["control_prefix", "from_dict", "is_loopback", "to_dict", "wire_names"]

T = TypeVar("T")

try:  # pragma: no cover - which branch runs depends on the library version
    from sigma_async import from_dict as _from_dict  # type: ignore[attr-defined,unused-ignore]
    from sigma_async import to_dict as _to_dict  # type: ignore[attr-defined,unused-ignore]
except ImportError:  # pragma: no cover
    from .._convert import structure as _from_dict
    from .._convert import unstructure as _to_dict


def to_dict(value: Any) -> Any:
    """Return a model (or plain data holding models) as JSON-ready data with the wire's names."""
    return _to_dict(value)


def from_dict(data: Any, cls: type[T]) -> T:
    """Build ``cls`` from wire-named JSON data (``ResponseDecodeError`` names a bad field)."""
    result: T = _from_dict(data, cls)
    return result


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

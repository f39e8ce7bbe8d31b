"""How results are shown: columns and cells for people, JSON (or JSON lines) for scripts.

Secrets stay out of both unless the user asks (``--show-secrets``): every field the spec marks
``x-sigma-secret`` (``sigma_async.operations.SECRET_FIELDS``: the stream key, the S3 keys)
prints as ``***``. The API credentials never reach this module. A document printed with ``***``
in it can be fed back (``update --from-json``): :func:`redacted_paths` finds the placeholders so
that they are never sent as values.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final

from .. import Unset
from ..operations import SECRET_FIELDS
from ._library import to_dict

__all__ = [
    "REDACTED",
    "SECRET_KEYS",
    "Column",
    "cell",
    "details_lines",
    "json_document",
    "json_line",
    "redact",
    "redacted_paths",
    "secret",
    "to_json",
]

REDACTED: Final = "***"
"""What a secret prints as."""
SECRET_KEYS: Final = frozenset(name for names in SECRET_FIELDS.values() for name in names)
"""Every wire key the spec marks secret, in any schema."""


def redact(data: Any) -> Any:
    """Return JSON-ready ``data`` with the value of every secret key masked."""
    if isinstance(data, dict):
        return {
            key: (REDACTED if key in SECRET_KEYS and value is not None else redact(value))
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [redact(item) for item in data]
    return data


def redacted_paths(data: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Yield the key path of every secret key whose value is the ``***`` placeholder."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in SECRET_KEYS and value == REDACTED:
                yield (*prefix, key)
            else:
                yield from redacted_paths(value, (*prefix, key))


def secret(value: object, *, show: bool) -> object:
    """Show a secret value only when asked; nothing stays nothing."""
    return value if show or value is None else REDACTED


def to_json(value: Any, *, show_secrets: bool = False) -> Any:
    """Turn a model (or plain data holding models) into JSON-ready data with the wire's names."""
    data = to_dict(value)
    return data if show_secrets else redact(data)


def json_line(value: Any, *, show_secrets: bool = False) -> str:
    """One compact JSON document on one line (a JSON-lines record)."""
    return json.dumps(to_json(value, show_secrets=show_secrets), ensure_ascii=False)


def json_document(value: Any, *, show_secrets: bool = False) -> str:
    """One indented JSON document."""
    return json.dumps(to_json(value, show_secrets=show_secrets), indent=2, ensure_ascii=False)


def _when(value: dt.datetime) -> str:
    utc = value.astimezone(dt.timezone.utc)
    return utc.strftime("%Y-%m-%d %H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def cell(value: object) -> str:
    """Show one value in a table cell: ``-`` for nothing, short UTC times, enum values."""
    if value is None or isinstance(value, Unset):
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return _when(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ",".join(cell(item) for item in value) or "-"
    return " ".join(str(value).split())  # one line per row, whatever the text holds


class Column:
    """A table column: its heading, how to read its value from a row, and its widest cell."""

    def __init__(self, heading: str, read: Callable[[Any], object], *, limit: int = 60) -> None:
        self.heading = heading
        self.read = read
        self.limit = limit

    def text(self, row: Any) -> str:
        """Return this column's cell for ``row``, cut to ``limit`` characters."""
        text = cell(self.read(row))
        return text if len(text) <= self.limit else text[: self.limit - 1] + "…"


def details_lines(pairs: Sequence[tuple[str, object]]) -> list[str]:
    """Lay ``(label, value)`` pairs out as ``label: value`` lines with aligned values."""
    width = max((len(label) for label, _ in pairs), default=0)
    return [f"{label + ':':<{width + 1}} {cell(value)}" for label, value in pairs]

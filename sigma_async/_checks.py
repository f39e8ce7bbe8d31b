"""Checks of the values a caller passes in: one function, and one wording, per kind of mistake.

Each check returns the value it accepted (normalised where noted) or raises
:class:`~sigma_async.SigmaValidationError` before anything is sent. Messages name the
parameter; text checks never echo the value, since it may be a credential.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from .errors import SigmaValidationError
from .models import Channel
from .operations import MAX_FILTER_DEPTH, MAX_PER_PAGE

__all__ = [
    "channel_id",
    "channel_ref",
    "filter_depth",
    "identifier",
    "instance_of",
    "int_at_least",
    "mapping",
    "per_page",
    "positive_number",
    "text",
    "timeout",
]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc


def positive_number(value: object, name: str) -> float:
    """Accept a real number above zero (bools refused: ``True`` is no duration)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise SigmaValidationError(f"{name} must be a positive number, got {value!r}")
    return float(value)


def timeout(value: object, name: str) -> float | None:
    """Accept a positive, finite number of seconds, or None for no timeout."""
    if value is None:
        return None
    seconds = positive_number(value, name)
    if not math.isfinite(seconds):
        # aiohttp schedules the deadline with the loop, which overflows on infinity.
        raise SigmaValidationError(f"{name} must be finite (None for no timeout), got {value!r}")
    return seconds


def int_at_least(value: object, name: str, *, minimum: int) -> int:
    """Accept an int (not a bool) no smaller than ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise SigmaValidationError(f"{name} must be an int >= {minimum}, got {value!r}")
    return value


def per_page(value: object) -> int:
    """Accept a page size from 1 to :data:`~sigma_async.operations.MAX_PER_PAGE`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SigmaValidationError(f"per_page must be a positive int, got {value!r}")
    if value > MAX_PER_PAGE:
        raise SigmaValidationError(
            f"per_page must be at most {MAX_PER_PAGE} (the service's cap), got {value}"
        )
    return value


def text(value: object, name: str, *, credential: bool = False) -> str:
    """Accept a non-empty string without control characters (a credential: no edge spaces)."""
    if not isinstance(value, str) or not value:
        raise SigmaValidationError(f"{name} must be a non-empty string")
    if _CONTROL.search(value):
        raise SigmaValidationError(f"{name} must not contain control characters")
    if credential and value != value.strip():  # a copy-paste slip, caught before a 401
        raise SigmaValidationError(f"{name} has leading or trailing whitespace")
    return value


def identifier(value: object, name: str) -> str:
    """Accept an id: :func:`text` but not ``.`` or ``..`` (URL normalisation resolves them)."""
    checked = text(value, name)
    if checked in (".", ".."):
        raise SigmaValidationError(f"{name} must not be {checked!r}")
    return checked


def channel_id(value: object, name: str = "channel_id") -> str:
    """Accept a channel id, or a :class:`~sigma_async.Channel` (its ``id`` is used)."""
    return identifier(channel_ref(value), name)


def channel_ref(value: object) -> object:
    """Unwrap a :class:`~sigma_async.Channel` to its id; anything else is returned as is.

    For a path parameter: the request builder checks the id as it encodes it (one check, one
    wording: ``channel_id must be a non-empty string``).
    """
    return value.id if isinstance(value, Channel) else value


def instance_of(value: object, cls: type[Any], name: str) -> None:
    """Refuse a ``value`` that is not a ``cls`` (a request model, say)."""
    if not isinstance(value, cls):
        raise SigmaValidationError(f"{name} must be a {cls.__name__}, got {type(value).__name__}")


def mapping(value: object, name: str) -> Mapping[str, Any]:
    """Accept a mapping (a JSON object), such as a ``q`` filter."""
    if not isinstance(value, Mapping):
        raise SigmaValidationError(
            f"{name} must be a mapping (a JSON object), got {type(value).__name__}"
        )
    return value


def filter_depth(value: object, name: str = "q") -> None:
    """Refuse a filter nested deeper than :data:`~sigma_async.operations.MAX_FILTER_DEPTH`.

    A level is one ``{"$and": [...]}`` (a mapping and its list), as the emulator counts them;
    the deepest level may still hold an operator such as ``{"$in": [...]}``. Walked with an
    explicit stack: a filter nested thousands deep ends in this error, not in a
    ``RecursionError`` from the JSON encoder.
    """
    # Container depth: a level-n filter object sits at 2n (each level is a mapping and a list);
    # at level MAX_FILTER_DEPTH an operator ({"$in": [...]}) may add a mapping and a list.
    deepest_filter = 2 * MAX_FILTER_DEPTH
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, Mapping):
            children: Any = node.values()
            too_deep = depth > deepest_filter + 1
        elif isinstance(node, (list, tuple)):
            children = node
            too_deep = depth > deepest_filter + 2
        else:
            continue
        if too_deep or (isinstance(node, Mapping) and depth == deepest_filter + 2):
            raise SigmaValidationError(
                f"{name} nests deeper than {MAX_FILTER_DEPTH} levels (the service's limit)"
            )
        stack.extend((child, depth + 1) for child in children)

"""Public conversion between models and JSON: ``to_json``/``from_json``, ``to_dict``/``from_dict``.

Thin functions over the converter the client itself uses (``sigma_async._convert``), so a model
written with :func:`to_json` reads back with :func:`from_json` exactly as the service's own
JSON does. Data from the caller that does not fit raises
:class:`~sigma_async.SigmaValidationError` naming the field (a
:class:`~sigma_async.ResponseDecodeError` is kept for what the service sends).
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from . import _convert
from ._http.sansio import dump_json
from .errors import ResponseDecodeError, SigmaValidationError

__all__ = ["from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")


def to_dict(model: Any) -> Any:
    """Return ``model`` (or a list of models) as JSON-ready data with the wire's field names."""
    return _convert.unstructure(model)


def to_json(model: Any) -> str:
    """Return ``model`` (or a list of models) as compact JSON text, as the client sends it."""
    return dump_json(to_dict(model)).decode()


def from_dict(cls: type[T], data: Any) -> T:
    """Build a ``cls`` from decoded JSON data (wire field names), checking every field."""
    try:
        return _convert.structure(data, cls)
    except ResponseDecodeError as error:
        where = f" (at {error.path})" if error.path else ""
        message = error.message.replace("response does not fit", "data does not fit", 1)
        raise SigmaValidationError(f"{message}{where}") from None


def from_json(cls: type[T], text: str | bytes) -> T:
    """Build a ``cls`` from JSON text, checking every field."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise SigmaValidationError(f"not valid JSON for {cls.__name__}: {error}") from None
    return from_dict(cls, data)

"""Reading JSON: orjson when installed (the ``speedups`` extra), stdlib ``json`` otherwise.

Both give the same result for every body. orjson is tried first; whatever it refuses goes to the
stdlib, which then decides, so a body orjson reads differently from ``json`` never reaches the
caller in orjson's reading:

- orjson refuses what ``json`` accepts (``NaN``/``Infinity``, integers beyond 64 bits, a UTF-8
  BOM, UTF-16/32 bodies, lone surrogates): ``json`` reads them as it always did;
- both refuse it: the error is ``json``'s own (``ValueError``);
- nesting too deep: orjson stops at 1024 levels, and ``json`` then raises ``RecursionError`` as it
  does without orjson; callers treat both as a malformed body.

One difference is left, because finding it would cost a scan of every body: orjson reads an
integer beyond 64 bits (``123456789012345678901``) as a float, ``json`` as an int. No model field
takes such a float where an int is due, so a model built from it fails, and
``sigma_async._http.sansio.decode_json`` then reads the body again with ``json``: the models, and
the errors, are the same with or without orjson.

Writing stays with the stdlib (``sigma_async._sansio.dump_json``): request bodies are small, and
orjson writes some floats differently (``1e16`` for ``1e+16``), which would change the wire.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

__all__ = ["BACKEND", "first_loads", "loads"]


def _orjson_loads() -> Callable[[bytes | str], Any] | None:
    try:
        import orjson  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    return orjson.loads  # type: ignore[no-any-return, unused-ignore]


_fast_loads: Final = _orjson_loads()

BACKEND: Final = "json" if _fast_loads is None else "orjson"
"""Which library reads JSON first: ``"orjson"`` or ``"json"``."""

first_loads: Final[Callable[[bytes | str], Any]] = (
    json.loads if _fast_loads is None else _fast_loads
)
"""The first reader, ``orjson.loads`` or ``json.loads``: what :func:`loads` tries first.

For a caller that reads one body on a hot path and, on a ``ValueError`` from orjson, has the
stdlib decide itself (``sigma_async._http.sansio.decode_json``): one Python frame less.
"""


def loads(body: bytes | str) -> Any:
    """Decode a JSON document; raise ``ValueError`` (or ``RecursionError``) as ``json`` does."""
    if _fast_loads is not None:
        try:
            return _fast_loads(body)
        except ValueError:  # orjson.JSONDecodeError: let the stdlib decide, see above
            pass
    return json.loads(body)

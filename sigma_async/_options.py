"""Per-call options: the ``timeout=`` and ``max_retries=`` every request method accepts.

Declared once, here, as a ``TypedDict``: each request method takes ``**options`` typed with it,
and the engine checks and resolves them in one place (:meth:`Engine.resolve`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TypedDict

from ._model_support import Unset

if sys.version_info >= (3, 11):
    from typing import Unpack
elif TYPE_CHECKING:  # pragma: no cover - Python 3.10 type checking only
    from typing_extensions import Unpack

__all__ = ["OPTION_NAMES", "RequestOptions", "Unpack"]


class RequestOptions(TypedDict, total=False):
    """Options of one call, overriding the client's settings for it.

    ``timeout``: seconds each attempt may take (None for no timeout); ``max_retries``: extra
    attempts after a retryable failure (0 for none). Leave one out (or pass ``UNSET``) to keep
    the client's setting.
    """

    timeout: float | Unset | None
    max_retries: int | Unset


OPTION_NAMES = frozenset(RequestOptions.__annotations__)
"""The keyword arguments :class:`RequestOptions` allows."""

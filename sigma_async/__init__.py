"""sigma-async: the asyncio Python SDK for the Sigma Livestream API.

The public names below are imported when first used (PEP 562), so that ``import sigma_async``,
and the ``sigma-async`` command's ``--help``, do not pay for aiohttp, cattrs and asyncio until a
name that needs them is touched. ``from sigma_async import SigmaClient`` works as usual.
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._client import SigmaClient
    from ._drift import DriftFinding, DriftReport, drift_report
    from ._gate import RateLimiter, RateLimitGate, Traffic
    from ._model_support import UNSET, Unset
    from ._options import RequestOptions
    from ._serialize import from_dict, from_json, to_dict, to_json
    from .bulk import BulkOutcome, BulkResult, BulkRun, OutcomeState
    from .errors import (
        APIConnectionError,
        APIError,
        APIStatusError,
        APITimeoutError,
        APITLSError,
        AuthenticationError,
        BadRequestError,
        BulkError,
        BulkItemCancelledError,
        ClientClosedError,
        ConflictError,
        InternalServerError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ResponseDecodeError,
        ResponseTooLargeError,
        SessionEndedError,
        SigmaError,
        SigmaValidationError,
        UnprocessableEntityError,
        WaitTimeoutError,
        WrongEventLoopError,
    )
    from .helpers import catchup_playlist_url
    from .models import (
        CatchupDestination,
        CatchupDestinationType,
        Channel,
        ChannelCreate,
        ChannelInput,
        ChannelMode,
        ChannelPage,
        ChannelStatus,
        ChannelType,
        ChannelUpdate,
        ClientInfo,
        ErrorBody,
        Event,
        EventAction,
        EventPage,
        MachineConfig,
        MachineType,
        OutputFormat,
        S3Destination,
        Session,
        SessionPage,
        SessionStatus,
        SessionStatusResult,
    )
    from .pagination import AsyncPaginator, Page
    from .resources._base import ListOptions

_HOMES: dict[str, str] = {
    "RateLimitGate": "._gate",
    "RateLimiter": "._gate",
    "Traffic": "._gate",
    "APIConnectionError": ".errors",
    "APIError": ".errors",
    "APIStatusError": ".errors",
    "APITLSError": ".errors",
    "APITimeoutError": ".errors",
    "AsyncPaginator": ".pagination",
    "AuthenticationError": ".errors",
    "BadRequestError": ".errors",
    "BulkError": ".errors",
    "BulkItemCancelledError": ".errors",
    "BulkOutcome": ".bulk",
    "BulkResult": ".bulk",
    "BulkRun": ".bulk",
    "CatchupDestination": ".models",
    "CatchupDestinationType": ".models",
    "Channel": ".models",
    "ChannelCreate": ".models",
    "ChannelInput": ".models",
    "ChannelMode": ".models",
    "ChannelPage": ".models",
    "ChannelStatus": ".models",
    "ChannelType": ".models",
    "ChannelUpdate": ".models",
    "ClientClosedError": ".errors",
    "ClientInfo": ".models",
    "ConflictError": ".errors",
    "DriftFinding": "._drift",
    "DriftReport": "._drift",
    "ErrorBody": ".models",
    "Event": ".models",
    "EventAction": ".models",
    "EventPage": ".models",
    "InternalServerError": ".errors",
    "ListOptions": ".resources._base",
    "MachineConfig": ".models",
    "MachineType": ".models",
    "NotFoundError": ".errors",
    "OutcomeState": ".bulk",
    "OutputFormat": ".models",
    "Page": ".pagination",
    "PermissionDeniedError": ".errors",
    "RateLimitError": ".errors",
    "RequestOptions": "._options",
    "ResponseDecodeError": ".errors",
    "ResponseTooLargeError": ".errors",
    "S3Destination": ".models",
    "Session": ".models",
    "SessionEndedError": ".errors",
    "SessionPage": ".models",
    "SessionStatus": ".models",
    "SessionStatusResult": ".models",
    "SigmaClient": "._client",
    "SigmaError": ".errors",
    "SigmaValidationError": ".errors",
    "UNSET": "._model_support",
    "UnprocessableEntityError": ".errors",
    "Unset": "._model_support",
    "WaitTimeoutError": ".errors",
    "WrongEventLoopError": ".errors",
    "catchup_playlist_url": ".helpers",
    "drift_report": "._drift",
    "from_dict": "._serialize",
    "from_json": "._serialize",
    "to_dict": "._serialize",
    "to_json": "._serialize",
}
"""Where each public name is defined (relative to this package)."""

# Names whose home is a private module are shown as ``sigma_async.X`` (in reprs, docs and
# pickles), as httpx does; public homes (errors, models, pagination) keep their own name.
_PINNED = frozenset(
    {
        "RateLimitGate",
        "RateLimiter",
        "Traffic",
        "BulkOutcome",
        "BulkResult",
        "BulkRun",
        "DriftFinding",
        "DriftReport",
        "OutcomeState",
        "RequestOptions",
        "ListOptions",
        "SigmaClient",
        "Unset",
        "drift_report",
        "from_dict",
        "from_json",
        "to_dict",
        "to_json",
    }
)

__all__ = [
    "UNSET",
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITLSError",
    "APITimeoutError",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "BulkError",
    "BulkItemCancelledError",
    "BulkOutcome",
    "BulkResult",
    "BulkRun",
    "CatchupDestination",
    "CatchupDestinationType",
    "Channel",
    "ChannelCreate",
    "ChannelInput",
    "ChannelMode",
    "ChannelPage",
    "ChannelStatus",
    "ChannelType",
    "ChannelUpdate",
    "ClientClosedError",
    "ClientInfo",
    "ConflictError",
    "DriftFinding",
    "DriftReport",
    "ErrorBody",
    "Event",
    "EventAction",
    "EventPage",
    "InternalServerError",
    "ListOptions",
    "MachineConfig",
    "MachineType",
    "NotFoundError",
    "OutcomeState",
    "OutputFormat",
    "Page",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimitGate",
    "RateLimiter",
    "RequestOptions",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "S3Destination",
    "Session",
    "SessionEndedError",
    "SessionPage",
    "SessionStatus",
    "SessionStatusResult",
    "SigmaClient",
    "SigmaError",
    "SigmaValidationError",
    "Traffic",
    "UnprocessableEntityError",
    "Unset",
    "WaitTimeoutError",
    "WrongEventLoopError",
    "__version__",
    "catchup_playlist_url",
    "drift_report",
    "from_dict",
    "from_json",
    "to_dict",
    "to_json",
]


# Hidden from type checkers, which see the imports above: a module-level __getattr__ would make
# every misspelt name type-check as Any.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_importlib.import_module(home, __name__), name)
        if name in _PINNED:
            value.__module__ = __name__
        globals()[name] = value  # later look-ups are plain module attributes
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))

"""The emulator's wire format: timestamps, JSON bytes and NestJS-shaped error bodies."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web

__all__ = [
    "ApiError",
    "dumps",
    "error_body",
    "error_response",
    "format_timestamp",
    "json_response",
    "reason",
]

# NestJS names the status in the `error` key of its default exception body.
_REASONS: Mapping[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    409: "Conflict",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def reason(status: int) -> str:
    """Return the standard reason phrase of an HTTP status."""
    return _REASONS.get(status, "Error")


class ApiError(Exception):
    """An HTTP error a handler raises; the error middleware renders it as a NestJS body."""

    def __init__(
        self,
        status: int,
        message: str | list[str],
        *,
        headers: Mapping[str, str] | None = None,
        close: bool = False,
    ) -> None:
        super().__init__(message if isinstance(message, str) else "; ".join(message))
        self.status = status
        self.message = message
        self.headers = dict(headers or {})
        self.close = close
        """Whether to close the connection after the answer (the request's rest never came)."""


# Kept: a session list sorting by a timestamp formats one per stored session (records cannot be
# kept, their duration moves), and strftime is most of that cost. Equal instants format alike.
@functools.lru_cache(maxsize=1 << 16)
def format_timestamp(moment: dt.datetime) -> str:
    """Render a UTC instant the way the service does: milliseconds and a ``Z``."""
    utc = moment.astimezone(dt.timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def dumps(value: Any) -> bytes:
    """Encode JSON compactly as UTF-8, as Node's ``JSON.stringify`` does.

    Non-ASCII text is sent as UTF-8. A lone surrogate (which JSON input may carry) cannot be
    UTF-8 encoded, so such a document falls back to ASCII escapes, as Node does for them.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def json_response(
    value: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    """Build a JSON response with the service's content type."""
    return web.Response(
        body=dumps(value),
        status=status,
        headers=dict(headers or {}),
        content_type="application/json",
        charset="utf-8",
    )


def error_body(status: int, message: str | list[str]) -> dict[str, Any]:
    """Build NestJS's default exception body."""
    return {"statusCode": status, "message": message, "error": reason(status)}


def error_response(
    status: int, message: str | list[str], *, headers: Mapping[str, str] | None = None
) -> web.Response:
    """Build a NestJS-shaped error response."""
    return json_response(error_body(status, message), status=status, headers=headers)

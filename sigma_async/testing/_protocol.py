"""How the emulator's HTTP server treats connections: deadlines for requests, quiet 400s.

aiohttp's server arms its keep-alive timer when a connection opens and again after each
response, and at that instant closes the connection if it is still waiting for a complete request
head. So ``keepalive_timeout`` is also the longest a client may take to send a request line and
its headers: a client trickling header bytes (slowloris) is cut off after it, however steadily it
trickles. The emulator sets it to :data:`REQUEST_TIMEOUT` unless told otherwise (nginx's
``client_request_timeout`` and Node's ``headersTimeout`` are both 60 seconds).

aiohttp also logs every malformed request (a request line over 8190 bytes, a bad header) at
ERROR with a traceback, quoting the raw bytes. For a server whose job is to be attacked by
tests that is noise, and the bytes may carry credentials: :class:`ProtocolLog` turns those into
one INFO line naming the error class, and leaves every other failure as aiohttp logs it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aiohttp.http_exceptions import HttpProcessingError

__all__ = ["REQUEST_TIMEOUT", "ProtocolLog", "server_options"]

REQUEST_TIMEOUT = 60.0
"""Seconds a connection may take to send a request head (or stay idle), and then its body."""

_log = logging.getLogger("sigma_async.testing")


if TYPE_CHECKING:
    _LoggerAdapter = logging.LoggerAdapter[logging.Logger]
else:  # subscriptable at run time only from Python 3.11 on
    _LoggerAdapter = logging.LoggerAdapter


class ProtocolLog(_LoggerAdapter):
    """The logger given to aiohttp's request handler: a client's malformed request is one line."""

    def exception(self, msg: object, *args: object, exc_info: Any = True, **kwargs: Any) -> None:
        """Log a failure; a 4xx protocol error (the client's fault) without its traceback."""
        error = exc_info if isinstance(exc_info, BaseException) else sys.exc_info()[1]
        if isinstance(error, HttpProcessingError) and 400 <= error.code < 500:
            # The message quotes the raw request bytes: name the class only.
            self.logger.info(
                "sigma emulator: refused a malformed request (%s)", type(error).__name__
            )
            return
        self.logger.error(msg, *args, exc_info=exc_info, **kwargs)


def server_options(request_timeout: float) -> Mapping[str, Any]:
    """Keyword arguments for ``web.AppRunner`` that apply the connection rules above."""
    if not request_timeout > 0:
        raise ValueError(f"request_timeout must be positive, got {request_timeout!r}")
    return {
        "keepalive_timeout": request_timeout,
        # After answering a request whose body it did not read (a 408), aiohttp reads and drops
        # the rest for up to lingering_time before closing: no longer than a request may take.
        "lingering_time": request_timeout,
        "logger": ProtocolLog(_log, {}),
    }

"""The only code that touches the network: send one request with aiohttp, read a capped body.

aiohttp's exceptions become the SDK's here, sorted by whether the request can have reached the
server (``request_sent``): that is what lets the retry policy re-send a create safely. Their
text is never copied raw: aiohttp's parse errors quote the bytes the server sent, so only a
bounded, scrubbed excerpt of it is kept (:func:`~sigma_async._http.redact.scrub`).
"""

from __future__ import annotations

import asyncio
import re
import ssl as ssl_module
import sys
from collections.abc import Awaitable, Iterable, Mapping
from contextvars import ContextVar
from typing import Any

import aiohttp

from .._version import __version__
from ..errors import APIConnectionError, APITimeoutError, APITLSError, ResponseTooLargeError
from .redact import scrub
from .sansio import Request

__all__ = [
    "NETWORK_ERRORS",
    "RESPONSE_ATTRIBUTES",
    "PoolConnector",
    "PreparedResponse",
    "abandon",
    "failure",
    "open_session",
    "read_body",
    "send_options",
    "share_attribute_names",
    "start",
    "user_agent",
    "watch_connections",
    "with_timeout",
]

# aiohttp labels a bodiless PATCH/DELETE "application/octet-stream"; the guide's curl sends none.
_NO_CONTENT_TYPE = ("Content-Type",)
_BYTES_LITERAL = re.compile(r"""b(['"]).*?(?<!\\)\1""", re.DOTALL)
_DETAIL = 200

# Whether the request being sent in this task got a connection from the pool. Set by
# PoolConnector (the client's own session) or by _CONNECTION_TRACE (a caller's session), read
# when a timeout fires: a timeout before it proves nothing was sent.
_CONNECTED: ContextVar[bool] = ContextVar("sigma_async_connected", default=False)


def user_agent() -> str:
    """Return ``sigma-async/<version> python/<x.y> aiohttp/<x.y.z>``."""
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f"sigma-async/{__version__} python/{python} aiohttp/{aiohttp.__version__}"


class PoolConnector(aiohttp.TCPConnector):
    """aiohttp's connector, noting when a request leaves the pool's queue with a connection."""

    async def connect(self, req: Any, traces: Any, timeout: Any) -> Any:
        """Acquire a connection as aiohttp does, then mark this task's request as connected."""
        connection = await super().connect(req, traces, timeout)
        _CONNECTED.set(True)
        return connection


RESPONSE_ATTRIBUTES = (
    # ClientResponse.__init__
    "method",
    "_real_url",
    "_url",
    "_output_size",
    "_stream_writer",  # a request with a body
    "_ClientResponse__writer",
    "_request_info",
    "_timer",
    "_cache",
    "_traces",
    "_loop",
    "_session",
    "_resolve_charset",
    "_closed",
    "_protocol",
    "_connection",
    # ClientResponse.start
    "version",
    "status",
    "reason",
    "_headers",
    "_raw_headers",
    "content",
    "_history",
    "_raw_cookie_headers",  # a reply with Set-Cookie (a load balancer's, say)
    # read and release
    "_body",
    "_released",
    "_source_traceback",  # asyncio's debug mode
)
"""The attributes aiohttp (3.14) sets on a response in a normal exchange, in the order it does.

Other aiohttp versions set a few other names; those still fit in the room the layout keeps
after these (29 names at most; these are 27).
"""


class PreparedResponse(aiohttp.ClientResponse):
    """aiohttp's response, its class knowing every attribute of a normal exchange up front.

    CPython (3.11 on) keeps an object's attributes in a compact array laid out by its class, and
    a name joins that layout only while the class has made few objects: each new object takes
    one unit of the room left. A process whose first act is a burst of concurrent requests
    makes dozens of responses before the first one reads its status line, so ``version``,
    ``status`` and the rest no longer fit. From then on every response of the process builds a
    ``__dict__`` of its own and takes the slow attribute path: about 9k CPU instructions, 2 %
    of a request (``benchmarks/README.md``, "A burst first"). The client's own session answers
    with this class, whose layout is filled once, at import (:func:`share_attribute_names`); a
    caller's session answers with its own class.
    """


def share_attribute_names(cls: type[aiohttp.ClientResponse]) -> None:
    """Enter :data:`RESPONSE_ATTRIBUTES` in the attribute layout ``cls`` shares, before any use.

    Done on a throwaway object, which is never initialised nor used: aiohttp's finalizer has
    nothing to close on a response whose ``_closed`` is true.
    """
    placeholder = object.__new__(cls)
    for name in RESPONSE_ATTRIBUTES:
        # A name that became a property (a later aiohttp) is no instance attribute: skip it.
        if not hasattr(getattr(cls, name, None), "__set__"):
            setattr(placeholder, name, None)
    placeholder._closed = True


share_attribute_names(PreparedResponse)


async def _got_connection(session: Any, context: Any, params: Any) -> None:
    # aiohttp awaits trace handlers inside connector.connect, in the requesting task's context.
    _CONNECTED.set(True)


# A caller's session has the caller's connector, which cannot be a PoolConnector: aiohttp's
# tracing reports the same moment (a new or a reused connection handed to the request).
_CONNECTION_TRACE = aiohttp.TraceConfig()
_CONNECTION_TRACE.on_connection_create_end.append(_got_connection)
_CONNECTION_TRACE.on_connection_reuseconn.append(_got_connection)
_CONNECTION_TRACE.freeze()


def watch_connections(session: aiohttp.ClientSession) -> None:
    """Let :func:`failure` tell a timeout in a caller's pool queue from one after sending.

    Adds one trace config to ``session`` (once); it only notes, in the requesting task, that a
    connection was handed out, so the session behaves for its other users as before.
    """
    if not _reports_connections(session):
        session.trace_configs.append(_CONNECTION_TRACE)


def _reports_connections(session: aiohttp.ClientSession) -> bool:
    own_pool = isinstance(session.connector, PoolConnector)
    return own_pool or _CONNECTION_TRACE in session.trace_configs


def open_session(
    max_connections: int,
    *,
    headers: Mapping[str, str] | None = None,
    timeout: aiohttp.ClientTimeout,
    ssl: ssl_module.SSLContext | bool,
) -> aiohttp.ClientSession:
    """Open the session a client owns: a bounded pool, no cookies, no hidden retries.

    ``headers`` (the client's: auth, app id, user agent) go on every request of the session,
    so the session is for this client's API requests only: anything else sent through it would
    carry the credentials to another host. ``timeout`` (each attempt's, by default) and ``ssl``
    (how HTTPS is verified) are the session's and its pool's defaults, so that a request
    passes neither (:func:`send_options`).
    """
    # Idle connections close after 4 s, before a Node.js server's 5 s keep-alive timeout
    # does: a create sent on a connection the server just closed could not be retried.
    connector = PoolConnector(limit=max_connections, keepalive_timeout=4.0, ssl=ssl)
    # No cookie jar: an API client has no use for cookies and must not replay them.
    session = aiohttp.ClientSession(
        connector=connector,
        cookie_jar=aiohttp.DummyCookieJar(),
        headers=headers,
        timeout=timeout,
        response_class=PreparedResponse,
    )
    # aiohttp silently sends an idempotent request a second time when a kept-alive
    # connection drops. Our retry policy must be the only one: it counts and logs attempts,
    # honours max_retries=0, and knows when a lost response may hide a delete that ran.
    # (aiohttp's own test utilities switch it off the same way.)
    session._retry_connection = False
    return session


def abandon(session: aiohttp.ClientSession) -> None:
    """Close an abandoned session's connections now, without awaiting (for a finalizer).

    This is the synchronous close aiohttp's own finalizers run; done first, it leaves the
    session and its connector closed, so their "Unclosed client session" / "Unclosed
    connector" warnings are not printed beside the client's own.
    """
    connector = session.connector
    if connector is not None:
        connector._close()  # the waiters it returns are for an awaited close: nobody awaits


NETWORK_ERRORS = (aiohttp.ClientError, asyncio.TimeoutError, OSError)
"""What aiohttp raises for a failed exchange: :func:`failure` turns it into the SDK's error."""


def send_options(
    *,
    own_session: bool,
    timeout: aiohttp.ClientTimeout,
    ssl: ssl_module.SSLContext | bool,
) -> dict[str, Any] | None:
    """Return the keyword arguments a request passes to aiohttp besides its own, or None.

    None for the session a client opens itself (``own_session``): it holds them all as its
    defaults (:func:`open_session`: ``timeout``, ``ssl``, no ``raise_for_status``), and
    :func:`start` passes only ``allow_redirects=False``. A caller's session has the caller's
    defaults, so its requests pass all of them. Redirects are never followed: a 3xx to another
    host must not receive the Basic token.
    """
    if own_session:
        return None
    return {"allow_redirects": False, "raise_for_status": False, "ssl": ssl, "timeout": timeout}


def with_timeout(
    options: Mapping[str, Any] | None, timeout: aiohttp.ClientTimeout
) -> dict[str, Any]:
    """Return :func:`send_options`'s ``options`` with one call's own ``timeout`` in place."""
    return {"allow_redirects": False, **(options or {}), "timeout": timeout}


def start(
    session: aiohttp.ClientSession, request: Request, options: Mapping[str, Any] | None
) -> Awaitable[aiohttp.ClientResponse]:
    """Start sending ``request``; await the result for the response, its head read.

    ``options`` are the client's :func:`send_options` (:func:`with_timeout`'s for a call with
    its own timeout), and nothing else: a mapping of options must hold
    ``allow_redirects=False``, as theirs do, or aiohttp follows redirects. A plain function
    handing back aiohttp's own awaitable, not a coroutine: every resumption of the attempt then
    passes one frame fewer. The caller reads the body with :func:`read_body`, releases the
    response, and maps :data:`NETWORK_ERRORS` with :func:`failure`.
    """
    _CONNECTED.set(False)
    method = request.method
    body = request.body
    if options is None:
        # The client's own session: the one keyword written out, as a ``**`` spread of a dict
        # costs about 2k CPU instructions a request more (benchmarks/README.md).
        if body is not None:
            return session.request(
                method, request.url, headers=request.headers, data=body, allow_redirects=False
            )
        if method == "GET":
            return session.request(
                "GET", request.url, headers=request.headers, allow_redirects=False
            )
        return session.request(
            method,
            request.url,
            headers=request.headers,
            skip_auto_headers=_NO_CONTENT_TYPE,
            allow_redirects=False,
        )
    if body is not None:
        return session.request(method, request.url, headers=request.headers, data=body, **options)
    if method == "GET":
        return session.request("GET", request.url, headers=request.headers, **options)
    return session.request(
        method,
        request.url,
        headers=request.headers,
        skip_auto_headers=_NO_CONTENT_TYPE,
        **options,
    )


def failure(
    error: BaseException,
    request: Request,
    session: aiohttp.ClientSession,
    *,
    secrets: Iterable[str] = (),
) -> APIConnectionError:
    """Return the SDK's error for ``error``, one of :data:`NETWORK_ERRORS` met by ``request``.

    ``secrets`` (the client's credentials) are removed from any text the error keeps.
    """
    queued = not _CONNECTED.get() and _reports_connections(session)
    return _connection_error(
        error, request.method, str(request.url), queued=queued, secrets=secrets
    )


def read_body(response: aiohttp.ClientResponse, max_bytes: int) -> Awaitable[bytes]:
    """Return what to await for the whole body of ``response``, at most ``max_bytes``.

    Raises :class:`~sigma_async.errors.ResponseTooLargeError` (at once when the declared length
    is over the cap). A plain function, as :func:`start` is: the common case (a Content-Length
    within the cap) awaits aiohttp's read with no frame of ours between.
    """
    length = response.content_length
    if length is not None and length > max_bytes:
        response.close()  # drop the connection rather than drain the body
        raise ResponseTooLargeError(
            f"response of {length} bytes exceeds max_response_bytes={max_bytes}", limit=max_bytes
        )
    if length is not None and response.headers.get("Content-Encoding", "identity") == "identity":
        return response.read()  # the parser stops at Content-Length: already bounded
    return _read_counting(response, max_bytes)


async def _read_counting(response: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    # Chunked or compressed: count the decoded bytes as they arrive (a gzip bomb stops here).
    received = bytearray()
    async for chunk in response.content.iter_any():
        received += chunk
        if len(received) > max_bytes:
            response.close()
            raise ResponseTooLargeError(
                f"response body exceeds max_response_bytes={max_bytes}", limit=max_bytes
            )
    return bytes(received)


def _detail(error: BaseException, secrets: Iterable[str]) -> str:
    # aiohttp quotes the server's raw bytes in parse errors (b'...'): those go entirely; the
    # rest is bounded and scrubbed of secret fields and of this client's credentials.
    text = str(error) or repr(error)
    return scrub(_BYTES_LITERAL.sub("b'…'", text), limit=_DETAIL, secrets=secrets)


def _connection_error(
    error: BaseException,
    method: str,
    url: str,
    *,
    queued: bool = False,
    secrets: Iterable[str] = (),
) -> APIConnectionError:
    """Return the SDK's error for an aiohttp failure (``queued``: no pooled connection yet)."""
    # Order matters: the TLS and connect-timeout classes are subclasses of the broader ones.
    if isinstance(error, aiohttp.ClientConnectorCertificateError):
        reason = _detail(error.certificate_error, secrets)
        message = f"TLS certificate not trusted: {reason}"
        return APITLSError(message, method=method, url=url, request_sent=False)
    if isinstance(error, aiohttp.ClientSSLError):
        message = f"TLS handshake failed: {_detail(error.os_error, secrets)}"
        return APITLSError(message, method=method, url=url, request_sent=False)
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        message = "timed out connecting"
        return APITimeoutError(message, method=method, url=url, request_sent=False)
    if isinstance(error, aiohttp.ClientConnectorError):
        message = f"cannot connect: {_detail(error.os_error, secrets)}"
        return APIConnectionError(message, method=method, url=url, request_sent=False)
    if isinstance(error, asyncio.TimeoutError):
        if queued:
            message = "timed out waiting for a free connection in the pool (max_connections)"
            return APITimeoutError(message, method=method, url=url, request_sent=False)
        return APITimeoutError("timed out waiting for the response", method=method, url=url)
    if isinstance(error, aiohttp.ServerDisconnectedError):
        message = "server closed the connection before the response was complete"
        return APIConnectionError(message, method=method, url=url)
    if isinstance(error, aiohttp.ClientPayloadError):
        message = f"response body incomplete: {_detail(error, secrets)}"
        return APIConnectionError(message, method=method, url=url)
    return APIConnectionError(
        f"connection failed: {_detail(error, secrets)}", method=method, url=url
    )

"""``SigmaClient``: configuration, the aiohttp session, and the one request path."""

from __future__ import annotations

import logging
import math
import os
import ssl as ssl_module
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, TypeVar, overload

import aiohttp
from backoff.types import Details
from yarl import URL

from . import _config, _sansio, _transport
from ._gate import RateLimiter, RateLimitGate, Traffic, observe_response
from ._model_support import UNSET, Unset
from ._retry import RetryPolicy, is_retryable, retrying
from .bulk import ClientBulkMixin
from .errors import APIConnectionError, SigmaError, SigmaValidationError
from .resources import ChannelsResource, EventsResource, SessionsResource

__all__ = ["SigmaClient"]

T = TypeVar("T")

logger = logging.getLogger("sigma_async")

_MIB = 1024 * 1024


def _check_number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise SigmaValidationError(f"{name} must be a positive number, got {value!r}")
    return float(value)


def _check_optional_number(value: object, name: str) -> float | None:
    return None if value is None else _check_number(value, name)


def _check_timeout(value: object, name: str) -> float | None:
    seconds = _check_optional_number(value, name)
    if seconds is not None and not math.isfinite(seconds):
        # aiohttp schedules the deadline with the loop, which overflows on infinity.
        raise SigmaValidationError(f"{name} must be finite (None for no timeout), got {value!r}")
    return seconds


def _check_int(value: object, name: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise SigmaValidationError(f"{name} must be an int >= {minimum}, got {value!r}")
    return value


class _Call:
    """One logical request, shared by its attempts."""

    __slots__ = (
        "attempt",
        "body",
        "cast",
        "gone_means_done",
        "maybe_applied",
        "method",
        "query",
        "replay",
        "timeout",
        "tries",
        "url",
    )

    def __init__(
        self,
        method: str,
        url: URL,
        query: Mapping[str, str] | None,
        body: bytes | None,
        timeout: aiohttp.ClientTimeout,
        tries: int,
        cast: type[Any] | None,
        gone_means_done: bool = False,
    ) -> None:
        self.method = method
        self.url = url
        self.query = query
        self.body = body
        self.timeout = timeout
        self.tries = tries
        self.cast = cast
        self.attempt = 0
        self.replay: SigmaError | None = None
        self.gone_means_done = gone_means_done
        # Whether an earlier attempt may have run on the server although it failed for us.
        self.maybe_applied = False

    def target(self) -> str:
        query = f"?{urllib.parse.urlencode(self.query)}" if self.query else ""
        return f"{self.method} {self.url.raw_path}{query}"


class SigmaClient(ClientBulkMixin):
    """Async client of the Sigma Livestream API.

    Use it as an async context manager, or call :meth:`aclose` when done::

        async with SigmaClient(username=..., secret_key=..., app_id=...) as client:
            channel = await client.channels.get(channel_id)

    ``timeout`` bounds each attempt (seconds, None for none); ``connect_timeout`` bounds opening
    a connection. ``max_retries`` extra attempts follow the policy in ``sigma_async._retry``:
    exponential backoff from ``retry_base_delay`` up to ``retry_max_delay`` with full jitter, or
    the server's ``Retry-After`` up to ``max_retry_after``. Both ``timeout`` and ``max_retries``
    can be overridden per call.

    The client opens one ``aiohttp.ClientSession`` lazily, inside the running loop, pooling up to
    ``max_connections`` connections; pass ``session`` to use your own instead (its connector
    then sets the pool, and you close it).
    HTTPS is verified by default (``ssl`` takes a custom ``SSLContext``); plain ``http://`` is
    refused except on loopback unless ``allow_insecure_http``. Redirects are not followed: a
    3xx response raises :class:`~sigma_async.APIStatusError`. Bodies over
    ``max_response_bytes`` raise :class:`~sigma_async.ResponseTooLargeError`.
    ``client.bulk(operation, items)`` comes from :mod:`sigma_async.bulk`.

    ``rate_limit_gate`` (on by default) makes one 429 hold back every new attempt of the client
    until its ``Retry-After`` has passed, then lets attempts through at a pace learned from the
    service (:mod:`sigma_async._gate`); False turns it off; a :class:`~sigma_async.RateLimiter`
    replaces it (one shared by worker processes, say). ``client.traffic`` counts attempts, 429s
    and 503s.
    """

    def __init__(
        self,
        *,
        username: str,
        secret_key: str,
        app_id: str,
        base_url: str = _sansio.DEFAULT_BASE_URL,
        timeout: float | None = 30.0,
        max_retries: int = 2,
        connect_timeout: float | None = 10.0,
        max_connections: int = 100,
        max_response_bytes: int = 32 * _MIB,
        session: aiohttp.ClientSession | None = None,
        ssl: ssl_module.SSLContext | None = None,
        allow_insecure_http: bool = False,
        retry_base_delay: float = 0.5,
        retry_max_delay: float = 8.0,
        max_retry_after: float = 60.0,
        rate_limit_gate: bool | RateLimiter = True,
    ) -> None:
        self._headers = _sansio.default_headers(username, secret_key, app_id)
        self._json_headers = {**self._headers, "Content-Type": "application/json"}
        self.username = username
        """The API username (the secret key is kept only inside the auth header)."""
        self.app_id = app_id
        """The app every request acts on (``X-App-Id``)."""
        self.base_url = base_url
        """The service root given (the API lives under ``/api/livestream``)."""
        self._root = _sansio.api_root(base_url, allow_insecure_http=allow_insecure_http)
        self._connect_timeout = _check_timeout(connect_timeout, "connect_timeout")
        self._timeout = self._client_timeout(timeout)
        self._max_tries = _check_int(max_retries, "max_retries", minimum=0) + 1
        self._max_connections = _check_int(max_connections, "max_connections", minimum=1)
        self._max_response_bytes = _check_int(max_response_bytes, "max_response_bytes", minimum=1)
        if ssl is not None and not isinstance(ssl, ssl_module.SSLContext):
            raise SigmaValidationError("ssl must be an ssl.SSLContext or None")
        self._ssl: ssl_module.SSLContext | bool = True if ssl is None else ssl
        if session is not None and not isinstance(session, aiohttp.ClientSession):
            raise SigmaValidationError("session must be an aiohttp.ClientSession or None")
        self._session = session
        self._owns_session = session is None
        self._closed = False
        self._policy = RetryPolicy(
            base_delay=_check_number(retry_base_delay, "retry_base_delay"),
            max_delay=_check_number(retry_max_delay, "retry_max_delay"),
            max_retry_after=_check_number(max_retry_after, "max_retry_after"),
        )
        self._senders: dict[tuple[int, bool], Callable[..., Awaitable[Any]]] = {}
        self._limiter = _gate_for(rate_limit_gate, self._policy)
        self.traffic = Traffic()
        """Attempts sent and 429/503 responses met by this client (:class:`Traffic`)."""
        self.channels = ChannelsResource(self)
        """Channels: create, get, update, start, stop, delete, list."""
        self.sessions = SessionsResource(self)
        """Live sessions: list, get, status, wait_for_status."""
        self.events = EventsResource(self)
        """Session events: list, watch."""

    @classmethod
    def from_env(cls, env_file: str | os.PathLike[str] | None = None, **kwargs: Any) -> SigmaClient:
        """Build a client from ``SIGMA_USERNAME``, ``SIGMA_SECRET_KEY``, ``SIGMA_APP_ID``.

        ``SIGMA_BASE_URL`` is optional. With ``env_file`` (the console's ``.env`` download) the
        keys are read from that file too; a variable set in the process environment wins over
        the file, as with other dotenv tools. Other keyword arguments go to the constructor.
        A missing key raises :class:`~sigma_async.SigmaValidationError` naming it.
        """
        settings: dict[str, Any] = dict(_config.settings_from_env(env_file))
        settings.update(kwargs)
        return cls(**settings)

    def __repr__(self) -> str:
        return (
            f"SigmaClient(base_url={self.base_url!r}, app_id={self.app_id!r}, "
            f"username={self.username!r})"
        )

    @property
    def closed(self) -> bool:
        """Whether :meth:`aclose` was called; a closed client refuses requests."""
        return self._closed

    async def __aenter__(self) -> SigmaClient:
        if self._closed:
            raise SigmaError("this SigmaClient is closed; create a new one")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the client and the session it opened (a session you passed stays open)."""
        self._closed = True
        session, self._session = self._session, None
        if session is not None and self._owns_session:
            await session.close()

    def _client_timeout(self, timeout: object) -> aiohttp.ClientTimeout:
        total = _check_timeout(timeout, "timeout")
        connect = self._connect_timeout
        if total is not None and connect is not None:
            connect = min(connect, total)
        # sock_connect, not connect: a connect timeout must surface as ConnectionTimeoutError,
        # which proves the request was never sent (so even a create may be retried).
        return aiohttp.ClientTimeout(total=total, sock_connect=connect)

    def _open_session(self) -> aiohttp.ClientSession:
        if self._closed:
            raise SigmaError("this SigmaClient is closed; create a new one")
        # Idle connections close after 4 s, before a Node.js server's 5 s keep-alive timeout
        # does: a create sent on a connection the server just closed could not be retried.
        connector = aiohttp.TCPConnector(limit=self._max_connections, keepalive_timeout=4.0)
        # No cookie jar: an API client has no use for cookies and must not replay them.
        session = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())
        # aiohttp silently sends an idempotent request a second time when a kept-alive
        # connection drops. Our retry policy must be the only one: it counts and logs attempts,
        # honours max_retries=0, and knows when a lost response may hide a delete that ran.
        # (aiohttp's own test utilities switch it off the same way.)
        session._retry_connection = False
        self._session = session
        return session

    @overload
    async def _request(
        self,
        method: str,
        path: str,
        *,
        cast: type[T],
        query: Mapping[str, str] | None = ...,
        body: bytes | None = ...,
        idempotent: bool = ...,
        gone_means_done: bool = ...,
        timeout: float | Unset | None = ...,
        max_retries: int | Unset = ...,
    ) -> T: ...

    @overload
    async def _request(
        self,
        method: str,
        path: str,
        *,
        cast: None,
        query: Mapping[str, str] | None = ...,
        body: bytes | None = ...,
        idempotent: bool = ...,
        gone_means_done: bool = ...,
        timeout: float | Unset | None = ...,
        max_retries: int | Unset = ...,
    ) -> None: ...

    async def _request(
        self,
        method: str,
        path: str,
        *,
        cast: type[T] | None,
        query: Mapping[str, str] | None = None,
        body: bytes | None = None,
        idempotent: bool = True,
        gone_means_done: bool = False,
        timeout: float | Unset | None = UNSET,
        max_retries: int | Unset = UNSET,
    ) -> T | None:
        """Send one API call: every request goes through here (auth, retries, errors, decoding).

        ``path`` is already encoded (ids through :func:`_sansio.path_segment`).
        ``gone_means_done`` (a delete): a 404 on a retry, after an attempt that may have run on
        the server, means that attempt deleted the resource; the call succeeds.
        """
        session = self._session or self._open_session()
        tries = (
            self._max_tries
            if max_retries is UNSET
            else _check_int(max_retries, "max_retries", minimum=0) + 1
        )
        call_timeout = self._timeout if timeout is UNSET else self._client_timeout(timeout)
        url = URL(self._root + path, encoded=True)
        call = _Call(method, url, query, body, call_timeout, tries, cast, gone_means_done)
        # The first attempt runs bare: a call that succeeds at once (nearly all of them) pays
        # nothing for the retry machinery. backoff takes over only after a retryable failure.
        try:
            result: T | None = await self._attempt(session, call)
            return result
        except SigmaError as error:
            if tries == 1 or not is_retryable(error, idempotent=idempotent):
                raise
            call.replay = error
        retried: T | None = await self._retrier(tries, idempotent)(session, call)
        return retried

    def _retrier(self, tries: int, idempotent: bool) -> Callable[..., Awaitable[Any]]:
        send = self._senders.get((tries, idempotent))
        if send is None:
            send = self._senders[tries, idempotent] = retrying(
                self._attempt,
                policy=self._policy,
                max_tries=tries,
                idempotent=idempotent,
                on_backoff=_log_backoff,
            )
        return send

    async def _attempt(self, session: aiohttp.ClientSession, call: _Call) -> Any:
        if call.replay is not None:
            # backoff's first try stands for the attempt already made in _request: raising its
            # error again lets the policy choose the first wait (Retry-After, jitter) as usual.
            error, call.replay = call.replay, None
            raise error
        if self._closed:
            raise SigmaError("this SigmaClient is closed; create a new one")
        if self._limiter is not None:
            await self._limiter.acquire()  # the client-wide rate-limit gate (sigma_async._gate)
        call.attempt += 1
        self.traffic.attempts += 1
        started = time.perf_counter()
        try:
            response = await _transport.send(
                session,
                call.method,
                call.url,
                headers=self._headers if call.body is None else self._json_headers,
                params=call.query,
                body=call.body,
                timeout=call.timeout,
                ssl=self._ssl,
                max_bytes=self._max_response_bytes,
            )
        except SigmaError as error:
            _log_attempt(call, started, type(error).__name__)
            if isinstance(error, APIConnectionError) and error.request_sent:
                call.maybe_applied = True
            raise
        _log_attempt(call, started, response.status)
        observe_response(
            self._limiter,
            self.traffic,
            response.status,
            response.headers,
            max_retry_after=self._policy.max_retry_after,
        )
        if not 200 <= response.status < 300:
            if response.status == 404 and call.gone_means_done and call.maybe_applied:
                return None
            if response.status >= 500:
                call.maybe_applied = True
            raise _sansio.error_for_status(call.method, response)
        if call.cast is None:
            return None  # start/stop/delete: the guide documents no body; whatever came is ignored
        return _sansio.decode_json(response, call.cast)


def _gate_for(option: object, policy: RetryPolicy) -> RateLimiter | None:
    if option is True:
        return RateLimitGate(base_delay=policy.base_delay, max_delay=policy.max_delay)
    if option is False or option is None:
        return None
    if isinstance(option, RateLimiter):
        return option
    raise SigmaValidationError(
        f"rate_limit_gate must be True, False or a RateLimiter, got {type(option).__name__}"
    )


def _log_attempt(call: _Call, started: float, outcome: object) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        elapsed_ms = (time.perf_counter() - started) * 1000
        logger.debug(
            "%s -> %s (attempt %d/%d, %.1f ms)",
            call.target(),
            outcome,
            call.attempt,
            call.tries,
            elapsed_ms,
        )


def _log_backoff(details: Details) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        call: _Call = details["args"][1]
        error = details.get("exception")
        logger.debug(
            "%s: retrying in %.3f s after %s: %s",
            call.target(),
            details.get("wait", 0.0),
            type(error).__name__,
            error,
        )

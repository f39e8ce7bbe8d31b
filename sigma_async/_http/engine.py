"""The engine: owns the aiohttp session and runs the attempt loop of every call.

One call, from a resource method to the socket and back::

    resource  ->  Engine.call(operation, path=..., query=..., body=..., options=...)
              ->  routes.Route.request(...)            a frozen Request (pure)
              ->  the attempt loop (in Engine.call)    below
              ->  transport.start / read_body          one attempt on the wire
              ->  sansio.decode_response(...)          the model, or the status's error (pure)

The loop: attempt; on a failure the retry policy allows (``_retry.is_retryable``) and while
tries remain, wait (``_retry.delays``: backoff with full jitter, or ``Retry-After``) and attempt
again. A call that succeeds at once (nearly all of them) costs one ``try`` block more than the
bare attempt; the wait generator is created only for a retry.

Every attempt, first or retried, also passes the client-wide rate-limit gate
(:mod:`sigma_async._gate`): ``await limiter.acquire()`` before it, ``observe_response`` after
its response, so one call's 429 holds back every other call of the client; ``traffic`` counts
the attempts and the 429s/503s met (``client.traffic``).
"""

from __future__ import annotations

import asyncio
import logging
import ssl as ssl_module
import time
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

import aiohttp
from yarl import URL

from .. import _checks
from .._gate import RateLimiter, RateLimitGate, Traffic, observe_response
from .._model_support import UNSET
from .._options import OPTION_NAMES
from .._retry import RetryPolicy, delays, is_retryable
from ..errors import (
    APIConnectionError,
    APIStatusError,
    ClientClosedError,
    SigmaError,
    SigmaValidationError,
    WrongEventLoopError,
)
from ..operations import Operation
from . import transport
from .routes import Route
from .sansio import RawResponse, Request, Secret, decode_response, request_headers

__all__ = ["Engine", "client_timeout"]

logger = logging.getLogger("sigma_async")
_NO_OPTIONS: Mapping[str, Any] = MappingProxyType({})

# A RawResponse made without the NamedTuple's own __new__, a Python function: once a call.
# Typed field by field, so that mypy still checks every RawResponse made this way.
_new_raw_response: Callable[
    [type[RawResponse], tuple[int, str, Mapping[str, str], bytes, URL | str]], RawResponse
] = tuple.__new__


def client_timeout(total: float | None, connect: float | None) -> aiohttp.ClientTimeout:
    """Return the aiohttp timeout of one attempt: ``total`` s, connecting within ``connect``."""
    if total is not None and connect is not None:
        connect = min(connect, total)
    # sock_connect, not connect: a connect timeout must surface as ConnectionTimeoutError,
    # which proves the request was never sent (so even a create may be retried).
    return aiohttp.ClientTimeout(total=total, sock_connect=connect)


class Engine:
    """Sends requests built from the operations table: the session, attempts, retries, logs.

    Made by :class:`~sigma_async.SigmaClient` from its checked settings; the resources reach it
    through the narrow :class:`~sigma_async.resources._base.Caller` protocol (:meth:`call`).
    """

    def __init__(
        self,
        *,
        root: str,
        headers: Mapping[str, str],
        secrets: Iterable[str],
        timeout: float | None,
        connect_timeout: float | None,
        max_tries: int,
        policy: RetryPolicy,
        ssl: ssl_module.SSLContext | bool,
        max_connections: int,
        max_response_bytes: int,
        session: aiohttp.ClientSession | None,
        limiter: RateLimiter | None = None,
        traffic: Traffic | None = None,
    ) -> None:
        self._root = root
        # One prepared route per operation called, by operationId (an attrs hash would cost).
        self._routes: dict[str, Route] = {}
        self._session_headers, self._headers, self._json_headers = request_headers(
            headers, own_session=session is None
        )
        # Secret: its repr hides it, so a traceback with locals does not show the credentials.
        self._secrets = tuple(Secret(secret) for secret in secrets)
        self._connect_timeout = connect_timeout
        self._timeout = client_timeout(timeout, connect_timeout)
        # What each request passes to aiohttp; the session this engine opens has the rest.
        self._send_options = transport.send_options(
            own_session=session is None, timeout=self._timeout, ssl=ssl
        )
        self._max_tries = max_tries
        self._policy = policy
        self._ssl = ssl
        self._max_connections = max_connections
        self._max_bytes = max_response_bytes
        self._session = session
        self._owns_session = session is None
        if session is not None:
            transport.watch_connections(session)  # so a pool-wait timeout is request_sent=False
        self._loop: asyncio.AbstractEventLoop | None = None
        self.limiter = limiter
        """The rate-limit gate every attempt passes (:mod:`sigma_async._gate`), or None."""
        self._admits_now = _admits_now(limiter)
        self.traffic = Traffic() if traffic is None else traffic
        """Attempts sent and 429/503 responses met (:class:`~sigma_async.Traffic`)."""
        self.closed = False
        """Whether :meth:`aclose` ran; a closed engine refuses requests."""

    async def call(
        self,
        operation: Operation,
        *,
        path: Iterable[object] = (),
        query: Mapping[str, str] | None = None,
        body: Any = None,
        options: Mapping[str, Any] = _NO_OPTIONS,
    ) -> Any:
        """Build the request for ``operation``, send it by the retry policy, decode the answer.

        ``options`` are the call's :class:`~sigma_async.RequestOptions` (``timeout``,
        ``max_retries``), the mapping a resource method collected, passed on as it is: a
        ``**options`` forwarded again would build two more dicts and take Python's slow call
        path on every call (2-3k CPU instructions a call, ``benchmarks/README.md``).
        """
        timeout, tries = self.resolve(options) if options else (self._timeout, self._max_tries)
        send_options = (
            self._send_options
            if timeout is self._timeout
            else transport.with_timeout(self._send_options, timeout)
        )
        route = self._routes.get(operation.operation_id)
        if route is None or route.operation is not operation:
            route = self._routes[operation.operation_id] = Route(
                operation, self._root, self._headers, self._json_headers
            )
        request = route.request(path, query, body)
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._bind(loop)
        session = self._session or self._open_session()
        limiter = self.limiter
        admits_now = self._admits_now
        # Whether an earlier attempt may have run on the server although it failed for us.
        maybe_applied = False
        waits = None
        attempt = 1
        while True:
            # One attempt, written out here rather than in a coroutine of its own: every await
            # in the call resumes through each frame of the chain, so one frame less is cheaper
            # on every read of every response.
            try:
                if self.closed:
                    raise ClientClosedError("this SigmaClient is closed; create a new one")
                if limiter is not None and not admits_now():
                    await limiter.acquire()  # the client-wide rate-limit gate (sigma_async._gate)
                self.traffic.attempts += 1
                # Timed only for the debug log: the attempt skips the clock when nobody reads it.
                started = time.perf_counter() if logger.isEnabledFor(logging.DEBUG) else None
                try:
                    try:
                        response = await transport.start(session, request, send_options)
                        try:
                            content = await transport.read_body(response, self._max_bytes)
                        finally:
                            response.release()  # the connection goes back to the pool
                    except transport.NETWORK_ERRORS as error:
                        raise transport.failure(
                            error, request, session, secrets=self._secrets
                        ) from None
                except SigmaError as error:
                    if started is not None:
                        _log_attempt(request, started, type(error).__name__, attempt, tries)
                    raise
                status = response.status
                if started is not None:
                    _log_attempt(request, started, status, attempt, tries)
                headers = response.headers
                observe_response(
                    limiter, self.traffic, status, headers, self._policy.max_retry_after
                )
                if status == 404 and maybe_applied and operation.retry_404_means_done:
                    return None  # the lost attempt did it (a delete): see Operation
                raw = _new_raw_response(
                    RawResponse, (status, response.reason or "", headers, content, request.url)
                )
                return decode_response(request, raw, self._secrets)
            except SigmaError as error:
                maybe_applied = maybe_applied or _may_have_run(error)
                if attempt >= tries or not is_retryable(error, idempotent=operation.idempotent):
                    raise
                if waits is None:
                    waits = delays(self._policy)
                    next(waits)
                wait = waits.send(error)
                if logger.isEnabledFor(logging.DEBUG):
                    logger.debug(
                        "%s: retrying in %.3f s after %s: %s",
                        request.target,
                        wait,
                        type(error).__name__,
                        error,
                    )
                await asyncio.sleep(wait)
                attempt += 1

    def resolve(self, options: Mapping[str, Any]) -> tuple[aiohttp.ClientTimeout, int]:
        """Check per-call options and return the attempt timeout and the number of tries."""
        unknown = options.keys() - OPTION_NAMES
        if unknown:
            raise SigmaValidationError(
                f"unexpected option(s) {', '.join(sorted(unknown))}; "
                f"the options are {', '.join(sorted(OPTION_NAMES))}"
            )
        timeout = options.get("timeout", UNSET)
        max_retries = options.get("max_retries", UNSET)
        return (
            self._timeout
            if timeout is UNSET
            else client_timeout(_checks.timeout(timeout, "timeout"), self._connect_timeout),
            self._max_tries
            if max_retries is UNSET
            else _checks.int_at_least(max_retries, "max_retries", minimum=0) + 1,
        )

    @property
    def ssl(self) -> ssl_module.SSLContext | bool:
        """What HTTPS verification uses: True (system CAs and hostname) or the given context.

        Fixed when the engine is made: its session's pool, or each request to a caller's
        session, holds it from then on.
        """
        return self._ssl

    @property
    def owns_open_session(self) -> bool:
        """Whether this engine opened a session that is still open (it must close it)."""
        return self._owns_session and self._session is not None and not self._session.closed

    @property
    def session(self) -> aiohttp.ClientSession | None:
        """The aiohttp session in use: the caller's, or the one opened at the first request."""
        return self._session

    def _bind(self, loop: asyncio.AbstractEventLoop) -> None:
        # aiohttp's connections belong to the loop that opened them: from another loop they
        # fail with a bare "Event loop is closed" or hang. Say so in our words instead.
        if self._loop is not None:
            raise WrongEventLoopError(
                "this SigmaClient was first used in another event loop, and its connections "
                "belong to that loop; create one client per event loop (per asyncio.run)"
            )
        self._loop = loop

    def _open_session(self) -> aiohttp.ClientSession:
        if self.closed:
            raise ClientClosedError("this SigmaClient is closed; create a new one")
        self._session = session = transport.open_session(
            self._max_connections,
            headers=self._session_headers,
            timeout=self._timeout,
            ssl=self._ssl,
        )
        return session

    async def aclose(self) -> None:
        """Refuse further requests and close the session this engine opened (not a caller's)."""
        self.closed = True
        session, self._session = self._session, None
        if session is not None and self._owns_session:
            await session.close()

    def abandon(self) -> None:
        """Close at once, without awaiting, what :meth:`aclose` closes (for a finalizer)."""
        self.closed = True
        session, self._session = self._session, None
        if session is not None and self._owns_session:
            transport.abandon(session)


def _admits_now(limiter: RateLimiter | None) -> Callable[[], bool]:
    # The shipped gate answers "may an attempt start at once?" synchronously, which spares the
    # common attempt a coroutine; any other limiter (or an overridden acquire) is awaited.
    if isinstance(limiter, RateLimitGate) and type(limiter).acquire is RateLimitGate.acquire:
        return limiter.admits_now
    return _never


def _never() -> bool:
    return False


def _may_have_run(error: SigmaError) -> bool:
    # A request that was sent and got no answer, or a 5xx, may have done its work anyway.
    if isinstance(error, APIConnectionError):
        return error.request_sent
    return isinstance(error, APIStatusError) and error.status >= 500


def _log_attempt(
    request: Request, started: float, outcome: object, attempt: int, tries: int
) -> None:
    elapsed_ms = (time.perf_counter() - started) * 1000
    logger.debug(
        "%s -> %s (attempt %d/%d, %.1f ms)",
        request.target,
        outcome,
        attempt,
        tries,
        elapsed_ms,
    )

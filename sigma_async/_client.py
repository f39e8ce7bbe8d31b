"""``SigmaClient``: configuration, the aiohttp session, and the one request path."""

from __future__ import annotations

import logging
import os
import ssl as ssl_module
import warnings
import weakref
from collections.abc import AsyncIterable, Awaitable, Callable, Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import aiohttp

from . import _checks, _config
from ._closing import ClosedOnExit
from ._gate import RateLimiter, RateLimitGate, Traffic
from ._http import sansio, transport
from ._http.engine import Engine
from ._retry import RetryPolicy
from .bulk import BulkOptions, BulkResult, run_bulk
from .errors import ClientClosedError, SigmaValidationError
from .operations import DEFAULT_BASE_URL
from .resources import ChannelsResource, EventsResource, SessionsResource

if TYPE_CHECKING:
    from ._options import Unpack  # typing.Unpack is 3.11+; annotations only

__all__ = ["SigmaClient"]

logger = logging.getLogger("sigma_async")

_MIB = 1024 * 1024

ItemT = TypeVar("ItemT")
ValueT = TypeVar("ValueT")


def _verifies_tls(session: aiohttp.ClientSession) -> bool:
    # aiohttp keeps the connector's choice as ``ssl``: False (verification off), an SSLContext
    # (which may itself not verify), or True / a Fingerprint (verified).
    choice = getattr(session.connector, "_ssl", True)
    if choice is False:
        return False
    return not (
        isinstance(choice, ssl_module.SSLContext) and choice.verify_mode == ssl_module.CERT_NONE
    )


class SigmaClient(ClosedOnExit):
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
    then sets the pool, and you close it; the client adds one trace config to it, so that a
    timeout while waiting for a pooled connection counts as never sent and may be retried).
    HTTPS is verified by default (``ssl`` takes a custom ``SSLContext``); plain ``http://`` is
    refused except on loopback unless ``allow_insecure_http``. Redirects are not followed: a
    3xx response raises :class:`~sigma_async.APIStatusError`. Bodies over
    ``max_response_bytes`` raise :class:`~sigma_async.ResponseTooLargeError`.
    ``client.bulk(operation, items)`` runs any operation over many items (:mod:`sigma_async.bulk`).

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
        base_url: str = DEFAULT_BASE_URL,
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
        headers = sansio.default_headers(
            username, secret_key, app_id, user_agent=transport.user_agent()
        )
        self.username = username
        """The API username (the secret key is kept only inside the auth header)."""
        self.app_id = app_id
        """The app every request acts on (``X-App-Id``)."""
        self.base_url = base_url
        """The service root given (the API lives under ``/api/livestream``)."""
        root = sansio.api_root(base_url, allow_insecure_http=allow_insecure_http)
        if ssl is not None and not isinstance(ssl, ssl_module.SSLContext):
            raise SigmaValidationError("ssl must be an ssl.SSLContext or None")
        if session is not None and not isinstance(session, aiohttp.ClientSession):
            raise SigmaValidationError("session must be an aiohttp.ClientSession or None")
        if session is not None and not _verifies_tls(session):
            logger.warning(
                "the aiohttp session given to SigmaClient does not verify TLS certificates: "
                "anyone on the network path can read the credentials and the stream keys"
            )
        token = headers["Authorization"].removeprefix("Basic ")
        policy = RetryPolicy(
            base_delay=_checks.positive_number(retry_base_delay, "retry_base_delay"),
            max_delay=_checks.positive_number(retry_max_delay, "retry_max_delay"),
            max_retry_after=_checks.positive_number(max_retry_after, "max_retry_after"),
        )
        self.traffic = Traffic()
        """Attempts sent and 429/503 responses met by this client (:class:`Traffic`)."""
        self._engine = Engine(
            root=root,
            headers=headers,
            secrets=(secret_key, token),
            timeout=_checks.timeout(timeout, "timeout"),
            connect_timeout=_checks.timeout(connect_timeout, "connect_timeout"),
            max_tries=_checks.int_at_least(max_retries, "max_retries", minimum=0) + 1,
            policy=policy,
            ssl=True if ssl is None else ssl,
            max_connections=_checks.int_at_least(max_connections, "max_connections", minimum=1),
            max_response_bytes=_checks.int_at_least(
                max_response_bytes, "max_response_bytes", minimum=1
            ),
            session=session,
            limiter=_gate_for(rate_limit_gate, policy),
            traffic=self.traffic,
        )
        # Runs when the client is collected (or at exit) unclosed: weakref callbacks run before
        # any __del__ of a garbage cycle, so the session is closed before aiohttp's own
        # finalizers look at it, and only the SDK's warning is printed.
        self._report_unclosed = weakref.finalize(self, _report_unclosed, self._engine, repr(self))
        self.channels = ChannelsResource(self._engine, owner=self)
        """Channels: create, get, update, start, stop, delete, list."""
        self.sessions = SessionsResource(self._engine, owner=self)
        """Live sessions: list, get, status, wait_for_status."""
        self.events = EventsResource(self._engine, owner=self)
        """Session events: list, watch."""

    @classmethod
    def from_env(
        cls,
        env_file: str | os.PathLike[str] | None = None,
        *,
        variables: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> SigmaClient:
        """Build a client from environment variables, and from ``env_file`` when given.

        Exactly these variables are read, nothing else:

        ============== ==================== =========
        setting        variable             required
        ============== ==================== =========
        ``username``   ``SIGMA_USERNAME``   yes
        ``secret_key`` ``SIGMA_SECRET_KEY`` yes
        ``app_id``     ``SIGMA_APP_ID``     yes
        ``base_url``   ``SIGMA_BASE_URL``   no
        ============== ==================== =========

        ``variables`` reads other names instead, for a file whose names differ (the console's
        download, say): ``from_env(".env", variables={"secret_key": "SECRET_KEY"})``.
        ``env_file`` is a dotenv file (``KEY=value`` lines); a variable set in the process
        environment wins over the file, as with other dotenv tools (an empty variable counts as
        not set). Other keyword arguments go to the constructor. A missing variable raises
        :class:`~sigma_async.SigmaValidationError` naming it.
        """
        settings: dict[str, Any] = dict(_config.settings_from_env(env_file, names=variables))
        settings.update(kwargs)
        return cls(**settings)

    def __repr__(self) -> str:
        return (
            f"SigmaClient(base_url={self.base_url!r}, app_id={self.app_id!r}, "
            f"username={self.username!r})"
        )

    def __del__(self) -> None:
        # The finalizer runs once, whichever of this and the weakref callback comes first.
        report = getattr(self, "_report_unclosed", None)  # absent when __init__ refused
        if report is not None:
            report()

    @property
    def closed(self) -> bool:
        """Whether :meth:`aclose` was called; a closed client refuses requests."""
        return self._engine.closed

    @property
    def _session(self) -> aiohttp.ClientSession | None:
        # The open session, if any (tests and tools inspect the connection pool through it).
        return self._engine.session

    @property
    def _limiter(self) -> RateLimiter | None:
        # The rate-limit gate every attempt passes (None when ``rate_limit_gate=False``).
        return self._engine.limiter

    @property
    def _ssl(self) -> ssl_module.SSLContext | bool:
        # What HTTPS verification uses: True (system CAs and the hostname) or the given context.
        return self._engine.ssl

    async def bulk(
        self,
        operation: Callable[[ItemT], Awaitable[ValueT]],
        items: Iterable[ItemT] | AsyncIterable[ItemT],
        *,
        key: Callable[[ItemT], Hashable] | None = None,
        **options: Unpack[BulkOptions],
    ) -> BulkResult[ItemT, ValueT]:
        """Await ``operation(item)`` for each item; see :func:`run_bulk` for every option.

        ``key`` names an item's target (``lambda session: session.id``): an item whose key was
        already seen is reported as a duplicate instead of being sent again. ``options`` are
        ``concurrency``, ``rate_limit``, ``on_progress`` and ``run``
        (:class:`~sigma_async.bulk.BulkOptions`).
        """
        return await run_bulk(operation, items, key=key, traffic=self.traffic, **options)

    async def __aenter__(self) -> SigmaClient:
        if self._engine.closed:
            raise ClientClosedError("this SigmaClient is closed; create a new one")
        return self

    async def aclose(self) -> None:
        """Close the client and the session it opened (a session you passed stays open)."""
        await self._engine.aclose()

    async def close(self) -> None:
        """Close the client: the same as :meth:`aclose` (the name httpx and openai use)."""
        await self.aclose()  # one path: a subclass that overrides aclose is closed by any name


def _report_unclosed(engine: Engine, client: str) -> None:
    # Say it once, in the SDK's words, then close the session the client opened so aiohttp
    # has nothing left to warn about. A caller's session is the caller's: aiohttp speaks for it.
    if engine.owns_open_session:
        warnings.warn(
            f"{client} was not closed: use `async with SigmaClient(...)`, or call "
            "`await client.aclose()` (or `await client.close()`) when done, so its connections "
            "are released",
            ResourceWarning,
            stacklevel=3,  # past weakref.finalize: the line whose release collected the client
        )
        engine.abandon()


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

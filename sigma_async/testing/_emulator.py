"""``SigmaEmulator``: a stateful, in-memory Sigma Livestream API served on loopback."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import TYPE_CHECKING, Any, Literal

from aiohttp import web

from .._closing import ClosedOnExit
from .._loopback import is_loopback
from ..operations import API_PREFIX
from ._app import build_app
from ._clock import ManualClock, RealClock, Scheduler
from ._engine import Engine
from ._faults import FaultInjector
from ._handlers import ResponseHook, Runtime
from ._lifecycle import LiveQuotaError, Timings
from ._protocol import REQUEST_TIMEOUT, server_options
from ._ratelimit import AppRateLimiter
from ._stats import Stats
from ._store import AppState, Credentials

if TYPE_CHECKING:
    from sigma_async import SigmaClient

__all__ = ["SigmaEmulator"]

_log = logging.getLogger("sigma_async.testing")


class SigmaEmulator(ClosedOnExit):
    """A fake Sigma Livestream service with real HTTP on 127.0.0.1 and in-memory state.

    Use it as an async context manager (or call :meth:`start` and :meth:`close`)::

        async with SigmaEmulator() as emu:
            async with emu.client() as client:
                ...

    ``clock="manual"`` (the default) freezes time until :meth:`advance` moves it, so tests
    decide when sessions change state; ``clock="real"`` follows wall time, ``speed`` times
    faster. ``seed`` makes ids, tokens and fault draws reproducible. ``response_hook`` is called
    with a :class:`ResponseRecord` for every response sent (a spec validator, say).
    ``request_timeout`` bounds the seconds a connection may take to send a request head (or
    stay idle between requests), and then its body; a client trickling bytes is cut off after
    it. State
    belongs to the emulator's event loop: call its methods from that loop's thread.

    ``rate_limit`` (requests per second, off by default; bursts of up to ``burst``, by default a
    second's worth) limits each app's API requests the way NestJS's throttler would: a refused
    request gets 429, with ``Retry-After`` unless ``retry_after=False``; see
    ``sigma_async.testing._ratelimit``.
    ``max_live_channels`` is every app's quota of simultaneous live channels (unless
    :meth:`add_app` gives its own): past it the encoder's push (:meth:`publish`) is refused.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Literal["manual", "real"] = "manual",
        speed: float = 1.0,
        seed: int | None = None,
        timings: Timings | None = None,
        start_time: dt.datetime | None = None,
        response_hook: ResponseHook | None = None,
        access_log: bool = False,
        credentials: Credentials | None = None,
        request_timeout: float = REQUEST_TIMEOUT,
        rate_limit: float | None = None,
        burst: int | None = None,
        retry_after: bool = True,
        max_live_channels: int | None = None,
    ) -> None:
        _require_loopback(host)
        self._server_options = server_options(request_timeout)
        if burst is not None and rate_limit is None:
            raise ValueError("burst= needs rate_limit=")
        self.rate_limiter = (
            None
            if rate_limit is None
            else AppRateLimiter(rate_limit, burst, retry_after=retry_after)
        )
        """The per-app request rate limit (None without ``rate_limit=``)."""
        self._max_live_channels = max_live_channels
        origin = start_time or dt.datetime.now(dt.timezone.utc)
        if origin.tzinfo is None:
            raise ValueError("start_time must be timezone-aware")
        if clock == "manual":
            time_source: ManualClock | RealClock = ManualClock(origin)
        elif clock == "real":
            time_source = RealClock(origin, speed)
        else:
            raise ValueError(f"clock must be 'manual' or 'real', got {clock!r}")
        self.host = host
        self._port = port
        self._access_log = access_log
        self.errors: list[BaseException] = []
        """Internal errors met while serving (an emulator bug, a failing response hook, a failed
        timed transition); a test should end with it empty."""
        self._scheduler = Scheduler(time_source, on_error=self._record_error)
        self._engine = Engine(self._scheduler, seed=seed, timings=timings or Timings())
        self.faults = FaultInjector(seed)
        """Fault rules (:class:`FaultInjector`)."""
        self.stats = Stats()
        """Request and side-effect counters (:class:`Stats`)."""
        self._runtime = Runtime(
            self._engine,
            self.stats,
            self.faults,
            response_hook,
            self.errors,
            request_timeout=request_timeout,
        )
        self._runner: web.AppRunner | None = None
        self._bound_port: int | None = None
        self.credentials = self.add_app(credentials)
        """The default app's credentials."""

    # Serving ----------------------------------------------------------------------------------

    async def start(self) -> None:
        """Start listening (on a free port unless one was given)."""
        if self._runner is not None:
            raise RuntimeError("the emulator is already started")
        self._scheduler.bind(asyncio.get_running_loop())
        runner = web.AppRunner(
            build_app(self._runtime, self.rate_limiter),
            access_log=_log if self._access_log else None,
            handle_signals=False,
            shutdown_timeout=2.0,
            **self._server_options,
        )
        await runner.setup()
        try:
            # A deep backlog: a thousand clients may connect at once.
            site = web.TCPSite(runner, self.host, self._port, backlog=2048)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self._bound_port = runner.addresses[0][1]

    async def close(self) -> None:
        """Stop listening and drop pending timers; safe to call twice."""
        self._scheduler.bind(None)
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> SigmaEmulator:
        await self.start()
        return self

    @property
    def port(self) -> int:
        """The port listened on."""
        if self._bound_port is None:
            raise RuntimeError("the emulator is not started")
        return self._bound_port

    @property
    def base_url(self) -> str:
        """The service root (``http://127.0.0.1:PORT``); the API lives under ``/api/livestream``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def api_url(self) -> str:
        """The API's own base URL (``base_url + "/api/livestream"``)."""
        return self.base_url + API_PREFIX

    def client(self, *, credentials: Credentials | None = None, **kwargs: Any) -> SigmaClient:
        """Return a :class:`sigma_async.SigmaClient` pointed at this emulator.

        ``credentials`` picks an app (default: :attr:`credentials`); other keyword arguments go
        to the client unchanged.
        """
        from sigma_async import SigmaClient

        creds = credentials or self.credentials
        return SigmaClient(
            username=creds.username,
            secret_key=creds.secret_key,
            app_id=creds.app_id,
            base_url=self.base_url,
            **kwargs,
        )

    # Apps -------------------------------------------------------------------------------------

    def add_app(
        self, credentials: Credentials | None = None, *, live_limit: int | None = None
    ) -> Credentials:
        """Register another app with fully separate data; returns its credentials.

        Fresh credentials are made up unless given. ``live_limit`` caps the app's simultaneous
        sessions (the quota; default: the emulator's ``max_live_channels``): :meth:`publish`
        past it raises :class:`LiveQuotaError`, an :class:`EmulatorError`.
        """
        if live_limit is None:
            live_limit = self._max_live_channels
        if credentials is None:
            number = len(self._engine.apps) + 1
            credentials = Credentials(
                username=f"sigma-emulator-{number}",
                secret_key=self._engine.new_secret(),
                app_id=self._engine.new_id(),
            )
        self._engine.add_app(credentials, live_limit=live_limit)
        return credentials

    # Time and the simulated encoder -----------------------------------------------------------

    @property
    def timings(self) -> Timings:
        """The delays between session states."""
        return self._engine.sessions.timings

    def now(self) -> dt.datetime:
        """Return the emulator's current (virtual) instant."""
        return self._scheduler.now()

    def advance(self, seconds: float) -> None:
        """Move the manual clock forward, running every transition that falls due.

        It is synchronous: state changes happen before it returns. Only for ``clock="manual"``.
        """
        self._scheduler.advance(seconds)

    def publish(self, channel_id: str, *, live: bool = False, ip: str = "127.0.0.1") -> str:
        """Simulate an encoder starting to push into a started channel; returns the session id.

        The session starts in ``init`` and becomes live after :attr:`timings` ``.to_live``
        seconds; ``live=True`` makes it live at once. Raises :class:`EmulatorError` when the
        channel is not ``active`` or already has a session; :class:`LiveQuotaError` when the
        app's quota of live channels is reached (counted in ``stats.publish_refused``).
        """
        app, channel = self._engine.locate_channel(channel_id)
        try:
            return self._engine.sessions.publish(app, channel, live=live, ip=ip).id
        except LiveQuotaError:
            self.stats.publish_refused += 1
            raise

    def interrupt(self, session_id: str) -> None:
        """Simulate the input of a processing or live session dropping.

        Without :meth:`recover` the session ends after its channel's ``stopTimeout``.
        """
        app, session = self._engine.locate_session(session_id)
        self._engine.sessions.interrupt(app, session)

    def recover(self, session_id: str) -> None:
        """Simulate the input of an interrupted session coming back (it is live again)."""
        app, session = self._engine.locate_session(session_id)
        self._engine.sessions.recover(app, session)

    # Inspection -------------------------------------------------------------------------------

    def channels(self, app_id: str | None = None) -> list[dict[str, Any]]:
        """Return copies of an app's channel records (default: the default app's), oldest first."""
        return self._engine.channel_docs(self._app(app_id))

    def channel(self, channel_id: str) -> dict[str, Any]:
        """Return a copy of one channel record, from any app."""
        _, channel = self._engine.locate_channel(channel_id)
        return channel.to_wire()

    def sessions(
        self, app_id: str | None = None, *, channel_id: str | None = None
    ) -> list[dict[str, Any]]:
        """Return an app's session records (optionally one channel's), oldest first."""
        docs = self._engine.session_docs(self._app(app_id))
        return [d for d in docs if channel_id is None or d["channelId"] == channel_id]

    def session(self, session_id: str) -> dict[str, Any]:
        """Return one session record, from any app."""
        app, session = self._engine.locate_session(session_id)
        return self._engine.session_wire(app, session)

    def events(
        self, app_id: str | None = None, *, session_id: str | None = None
    ) -> list[dict[str, Any]]:
        """Return an app's event records (optionally one session's), oldest first."""
        docs = self._engine.event_docs(self._app(app_id))
        return [d for d in docs if session_id is None or d["sessionId"] == session_id]

    def _app(self, app_id: str | None) -> AppState:
        key = self.credentials.app_id if app_id is None else app_id
        if key not in self._engine.apps:
            raise LookupError(f"no app {key!r}")
        return self._engine.apps[key]

    def _record_error(self, exc: BaseException) -> None:
        self.errors.append(exc)
        _log.error("sigma emulator: a scheduled transition failed", exc_info=exc)


def _require_loopback(host: str) -> None:
    if not is_loopback(host):
        raise ValueError(f"the emulator only listens on loopback addresses, not {host!r}")

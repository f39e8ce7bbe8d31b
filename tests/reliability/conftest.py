"""Shared pieces of the reliability suite: fast clients, servers to misbehave with, leak checks."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, TypeVar

import aiohttp
import pytest
from aiohttp import web

from sigma_async import SigmaClient
from sigma_async.testing import SigmaEmulator

from .. import harness
from ..client_kwargs import ClientCredentials
from ..harness import ClientFactory, Clients, Handler, Loopback, RecordingServer, json_reply

T = TypeVar("T")

# Millisecond backoff: faults resolve at once, and a capped Retry-After is still honoured.
FAST: dict[str, Any] = {
    "retry_base_delay": 0.001,
    "retry_max_delay": 0.005,
    "max_retry_after": 0.02,
}

USERNAME = "reliability-user"
SECRET_KEY = "reliability-Secret-Key-3f9a"
APP_ID = "7d0c1c4e-2b7a-4a57-9d43-2f1b0c3e9a11"
CREDENTIALS: ClientCredentials = {"username": USERNAME, "secret_key": SECRET_KEY, "app_id": APP_ID}
CHANNEL_ID = "42efeee4-e94e-4444-b0a6-90850413519d"
CHANNEL_JSON: dict[str, Any] = {
    "id": CHANNEL_ID,
    "name": "Channel_02",
    "status": "idle",
    "createdAt": "2024-07-22T10:34:36.772Z",
    "updatedAt": "2024-07-23T06:15:31.729Z",
}


def connector_of(client: SigmaClient) -> aiohttp.BaseConnector | None:
    """The connector of the session the client opened (None before its first request)."""
    session = client._session
    return None if session is None else session.connector


def acquired_connections(client: SigmaClient) -> int:
    """Connections the client's pool has handed out and not got back (0 when idle)."""
    connector = connector_of(client)
    return 0 if connector is None else len(connector._acquired)


def _server_side(task: asyncio.Task[Any]) -> bool:
    # The aiohttp servers a test runs in its own loop (the emulator, scripted servers) keep a
    # task per connection; anything else still pending belongs to the code under test.
    code = getattr(task.get_coro(), "cr_code", None)
    filename = code.co_filename if code is not None else ""
    return (
        "aiohttp/web_" in filename
        or "/sigma_async/testing/" in filename
        or filename == harness.__file__  # the raw servers
    )


def leftover_tasks() -> list[asyncio.Task[Any]]:
    """Pending tasks of this loop other than the running test and server-side tasks."""
    current = asyncio.current_task()
    return [
        task
        for task in asyncio.all_tasks()
        if task is not current and not task.done() and not _server_side(task)
    ]


async def settle(rounds: int = 50) -> None:
    """Let callbacks already scheduled run (closing transports, finalizing generators).

    Only loop iterations, no wall time: a request still in flight cannot finish meanwhile.
    """
    for _ in range(rounds):
        if not leftover_tasks():
            return
        await asyncio.sleep(0)


class EmulatorThread:
    """A :class:`SigmaEmulator` served from its own thread and event loop.

    The test's loop then holds only the client's tasks and connections, so "nothing is left
    over" is a plain ``asyncio.all_tasks()`` check. Emulator methods run in its loop via
    :meth:`call`.
    """

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.emulator: SigmaEmulator | None = None

    def start(self) -> SigmaEmulator:
        self._thread.start()

        async def start() -> SigmaEmulator:
            emulator = SigmaEmulator(**self._options)
            await emulator.start()
            return emulator

        self.emulator = self._run(start())
        return self.emulator

    def _run(self, coro: Awaitable[T]) -> T:
        future: concurrent.futures.Future[T] = asyncio.run_coroutine_threadsafe(
            coro,  # type: ignore[arg-type]
            self._loop,
        )
        return future.result(timeout=30)

    def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``function`` in the emulator's loop and return its result."""

        async def run() -> T:
            return function(*args, **kwargs)

        return self._run(run())

    def stop(self) -> list[BaseException]:
        errors: list[BaseException] = []
        if self.emulator is not None:
            emulator = self.emulator
            self._run(emulator.close())
            errors = list(emulator.errors)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()
        return errors


@pytest.fixture
def threaded_emulator() -> Iterator[Callable[..., SigmaEmulator]]:
    """Start emulators in threads of their own; each is closed (and checked) at teardown."""
    threads: list[EmulatorThread] = []

    def start(**options: Any) -> SigmaEmulator:
        thread = EmulatorThread(**options)
        threads.append(thread)
        emulator = thread.start()
        emulator.thread = thread  # type: ignore[attr-defined]
        return emulator

    yield start
    errors = [error for thread in threads for error in thread.stop()]
    assert errors == []


class ScriptedServer(RecordingServer):
    """A loopback HTTP server that records requests and answers with ``script``."""

    def __init__(self) -> None:
        super().__init__()
        self.script: Handler | None = None

    async def answer(self, request: web.BaseRequest) -> web.StreamResponse:
        if self.script is None:
            return json_reply(CHANNEL_JSON)
        return await self.script(request)


@pytest.fixture
def scripted(loopback: Loopback) -> Callable[..., Awaitable[ScriptedServer]]:
    """Start scripted servers (``host`` may be another loopback address, 127.0.0.2 say)."""

    async def start(host: str = "127.0.0.1", **kwargs: Any) -> ScriptedServer:
        record = ScriptedServer()
        record.url = await loopback.http(record.handle, host, **kwargs)
        return record

    return start


@pytest.fixture
async def make_client() -> AsyncIterator[ClientFactory]:
    """Build clients with fast retries (all closed at teardown, with their pools checked)."""
    clients = Clients(**CREDENTIALS, **FAST)

    def build(base_url: str, **kwargs: Any) -> SigmaClient:
        return clients.build(base_url=base_url, **kwargs)

    yield build
    for client in clients.built:
        assert acquired_connections(client) == 0
    await clients.aclose()

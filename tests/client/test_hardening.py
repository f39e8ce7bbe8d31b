"""Client-side hardening of issue 11, each over its class (real HTTP on loopback throughout).

Items: 3 (a session that switches TLS verification off is warned about), 5 (a ``q`` nested too
deep is a validation error on every list call; the limit is the emulator's), 10 (a watch or
wait on a session that does not exist ends; ``watch`` takes a deadline), 13 (a second event loop
is told in the SDK's words; ``close()``), 14 (a timeout while queued for a pooled connection is
``request_sent=False``), and per-call options checked in one place.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from sigma_async import (
    APITimeoutError,
    ChannelCreate,
    NotFoundError,
    SigmaClient,
    SigmaValidationError,
    WaitTimeoutError,
    WrongEventLoopError,
)
from sigma_async.operations import MAX_FILTER_DEPTH
from sigma_async.testing import SigmaEmulator

from ..harness import ClientFactory, Loopback
from .conftest import (
    APP_ID,
    CHANNEL_ID,
    CHANNEL_JSON,
    CREDENTIALS,
    SECRET_KEY,
    SESSION_ID,
    USERNAME,
    FakeSigma,
    Reply,
)

FAST: dict[str, Any] = {"retry_base_delay": 0.001, "retry_max_delay": 0.002}
HANG = 30.0
"""Seconds after which a call that should end at once counts as hanging (a bound, not a time)."""


# 14: queued for a pooled connection ----------------------------------------------------------


async def test_a_timeout_while_queued_for_a_connection_was_never_sent(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    arrived, release = asyncio.Event(), asyncio.Event()

    async def slow(request: web.BaseRequest) -> web.StreamResponse:
        arrived.set()
        await release.wait()
        return Reply(json=CHANNEL_JSON).build()

    fake.handler = slow
    client = make_client(max_connections=1)
    holder = asyncio.ensure_future(client.channels.get(CHANNEL_ID))
    await arrived.wait()  # the only connection is now taken
    with pytest.raises(APITimeoutError) as caught:
        await client.channels.create(ChannelCreate(name="n"), timeout=0.05, max_retries=0)
    assert caught.value.request_sent is False
    assert "pool" in str(caught.value)
    release.set()
    await holder
    assert [request.method for request in fake.requests] == ["GET"]


# 3: TLS verification switched off by the caller's session ----------------------------------


def _unverified_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


UNVERIFIED: dict[str, Callable[[], aiohttp.BaseConnector]] = {
    "ssl=False": lambda: aiohttp.TCPConnector(ssl=False),
    "an SSLContext with CERT_NONE": lambda: aiohttp.TCPConnector(ssl=_unverified_context()),
}


@pytest.mark.parametrize("connector", list(UNVERIFIED))
async def test_a_session_without_tls_verification_is_warned_about_once(
    caplog: pytest.LogCaptureFixture, connector: str
) -> None:
    caplog.set_level(logging.WARNING, logger="sigma_async")
    async with aiohttp.ClientSession(connector=UNVERIFIED[connector]()) as session:
        SigmaClient(username=USERNAME, secret_key=SECRET_KEY, app_id=APP_ID, session=session)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "TLS" in warnings[0].getMessage()


async def test_a_verifying_session_is_not_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="sigma_async")
    async with aiohttp.ClientSession() as session:
        SigmaClient(username=USERNAME, secret_key=SECRET_KEY, app_id=APP_ID, session=session)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


# 5: q nested too deep ------------------------------------------------------------------------


def nested_filter(depth: int) -> dict[str, Any]:
    """``depth`` levels of ``{"$and": [...]}`` around one clause, built without recursion."""
    node: dict[str, Any] = {"name": "x"}
    for _ in range(depth):
        node = {"$and": [node]}
    return node


LISTS: dict[str, Callable[[SigmaClient, dict[str, Any]], Any]] = {
    "channels": lambda client, q: client.channels.list(q=q),
    "sessions": lambda client, q: client.sessions.list(q=q),
    "sessions of a channel": lambda client, q: client.sessions.list(CHANNEL_ID, q=q),
    "events": lambda client, q: client.events.list(SESSION_ID, q=q),
}


@pytest.mark.parametrize("depth", [MAX_FILTER_DEPTH + 1, 5_000, 100_000])
@pytest.mark.parametrize("listing", list(LISTS))
async def test_a_filter_nested_too_deep_is_refused_before_sending(
    fake: FakeSigma, client: SigmaClient, listing: str, depth: int
) -> None:
    with pytest.raises(SigmaValidationError, match="nests deeper than"):
        await LISTS[listing](client, nested_filter(depth)).to_list()
    assert fake.requests == []


@pytest.fixture
def sigma_emulator_options() -> dict[str, Any]:
    return {"seed": 3}


@pytest.fixture
async def emulated(emu: SigmaEmulator) -> AsyncIterator[tuple[SigmaEmulator, SigmaClient]]:
    """The plugin's emulator (it fails the test on an internal error) and a fast client of it."""
    async with emu.client(**FAST) as client:
        yield emu, client


async def test_the_deepest_filter_the_client_sends_the_emulator_accepts(
    emulated: tuple[SigmaEmulator, SigmaClient],
) -> None:
    _, client = emulated
    assert await client.channels.list(q=nested_filter(MAX_FILTER_DEPTH)).to_list() == []


# 10: a session that does not exist; watch's deadline ---------------------------------------


async def test_watching_a_session_that_does_not_exist_ends(
    emulated: tuple[SigmaEmulator, SigmaClient],
) -> None:
    _, client = emulated

    async def watch() -> None:
        async for _ in client.events.watch("no-such-session", poll_interval=0.01):
            pass

    with pytest.raises(NotFoundError):
        await asyncio.wait_for(watch(), HANG)  # a regression fails here instead of hanging


async def test_waiting_for_a_session_that_does_not_exist_ends(
    emulated: tuple[SigmaEmulator, SigmaClient],
) -> None:
    _, client = emulated
    with pytest.raises(NotFoundError):
        await client.sessions.wait_for_status(
            "no-such-session", {"live"}, timeout=HANG, poll_interval=0.01
        )


async def test_watch_ends_at_its_deadline(emulated: tuple[SigmaEmulator, SigmaClient]) -> None:
    emulator, client = emulated
    channel = await client.channels.create(ChannelCreate(name="w"))
    await client.channels.start(channel.id)
    session_id = emulator.publish(channel.id)
    seen: list[Any] = []

    async def watch() -> None:
        async for event in client.events.watch(session_id, poll_interval=0.01, deadline=0.2):
            seen.append(event)

    with pytest.raises(WaitTimeoutError):
        await watch()
    assert seen  # the events that were there came first


@pytest.mark.parametrize("deadline", [0, -1, True, "5"])
async def test_watch_refuses_a_bad_deadline(client: SigmaClient, deadline: object) -> None:
    with pytest.raises(SigmaValidationError, match="deadline"):
        async for _ in client.events.watch(SESSION_ID, deadline=deadline):  # type: ignore[arg-type]
            pass


# 13: one client, two event loops; close() --------------------------------------------------


@contextlib.contextmanager
def client_on_a_loop_of_its_own(url: str) -> Iterator[SigmaClient]:
    """A client that has made one request on an event loop of its own (closed on it after)."""
    client = SigmaClient(**CREDENTIALS, base_url=url)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(client.channels.get(CHANNEL_ID))
        yield client
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()


def test_a_second_event_loop_is_told_in_the_sdks_words(fake_url: str) -> None:
    with (
        client_on_a_loop_of_its_own(fake_url) as client,
        pytest.raises(WrongEventLoopError, match="one client per event loop"),
    ):
        asyncio.run(client.channels.get(CHANNEL_ID))


def test_an_unclosed_client_is_reported_in_the_sdks_words(fake_url: str) -> None:
    with (
        client_on_a_loop_of_its_own(fake_url) as client,
        pytest.warns(ResourceWarning, match="SigmaClient.*was not closed"),
    ):
        client.__del__()


@pytest.fixture
def fake_url() -> Iterator[str]:
    """A server in a thread of its own, so that each asyncio.run may reach it."""
    loop = asyncio.new_event_loop()
    servers = Loopback()

    async def channel(_: web.BaseRequest) -> web.Response:
        return web.json_response(CHANNEL_JSON)

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield asyncio.run_coroutine_threadsafe(servers.http(channel), loop).result(10)
    asyncio.run_coroutine_threadsafe(servers.aclose(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


async def test_close_is_aclose(make_client: ClientFactory) -> None:
    client = make_client()
    await client.channels.get(CHANNEL_ID)
    await client.close()
    assert client.closed


# Per-call options ----------------------------------------------------------------------------


async def test_an_unknown_option_is_refused_naming_the_options(client: SigmaClient) -> None:
    with pytest.raises(SigmaValidationError, match=r"unexpected option.*timout"):
        await client.channels.get(CHANNEL_ID, timout=3)  # type: ignore[call-arg]

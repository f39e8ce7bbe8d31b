"""The aiohttp session: created lazily, closed by the client, or owned by the caller."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp import web

from sigma_async import SigmaClient, SigmaError

from ..harness import ClientFactory
from .conftest import APP_ID, CHANNEL_ID, SECRET_KEY, USERNAME, FakeSigma, Reply


def test_construction_needs_no_loop() -> None:
    """Building a client outside any event loop opens nothing (no session, no warning)."""
    client = SigmaClient(username=USERNAME, secret_key=SECRET_KEY, app_id=APP_ID)
    assert client._session is None
    assert repr(client) == (
        f"SigmaClient(base_url='https://api.sigma.video', app_id='{APP_ID}', username='{USERNAME}')"
    )


async def test_session_is_lazy_and_closed_by_async_with(fake: FakeSigma) -> None:
    async with SigmaClient(
        username=USERNAME, secret_key=SECRET_KEY, app_id=APP_ID, base_url=fake.url
    ) as client:
        assert client._session is None
        await client.channels.get(CHANNEL_ID)
        session = client._session
        assert session is not None
        assert not session.closed
        await client.channels.get(CHANNEL_ID)
        assert client._session is session  # one session for the client's life
    assert session.closed
    assert client.closed


async def test_closed_client_refuses_requests(fake: FakeSigma, client: SigmaClient) -> None:
    await client.channels.get(CHANNEL_ID)
    await client.aclose()
    await client.aclose()  # idempotent
    with pytest.raises(SigmaError, match="closed"):
        await client.channels.get(CHANNEL_ID)
    with pytest.raises(SigmaError, match="closed"):
        await client.sessions.list(CHANNEL_ID).to_list()
    with pytest.raises(SigmaError, match="closed"):
        async with client:
            pass
    assert len(fake.requests) == 1


async def test_closed_before_first_use(make_client: ClientFactory) -> None:
    client = make_client()
    await client.aclose()
    with pytest.raises(SigmaError, match="closed"):
        await client.channels.get(CHANNEL_ID)
    assert client._session is None


async def test_caller_session_is_used_and_left_open(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    async with aiohttp.ClientSession(headers={"X-Caller": "yes"}) as session:
        client = make_client(session=session)
        await client.channels.get(CHANNEL_ID)
        await client.aclose()
        assert not session.closed
        assert fake.requests[0].headers["X-Caller"] == "yes"
        assert fake.requests[0].headers["X-App-Id"] == APP_ID


async def test_caller_session_raise_for_status_is_overridden(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    fake.reply(Reply(status=404, json={"message": "nope"}))
    async with aiohttp.ClientSession(raise_for_status=True) as session:
        client = make_client(session=session)
        with pytest.raises(SigmaError, match="nope"):
            await client.channels.get(CHANNEL_ID)


async def test_max_connections_bounds_concurrency(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    in_flight = most = 0
    release = asyncio.Event()
    two_waiting = asyncio.Event()

    async def slow(request: web.BaseRequest) -> web.StreamResponse:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        if in_flight == 2:
            two_waiting.set()
        try:
            await release.wait()
        finally:
            in_flight -= 1
        return Reply(json={"status": "live"}).build()

    fake.handler = slow
    client = make_client(max_connections=2)
    calls = asyncio.gather(*(client.sessions.status(f"s{i}") for i in range(6)))
    await two_waiting.wait()
    for _ in range(10):
        await asyncio.sleep(0.001)
    assert len(fake.requests) == 2  # the other four wait for a pooled connection
    release.set()
    assert len(await calls) == 6
    assert most == 2


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("max_connections", 0),
        ("max_retries", -1),
        ("max_retries", 1.5),
        ("timeout", 0),
        ("connect_timeout", -1),
        ("max_response_bytes", 0),
        ("retry_base_delay", 0),
        ("session", object()),
    ],
)
def test_bad_options_are_refused(option: str, value: object) -> None:
    with pytest.raises(SigmaError, match=option):
        SigmaClient(username=USERNAME, secret_key=SECRET_KEY, app_id=APP_ID, **{option: value})  # type: ignore[arg-type]

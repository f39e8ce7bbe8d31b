"""Transport safety: verified HTTPS by default, no plain http off loopback, no redirects, a cap.

(``tests/client/test_transport.py`` and ``test_errors.py`` test the same mechanisms in detail;
here each protection of issue 7 has a test of its own, end to end.)
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
import trustme
from aiohttp import web

from sigma_async import (
    APIStatusError,
    APITLSError,
    ChannelCreate,
    NotFoundError,
    ResponseTooLargeError,
    SigmaClient,
    SigmaValidationError,
)
from sigma_async.operations import DEFAULT_BASE_URL
from sigma_async.testing import SigmaEmulator

from ..harness import ClientFactory, RawServer, json_reply
from .conftest import CHANNEL_ID, CHANNEL_JSON, CREDENTIALS, ScriptedServer
from .relay import TcpRelay

MIB = 1024 * 1024


# HTTPS --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def trusting(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


class HTTPSFront:
    """HTTPS in front of the emulator: a plain relay (counting TCP connections) to a TLS one."""

    def __init__(self, emulator: SigmaEmulator, context: ssl.SSLContext) -> None:
        self.tls = TcpRelay(emulator.port, context=context)
        self.tcp = TcpRelay(0)

    async def start(self) -> None:
        await self.tls.start()
        self.tcp.target_port = self.tls.port
        await self.tcp.start()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.tcp.port}"

    async def close(self) -> None:
        await self.tcp.close()
        await self.tls.close()


@contextlib.asynccontextmanager
async def https_front(
    ca: trustme.CA, *hosts: str
) -> AsyncIterator[tuple[SigmaEmulator, HTTPSFront]]:
    """The emulator behind TLS, with a certificate for ``hosts`` issued by ``ca``."""
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*hosts).configure_cert(server_context)
    async with SigmaEmulator(seed=4) as emulator:
        front = HTTPSFront(emulator, server_context)
        await front.start()
        try:
            yield emulator, front
        finally:
            await front.close()


@pytest.fixture
async def https_emulator(ca: trustme.CA) -> AsyncIterator[tuple[SigmaEmulator, HTTPSFront]]:
    """The emulator behind TLS, with a certificate for 127.0.0.1 issued by ``ca``."""
    async with https_front(ca, "127.0.0.1", "localhost") as pair:
        yield pair


def https_client(emulator: SigmaEmulator, url: str, **options: object) -> SigmaClient:
    credentials = emulator.credentials
    return SigmaClient(
        username=credentials.username,
        secret_key=credentials.secret_key,
        app_id=credentials.app_id,
        base_url=url,
        retry_base_delay=0.001,
        retry_max_delay=0.002,
        **options,  # type: ignore[arg-type]
    )


def test_https_with_verification_is_the_default() -> None:
    assert DEFAULT_BASE_URL.startswith("https://")
    client = SigmaClient(**CREDENTIALS)
    assert client.base_url == DEFAULT_BASE_URL
    assert client._ssl is True  # aiohttp's default verification: system CAs and the hostname


async def test_an_untrusted_certificate_fails_clearly_and_is_not_retried(
    https_emulator: tuple[SigmaEmulator, HTTPSFront],
) -> None:
    emulator, proxy = https_emulator
    async with https_client(emulator, proxy.url, max_retries=3) as client:  # no ssl=: defaults
        with pytest.raises(APITLSError) as caught:
            await client.channels.create(ChannelCreate(name="over-tls"))
    error = caught.value
    assert "TLS certificate not trusted" in str(error)
    assert "CERTIFICATE_VERIFY_FAILED" in str(error)
    assert error.request_sent is False
    assert proxy.tcp.connections == 1  # one connection: a TLS failure is never retried
    assert proxy.tls.connections == 0  # no handshake completed
    assert emulator.stats.received == {}  # nothing reached the service


async def test_a_certificate_for_another_host_fails(ca: trustme.CA) -> None:
    async with https_front(ca, "api.sigma.video") as (emulator, front):  # not 127.0.0.1
        async with https_client(emulator, front.url, ssl=trusting(ca)) as client:
            with pytest.raises(APITLSError, match="TLS certificate not trusted") as caught:
                await client.channels.list().to_list()
        assert "match" in str(caught.value)  # "IP address mismatch"
        assert emulator.stats.received == {}


async def test_a_trusted_certificate_works_through_the_lifecycle(
    https_emulator: tuple[SigmaEmulator, HTTPSFront], ca: trustme.CA
) -> None:
    emulator, proxy = https_emulator
    context = trusting(ca)  # ssl= takes the caller's own SSLContext
    async with https_client(emulator, proxy.url, ssl=context) as client:
        channel = await client.channels.create(ChannelCreate(name="over-tls"))
        await client.channels.start(channel.id)
        assert (await client.channels.get(channel.id)).status == "active"
        assert [c.id for c in await client.channels.list().to_list()] == [channel.id]
        await client.channels.stop(channel.id)
        await client.channels.delete(channel.id)
        with pytest.raises(NotFoundError):
            await client.channels.get(channel.id)
    assert proxy.tls.connections >= 1
    assert emulator.stats.applied["createChannel"] == 1


@pytest.mark.parametrize("value", [False, True, "CERT_NONE", 0, ssl.CERT_NONE])
def test_ssl_takes_only_a_context(value: object) -> None:
    with pytest.raises(SigmaValidationError, match="SSLContext"):
        SigmaClient(**CREDENTIALS, ssl=value)  # type: ignore[arg-type]


# Plain http ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "base_url",
    [
        "http://api.sigma.video",
        "HTTP://API.SIGMA.VIDEO",
        "http://10.0.0.5:8080",
        "http://0.0.0.0:8000",
        "http://[2001:db8::1]",
        "http://localhost.evil.com",
        "http://127.0.0.1.nip.io",
        "http://[::ffff:10.0.0.1]",
    ],
)
def test_plain_http_is_refused_off_loopback_unless_allowed(base_url: str) -> None:
    with pytest.raises(SigmaValidationError, match="allow_insecure_http") as caught:
        SigmaClient(**CREDENTIALS, base_url=base_url)
    assert "credentials would travel unencrypted" in str(caught.value)
    SigmaClient(**CREDENTIALS, base_url=base_url, allow_insecure_http=True)  # an explicit choice


@pytest.mark.parametrize(
    "base_url",
    [
        "http://127.0.0.1:9",
        "http://127.8.9.10",
        "http://localhost:9",
        "http://[::1]:9",
        "http://[::ffff:127.0.0.1]:9",  # IPv4-mapped 127.0.0.1, on every Python version
    ],
)
def test_plain_http_is_allowed_on_loopback(base_url: str) -> None:
    SigmaClient(**CREDENTIALS, base_url=base_url)


# Redirects ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_a_redirect_to_another_host_is_not_followed(
    scripted: Callable[..., Awaitable[ScriptedServer]],
    make_client: ClientFactory,
    status: int,
) -> None:
    thief = await scripted(host="127.0.0.2")  # another host
    api = await scripted()

    async def redirect(request: web.BaseRequest) -> web.StreamResponse:
        return web.Response(status=status, headers={"Location": f"{thief.url}{request.path}"})

    api.script = redirect
    client = make_client(api.url, max_retries=3)
    for call in (
        client.channels.get(CHANNEL_ID),
        client.channels.create(ChannelCreate(name="x")),
        client.channels.delete(CHANNEL_ID),
    ):
        with pytest.raises(APIStatusError) as caught:
            await call
        assert caught.value.status == status
        assert "not followed" in str(caught.value)
    assert len(api.requests) == 3  # one each: a redirect is not retried either
    assert all(request.headers["Authorization"].startswith("Basic ") for request in api.requests)
    assert thief.requests == []  # the Basic token never went to the other host


async def test_a_same_host_redirect_is_not_followed_either(
    scripted: Callable[..., Awaitable[ScriptedServer]], make_client: ClientFactory
) -> None:
    api = await scripted()

    async def redirect(request: web.BaseRequest) -> web.StreamResponse:
        if request.path.endswith("/moved"):
            return json_reply(CHANNEL_JSON)
        return web.Response(status=307, headers={"Location": "/api/livestream/moved"})

    api.script = redirect
    client = make_client(api.url)
    with pytest.raises(APIStatusError, match="redirect to /api/livestream/moved not followed"):
        await client.channels.get(CHANNEL_ID)
    assert [request.raw_path for request in api.requests] == [
        f"/api/livestream/channels/{CHANNEL_ID}"
    ]


# The response size cap ----------------------------------------------------------------------


async def test_the_default_cap_is_32_mib_and_refuses_before_reading(
    raw_server: Callable[..., Awaitable[RawServer]], make_client: ClientFactory
) -> None:
    released = asyncio.Event()

    async def huge(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # Announce one byte over 32 MiB, send a few bytes, then stall: a client that tried to
        # read the body would wait here until its timeout, not fail at once.
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {32 * MIB + 1}\r\n\r\n".encode()
            + b'{"data": ['
        )
        await writer.drain()
        await released.wait()

    server = await raw_server(huge)
    client = make_client(server.url, timeout=30, max_retries=3)
    try:
        with pytest.raises(ResponseTooLargeError) as caught:
            await asyncio.wait_for(client.channels.list().to_list(), 10)
    finally:
        released.set()
    assert caught.value.limit == 32 * MIB
    assert f"exceeds max_response_bytes={32 * MIB}" in str(caught.value)
    assert len(server.requests) == 1  # not retried


async def test_a_configured_cap_stops_a_stream_early(
    scripted: Callable[..., Awaitable[ScriptedServer]], make_client: ClientFactory
) -> None:
    sent = 0

    async def endless(request: web.BaseRequest) -> web.StreamResponse:
        nonlocal sent
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        try:
            await response.write(b'{"id": "c", "name": "')
            for _ in range(4096):  # 64 MiB, if anyone read it all
                await response.write(b"x" * 16384)
                sent += 16384
        except (ConnectionError, RuntimeError):
            pass
        return response

    server = await scripted()
    server.script = endless
    client = make_client(server.url, max_response_bytes=256 * 1024)
    with pytest.raises(ResponseTooLargeError, match="max_response_bytes=262144"):
        await client.channels.get(CHANNEL_ID)
    assert sent < 16 * MIB  # the client hung up long before the end
    assert len(server.requests) == 1


async def test_a_compressed_body_is_capped_by_its_decoded_size(
    scripted: Callable[..., Awaitable[ScriptedServer]], make_client: ClientFactory
) -> None:
    bomb = gzip.compress(b" " * (16 * MIB))  # ~16 KiB on the wire
    server = await scripted()

    async def answer(request: web.BaseRequest) -> web.StreamResponse:
        return web.Response(
            body=bomb, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"}
        )

    server.script = answer
    client = make_client(server.url, max_response_bytes=MIB)
    with pytest.raises(ResponseTooLargeError):
        await client.channels.get(CHANNEL_ID)


async def test_the_cap_applies_to_emulator_pages_and_the_client_goes_on() -> None:
    async with (
        SigmaEmulator(seed=8) as emulator,
        emulator.client(max_response_bytes=4096) as client,
    ):
        for number in range(20):
            await client.channels.create(ChannelCreate(name=f"big-{number}"))
        with pytest.raises(ResponseTooLargeError):
            await client.channels.list(per_page=100).to_list()
        assert len(await client.channels.list(per_page=2).to_list(limit=4)) == 4

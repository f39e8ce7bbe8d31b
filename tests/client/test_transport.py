"""Transport safety: TLS, plain-http refusal, the body size cap, broken and slow responses."""

from __future__ import annotations

import asyncio
import gzip
import ssl
import zlib

import aiohttp
import pytest
import trustme
from aiohttp import web

from sigma_async import (
    APIConnectionError,
    APITimeoutError,
    APITLSError,
    ResponseTooLargeError,
    SigmaClient,
    SigmaValidationError,
)
from sigma_async._http.transport import _connection_error

from ..harness import ClientFactory, Loopback, RawServer, RawServerFactory
from .conftest import CHANNEL_ID, CHANNEL_JSON, CREDENTIALS, FakeSigma, Reply


@pytest.mark.parametrize(
    "base_url",
    [
        "http://api.sigma.video",
        "http://10.0.0.5:8080",
        "http://192.168.1.2",
        "http://[2001:db8::1]",
        "http://localhost.evil.com",
    ],
)
def test_plain_http_is_refused_off_loopback(base_url: str) -> None:
    with pytest.raises(SigmaValidationError, match="allow_insecure_http"):
        SigmaClient(**CREDENTIALS, base_url=base_url)
    SigmaClient(**CREDENTIALS, base_url=base_url, allow_insecure_http=True)


@pytest.mark.parametrize(
    "base_url",
    ["http://127.0.0.1:8000", "http://127.1.2.3", "http://localhost:9", "http://[::1]:80"],
)
def test_plain_http_is_allowed_on_loopback(base_url: str) -> None:
    SigmaClient(**CREDENTIALS, base_url=base_url)


@pytest.mark.parametrize(
    ("base_url", "message"),
    [
        ("ftp://api.sigma.video", "absolute http"),
        ("api.sigma.video", "absolute http"),
        ("https://user:pw@api.sigma.video", "credentials"),
        ("https://api.sigma.video/?x=1", "query"),
        ("", "non-empty"),
    ],
)
def test_bad_base_urls(base_url: str, message: str) -> None:
    with pytest.raises(SigmaValidationError, match=message):
        SigmaClient(**CREDENTIALS, base_url=base_url)


async def test_base_url_path_prefix_is_kept(fake: FakeSigma, make_client: ClientFactory) -> None:
    client = make_client(base_url=fake.url + "/gateway/")
    await client.channels.get(CHANNEL_ID)
    assert fake.requests[0].raw_path == f"/gateway/api/livestream/channels/{CHANNEL_ID}"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("username", "", "username must be a non-empty string"),
        ("username", "a:b", "must not contain ':'"),
        ("secret_key", "line\r\nX-Evil: 1", "secret_key must not contain control characters"),
        ("secret_key", " padded ", "secret_key has leading or trailing whitespace"),
        ("app_id", None, "app_id must be a non-empty string"),
    ],
)
def test_credentials_are_checked_without_echoing(field: str, value: object, message: str) -> None:
    with pytest.raises(SigmaValidationError, match=message) as caught:
        SigmaClient(**{**CREDENTIALS, field: value})  # type: ignore[arg-type]
    if isinstance(value, str) and value:
        assert value.strip() not in str(caught.value)


@pytest.fixture(scope="module")
def tls_ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
async def tls_url(tls_ca: trustme.CA, loopback: Loopback) -> str:
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls_ca.issue_cert("127.0.0.1", "localhost").configure_cert(server_context)

    async def handler(request: web.BaseRequest) -> web.StreamResponse:
        return Reply(json=CHANNEL_JSON).build()

    return await loopback.http(handler, ssl=server_context)


# The client's own session holds the TLS setting on its pool; a caller's session gets it on
# every request: both must verify alike.
SESSIONS = pytest.mark.parametrize("own_session", [True, False], ids=["own", "caller"])


@SESSIONS
async def test_tls_untrusted_certificate_fails_clearly(
    tls_url: str, make_client: ClientFactory, own_session: bool
) -> None:
    assert tls_url.startswith("https://")
    async with aiohttp.ClientSession() as session:
        client = make_client(base_url=tls_url, session=None if own_session else session)
        with pytest.raises(APITLSError) as caught:
            await client.channels.get(CHANNEL_ID)
    assert isinstance(caught.value, APIConnectionError)
    assert caught.value.request_sent is False
    assert "TLS certificate not trusted" in str(caught.value)
    assert "CERTIFICATE_VERIFY_FAILED" in str(caught.value)


@SESSIONS
async def test_tls_trusted_certificate_works(
    tls_url: str, tls_ca: trustme.CA, make_client: ClientFactory, own_session: bool
) -> None:
    context = ssl.create_default_context()
    tls_ca.configure_trust(context)
    async with aiohttp.ClientSession() as session:
        client = make_client(
            base_url=tls_url, ssl=context, session=None if own_session else session
        )
        channel = await client.channels.get(CHANNEL_ID)
    assert channel.id == CHANNEL_ID


def test_ssl_must_be_a_context() -> None:
    with pytest.raises(SigmaValidationError, match="SSLContext"):
        SigmaClient(**CREDENTIALS, ssl=False)  # type: ignore[arg-type]


async def test_content_length_over_the_cap_is_refused_up_front(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    client = make_client(max_response_bytes=1000)
    fake.reply(Reply(json={"data": [CHANNEL_JSON] * 20}))
    with pytest.raises(ResponseTooLargeError) as caught:
        await client.channels.list().to_list()
    assert caught.value.limit == 1000
    assert "bytes exceeds max_response_bytes=1000" in str(caught.value)
    assert len(fake.requests) == 1  # not retried
    assert (await client.channels.get(CHANNEL_ID)).id == CHANNEL_ID  # the client still works


async def test_chunked_body_over_the_cap_stops_reading(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    sent = 0

    async def stream(request: web.BaseRequest) -> web.StreamResponse:
        nonlocal sent
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        await response.prepare(request)
        try:
            for _ in range(4096):  # 64 MiB if read to the end
                await response.write(b"x" * 16384)
                sent += 1
        except (ConnectionError, RuntimeError):
            pass
        return response

    fake.handler = stream
    client = make_client(max_response_bytes=64 * 1024)
    with pytest.raises(ResponseTooLargeError, match="max_response_bytes=65536"):
        await client.channels.get(CHANNEL_ID)
    assert sent < 4096


async def test_compressed_body_is_capped_after_decompression(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    bomb = gzip.compress(b" " * (8 * 1024 * 1024))  # 8 MiB of spaces, a few KiB on the wire
    assert len(bomb) < 64 * 1024
    fake.reply(
        Reply(body=bomb, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    )
    client = make_client(max_response_bytes=1024 * 1024)
    with pytest.raises(ResponseTooLargeError):
        await client.channels.get(CHANNEL_ID)


async def test_compressed_body_under_the_cap_decodes(
    fake: FakeSigma, make_client: ClientFactory
) -> None:
    import json

    body = zlib.compress(json.dumps(CHANNEL_JSON).encode())
    fake.reply(Reply(body=body, headers={"Content-Encoding": "deflate"}))
    client = make_client()
    assert (await client.channels.get(CHANNEL_ID)).id == CHANNEL_ID


async def test_server_closing_without_answer_is_a_connection_error(
    raw_server: RawServerFactory, make_client: ClientFactory
) -> None:
    async def close(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    server: RawServer = await raw_server(close)
    client = make_client(base_url=server.url, max_retries=1)
    with pytest.raises(APIConnectionError, match="closed the connection") as caught:
        await client.channels.get(CHANNEL_ID)
    assert caught.value.request_sent is True


async def test_hanging_server_times_out(
    raw_server: RawServerFactory, make_client: ClientFactory
) -> None:
    async def hang(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # until the client gives up and closes

    server: RawServer = await raw_server(hang)
    client = make_client(base_url=server.url, timeout=0.5, max_retries=1)
    with pytest.raises(APITimeoutError) as caught:
        await client.channels.get(CHANNEL_ID)
    assert caught.value.request_sent is True
    assert len(server.requests) == 2


def test_connection_error_mapping() -> None:
    """The aiohttp failures that cannot be provoked reliably on loopback (connect timeouts)."""

    class Key:
        host, port, is_ssl, ssl, proxy, proxy_auth, proxy_headers_hash = (
            "h",
            1,
            True,
            True,
            None,
            None,
            None,
        )

    connect_timeout = _connection_error(aiohttp.ConnectionTimeoutError("t"), "POST", "u")
    assert isinstance(connect_timeout, APITimeoutError)
    assert connect_timeout.request_sent is False
    read_timeout = _connection_error(aiohttp.SocketTimeoutError("t"), "POST", "u")
    assert isinstance(read_timeout, APITimeoutError)
    assert read_timeout.request_sent is True
    total = _connection_error(asyncio.TimeoutError(), "POST", "u")
    assert isinstance(total, APITimeoutError)
    assert total.request_sent is True
    refused = _connection_error(
        aiohttp.ClientConnectorError(Key(), ConnectionRefusedError(111, "refused")),  # type: ignore[arg-type]
        "POST",
        "u",
    )
    assert type(refused) is APIConnectionError
    assert refused.request_sent is False
    reset = _connection_error(aiohttp.ClientOSError(104, "reset"), "POST", "u")
    assert type(reset) is APIConnectionError
    assert reset.request_sent is True

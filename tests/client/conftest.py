"""Loopback HTTP servers for the client tests: a scriptable aiohttp server and a raw TCP one."""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import RawTestServer
from multidict import CIMultiDictProxy

from sigma_async import SigmaClient

USERNAME = "sdk-user"
SECRET_KEY = "Sup3r-Secret-Key/+="
APP_ID = "0c787e24-87a3-47da-a131-e8310f35aff7"
# base64("sdk-user:Sup3r-Secret-Key/+=")
BASIC_TOKEN = "c2RrLXVzZXI6U3VwM3ItU2VjcmV0LUtleS8rPQ=="

CHANNEL_ID = "42efeee4-e94e-4444-b0a6-90850413519d"
SESSION_ID = "5017085c-d828-491d-837f-2160df3e07c1"

CHANNEL_JSON: dict[str, Any] = {
    "id": CHANNEL_ID,
    "name": "Channel_02",
    "description": None,
    "tags": [],
    "appId": APP_ID,
    "inputId": "e5418288-37be-4d0f-8221-f0c5e99efe5b",
    "transcodeProfile": ["fbffbd08-ed7f-4a51-aabd-3132ac863bb5"],
    "type": "transcode",
    "mode": "ultra-low-latency",
    "stopTimeout": 30,
    "catchup": True,
    "destinationCatchup": {
        "type": "s3",
        "s3": {
            "accessKey": "AK",
            "bucket": "my-bucket",
            "endpoint": "https://s3.example.com",
            "secretKey": "SK",
            "region": "hn",
            "segmentPrefix": None,
        },
    },
    "record": False,
    "outputFormat": "hls",
    "status": "active",
    "createdAt": "2024-07-22T10:34:36.772Z",
    "updatedAt": "2024-07-23T06:15:31.729Z",
    "currentSessionId": "977cc345-d771-4223-9306-07c2b9d49a34",
    "input": {"streamToken": "42efe-a050", "rtmpServer": "rtmp://103.245.251.51:1935/livestream"},
    "liveStreamUrl": "http://103.245.251.51:8080/manifest/42efeee4/master.m3u8",
}


def session_json(session_id: str, status: str = "ended", **extra: Any) -> dict[str, Any]:
    return {"id": session_id, "status": status, "channelId": CHANNEL_ID, **extra}


def event_json(event_id: str, action: str, created_at: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": event_id,
        "action": action,
        "sessionId": SESSION_ID,
        "createdAt": created_at,
        "updatedAt": created_at,
        **extra,
    }


@dataclass
class Reply:
    """A canned response; ``json`` wins over ``body`` when both are given."""

    status: int = 200
    json: Any = None
    body: bytes | str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def build(self) -> web.Response:
        if self.json is not None:
            return web.Response(
                status=self.status,
                body=json.dumps(self.json).encode(),
                content_type="application/json",
                headers=self.headers,
            )
        body = self.body.encode() if isinstance(self.body, str) else self.body
        return web.Response(status=self.status, body=body, headers=self.headers)


@dataclass
class Recorded:
    method: str
    raw_path: str  # as sent, still percent-encoded, without the query
    query: dict[str, str]
    raw_query: str
    headers: CIMultiDictProxy[str]
    body: bytes


Handler = Callable[[web.BaseRequest], Awaitable[web.StreamResponse]]


class FakeSigma:
    """A loopback server that records every request and answers from a script.

    Replies queued with :meth:`reply` are used first, in order; then ``handler`` answers.
    """

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.replies: deque[Reply] = deque()
        self.handler: Handler = self._default
        self.url = ""

    def reply(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    async def _default(self, request: web.BaseRequest) -> web.StreamResponse:
        return Reply(json=CHANNEL_JSON).build()

    async def handle(self, request: web.BaseRequest) -> web.StreamResponse:
        body = await request.read()
        self.requests.append(
            Recorded(
                method=request.method,
                raw_path=request.raw_path.split("?", 1)[0],
                query=dict(request.query),
                raw_query=request.query_string,
                headers=request.headers,
                body=body,
            )
        )
        if self.replies:
            return self.replies.popleft().build()
        return await self.handler(request)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSigma]:
    server = FakeSigma()
    raw = RawTestServer(server.handle, host="127.0.0.1")
    await raw.start_server()
    server.url = str(raw.make_url("")).rstrip("/")
    yield server
    await raw.close()


ClientFactory = Callable[..., SigmaClient]


@pytest.fixture
async def make_client(fake: FakeSigma) -> AsyncIterator[ClientFactory]:
    """Build clients on the fake server with millisecond backoff; all closed at teardown."""
    clients: list[SigmaClient] = []

    def build(**kwargs: Any) -> SigmaClient:
        options: dict[str, Any] = {
            "username": USERNAME,
            "secret_key": SECRET_KEY,
            "app_id": APP_ID,
            "base_url": fake.url,
            "retry_base_delay": 0.001,
            "retry_max_delay": 0.002,
            "max_retry_after": 0.01,
        }
        options.update(kwargs)
        client = SigmaClient(**options)
        clients.append(client)
        return client

    yield build
    for client in clients:
        await client.aclose()


@pytest.fixture
async def client(make_client: ClientFactory) -> SigmaClient:
    return make_client()


RawHandler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@dataclass
class RawServer:
    url: str
    requests: list[bytes]


RawServerFactory = Callable[[RawHandler], Awaitable[RawServer]]


async def read_request(reader: asyncio.StreamReader) -> bytes:
    """Read one HTTP/1.1 request (head and Content-Length body)."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    body = await reader.readexactly(length) if length else b""
    return head + body


@pytest.fixture
async def raw_server() -> AsyncIterator[RawServerFactory]:
    """Start plain TCP servers speaking hand-written HTTP, to misbehave in ways aiohttp won't."""
    servers: list[asyncio.Server] = []
    writers: list[asyncio.StreamWriter] = []

    async def start(handler: RawHandler) -> RawServer:
        record = RawServer(url="", requests=[])

        async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writers.append(writer)
            try:
                while True:
                    try:
                        record.requests.append(await read_request(reader))
                    except (asyncio.IncompleteReadError, ConnectionError):
                        return
                    await handler(reader, writer)
                    if writer.is_closing():
                        return
            finally:
                writer.close()

        server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
        servers.append(server)
        port = server.sockets[0].getsockname()[1]
        record.url = f"http://127.0.0.1:{port}"
        return record

    yield start
    for writer in writers:
        writer.close()
    for server in servers:
        server.close()
        await server.wait_closed()

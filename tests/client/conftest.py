"""The client tests' fake Sigma service (on ``tests/harness.py``), sample bodies and clients."""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from sigma_async import SigmaClient

from ..client_kwargs import ClientCredentials
from ..harness import ClientFactory, Clients, Handler, Loopback, RecordingServer, json_reply

USERNAME = "sdk-user"
SECRET_KEY = "Sup3r-Secret-Key/+="
APP_ID = "0c787e24-87a3-47da-a131-e8310f35aff7"
# base64("sdk-user:Sup3r-Secret-Key/+=")
BASIC_TOKEN = "c2RrLXVzZXI6U3VwM3ItU2VjcmV0LUtleS8rPQ=="
CREDENTIALS: ClientCredentials = {"username": USERNAME, "secret_key": SECRET_KEY, "app_id": APP_ID}

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
            return json_reply(self.json, self.status, **self.headers)
        body = self.body.encode() if isinstance(self.body, str) else self.body
        return web.Response(status=self.status, body=body, headers=self.headers)


class FakeSigma(RecordingServer):
    """A loopback server that records every request and answers from a script.

    Replies queued with :meth:`reply` are used first, in order; then ``handler`` answers.
    """

    def __init__(self) -> None:
        super().__init__()
        self.replies: deque[Reply] = deque()
        self.handler: Handler = self._default

    def reply(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    async def _default(self, request: web.BaseRequest) -> web.StreamResponse:
        return Reply(json=CHANNEL_JSON).build()

    async def answer(self, request: web.BaseRequest) -> web.StreamResponse:
        if self.replies:
            return self.replies.popleft().build()
        return await self.handler(request)


@pytest.fixture
async def fake(loopback: Loopback) -> FakeSigma:
    server = FakeSigma()
    server.url = await loopback.http(server.handle)
    return server


@pytest.fixture
async def make_client(fake: FakeSigma) -> AsyncIterator[ClientFactory]:
    """Build clients on the fake server with millisecond backoff; all closed at teardown."""
    clients = Clients(
        **CREDENTIALS,
        base_url=fake.url,
        retry_base_delay=0.001,
        retry_max_delay=0.002,
        max_retry_after=0.01,
    )
    yield clients.build
    await clients.aclose()


@pytest.fixture
async def client(make_client: ClientFactory) -> SigmaClient:
    return make_client()

"""Loopback servers that play an odd or hostile Sigma service, shared by every test folder.

Two kinds, both on 127.0.0.1 (or another loopback address) and closed by the fixture:

- :meth:`Loopback.http`: an aiohttp low-level server answering with any handler (fixed
  statuses and headers, slow or chunked bodies, TLS); :class:`RecordingServer` keeps what it got.
- :meth:`Loopback.raw`: a plain TCP server writing hand-made HTTP, to break the protocol in ways
  aiohttp will not (close mid-body, hang, wrong framing).

:class:`Clients` builds the test's clients of those servers and closes them;
:data:`STATUS_CLASSES` is the error class each status those servers send must raise.

The fixtures ``loopback`` and ``raw_server`` are exposed from ``tests/conftest.py``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import RawTestServer
from multidict import CIMultiDictProxy

from sigma_async import APIStatusError, InternalServerError, SigmaClient, errors

ClientFactory = Callable[..., SigmaClient]
Handler = Callable[[web.BaseRequest], Awaitable[web.StreamResponse]]
RawHandler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


def json_reply(data: Any, status: int = 200, **headers: str) -> web.Response:
    """A JSON response with ``status`` and extra ``headers``."""
    return web.Response(
        status=status,
        body=json.dumps(data).encode(),
        content_type="application/json",
        headers=headers,
    )


@dataclass
class Seen:
    """One request a recording server received."""

    method: str
    raw_path: str  # as sent, still percent-encoded, query excluded
    query: dict[str, str]
    raw_query: str  # aiohttp's ``query_string``: the query percent-decoded
    query_string: str  # the query as sent, still percent-encoded
    headers: CIMultiDictProxy[str]
    body: bytes

    @classmethod
    async def of(cls, request: web.BaseRequest) -> Seen:
        """Record ``request``, reading its whole body."""
        return cls(
            method=request.method,
            raw_path=request.raw_path.partition("?")[0],
            query=dict(request.query),
            raw_query=request.query_string,
            query_string=request.raw_path.partition("?")[2],
            headers=request.headers,
            body=await request.read(),
        )


class RecordingServer:
    """Records every request, then lets :meth:`answer` reply (subclasses script it)."""

    def __init__(self) -> None:
        self.url = ""
        self.requests: list[Seen] = []

    async def handle(self, request: web.BaseRequest) -> web.StreamResponse:
        """The aiohttp handler: record, then answer."""
        self.requests.append(await Seen.of(request))
        return await self.answer(request)

    async def answer(self, request: web.BaseRequest) -> web.StreamResponse:
        """The reply to ``request`` (an empty 200 unless a subclass says otherwise)."""
        return web.Response()


@dataclass
class RawServer:
    """A raw TCP server's address and what it saw."""

    url: str
    connections: int = 0
    requests: list[bytes] = field(default_factory=list)


RawServerFactory = Callable[[RawHandler], Awaitable[RawServer]]


async def read_request(reader: asyncio.StreamReader) -> bytes:
    """Read one HTTP/1.1 request: the head and a Content-Length body."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return head + (await reader.readexactly(length) if length else b"")


class Loopback:
    """Starts loopback servers for one test and closes them all in :meth:`aclose`."""

    def __init__(self) -> None:
        self._http: list[RawTestServer] = []
        self._tcp: list[asyncio.Server] = []
        self._writers: list[asyncio.StreamWriter] = []
        self._connections: set[asyncio.Task[None]] = set()

    async def http(self, handler: Handler, host: str = "127.0.0.1", **start: Any) -> str:
        """Serve ``handler``; return the base URL (``start``: ``ssl=`` and the like)."""
        server = RawTestServer(handler, host=host)
        await server.start_server(**start)
        self._http.append(server)
        return str(server.make_url("")).rstrip("/")

    async def raw(self, handler: RawHandler) -> RawServer:
        """Serve hand-written HTTP: ``handler`` runs after each request is read."""
        record = RawServer(url="")

        async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self._connections.add(asyncio.current_task())  # type: ignore[arg-type]
            record.connections += 1
            self._writers.append(writer)
            try:
                while not writer.is_closing():
                    try:
                        record.requests.append(await read_request(reader))
                    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError):
                        return
                    await handler(reader, writer)
            except ConnectionError:  # the client hung up while the handler wrote
                pass
            finally:
                writer.close()

        server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
        self._tcp.append(server)
        record.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        return record

    async def aclose(self) -> None:
        """Close every server; a raw handler still running (a hanging one) is cancelled."""
        for http in self._http:
            await http.close()
        for writer in self._writers:
            writer.close()
        for server in self._tcp:
            server.close()
        for task in self._connections:
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        for server in self._tcp:
            await server.wait_closed()


class Clients:
    """The clients a test builds with shared ``defaults``; the fixture closes them all."""

    def __init__(self, **defaults: Any) -> None:
        self._defaults = defaults
        self.built: list[SigmaClient] = []

    def build(self, **options: Any) -> SigmaClient:
        """A client of ``defaults`` updated with ``options``."""
        client = SigmaClient(**{**self._defaults, **options})
        self.built.append(client)
        return client

    async def aclose(self) -> None:
        """Close every client built."""
        for client in self.built:
            await client.aclose()


def status_leaves() -> list[tuple[int, type[APIStatusError]]]:
    """Each status error class of ``sigma_async.errors`` with the status it pins, by status."""
    exported = [getattr(errors, name) for name in errors.__all__]
    leaves = [
        cls
        for cls in exported
        if isinstance(cls, type) and issubclass(cls, APIStatusError) and cls is not APIStatusError
    ]
    return sorted(((cls.status, cls) for cls in leaves), key=lambda row: row[0])


# (status, the class a response of that status raises): every leaf, and the statuses without a
# class of their own. Read from ``sigma_async.errors``, so a new leaf is swept everywhere.
STATUS_CLASSES = [
    *status_leaves(),
    (418, APIStatusError),  # a status without a class of its own
    (501, InternalServerError),  # every 5xx is an InternalServerError
    (503, InternalServerError),
    (599, InternalServerError),
]

"""The benchmark's HTTP server, run in its own process: ``python -m benchmarks._server``.

It serves pre-serialized bytes so that its own cost per request stays small next to a client's,
and it runs outside the client's process so the client's CPU time can be measured alone (the
machine's cores are still shared: see README.md).

Routes, under an optional latency prefix (``/lat20/...`` waits 20 ms before answering) and the
API's own ``/api/livestream`` prefix:

- ``GET [/latN]/channels/{id}``: the guide's channel sample (scenario 1).
- ``GET [/latN]/sessions?q={"channelId":"pages-P"}&page=K&perPage=100``: page K of a data set of
  P pages of the guide's session records (scenario 3); pages past the end are empty.

Two implementations: ``raw`` (an ``asyncio.Protocol`` that parses just enough HTTP/1.1, the default)
and ``aiohttp`` (a minimal ``aiohttp.web`` app, for comparison). The process prints
``READY <port>`` on stdout once it listens, and stops on SIGTERM or when stdin closes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ._data import channel_sample, page_data_bytes

PER_PAGE = 100


class Payloads:
    """Every response body the server can send, built once at start."""

    def __init__(self, pages: int) -> None:
        self.channel = json.dumps(channel_sample(), separators=(",", ":")).encode()
        self.pages = pages
        self._data = [page_data_bytes(page, PER_PAGE) for page in range(1, pages + 1)]

    def sessions_page(self, dataset_pages: int, page: int, per_page: int) -> bytes:
        # perPage is capped at PER_PAGE like the real service; the data set is fixed at it.
        dataset_pages = min(dataset_pages, self.pages)
        total = dataset_pages * PER_PAGE
        data = self._data[page - 1] if 1 <= page <= dataset_pages else b"[]"
        count = PER_PAGE if 1 <= page <= dataset_pages else 0
        return b'{"data":%s,"total":%d,"count":%d,"page":%d,"perPage":%d}' % (
            data,
            total,
            count,
            page,
            min(per_page, PER_PAGE),
        )


def route(payloads: Payloads, target: str) -> tuple[int, bytes, float]:
    """(status, body, latency in seconds) for a request target (path and query)."""
    parts = urlsplit(target)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    latency = 0.0
    if segments and segments[0].startswith("lat") and segments[0][3:].isdigit():
        latency = int(segments.pop(0)[3:]) / 1000
    if segments[:2] == ["api", "livestream"]:
        del segments[:2]
    if len(segments) == 2 and segments[0] == "channels":
        return 200, payloads.channel, latency
    if segments == ["sessions"]:
        query = parse_qs(parts.query)
        try:
            channel_id = json.loads(query.get("q", ["{}"])[0]).get("channelId", "")
            dataset_pages = int(str(channel_id).removeprefix("pages-"))
            page = int(query.get("page", ["1"])[0])
            per_page = int(query.get("perPage", [str(PER_PAGE)])[0])
        except (ValueError, AttributeError):
            return 400, b'{"statusCode":400,"message":"bad query","error":"Bad Request"}', 0.0
        return 200, payloads.sessions_page(dataset_pages, page, per_page), latency
    return 404, b'{"statusCode":404,"message":"Not Found","error":"Not Found"}', 0.0


_REASONS = {200: b"OK", 400: b"Bad Request", 404: b"Not Found"}


def http_response(status: int, body: bytes) -> bytes:
    """A complete keep-alive HTTP/1.1 response."""
    return (
        b"HTTP/1.1 %d %s\r\nContent-Type: application/json; charset=utf-8\r\n"
        b"Content-Length: %d\r\nConnection: keep-alive\r\n\r\n%s"
        % (status, _REASONS.get(status, b"Unknown"), len(body), body)
    )


class RawHTTP(asyncio.Protocol):
    """Just enough HTTP/1.1 for the benchmark clients: keep-alive, Content-Length bodies."""

    def __init__(self, payloads: Payloads, cache: dict[str, tuple[bytes, float]]) -> None:
        self.payloads = payloads
        self.cache = cache
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer + data
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                break
            head = buffer[:end]
            length = 0
            lowered = head.lower()
            marker = lowered.find(b"\r\ncontent-length:")
            if marker >= 0:
                stop = lowered.find(b"\r\n", marker + 2)
                length = int(lowered[marker + 17 : stop if stop >= 0 else len(lowered)])
            if len(buffer) < end + 4 + length:
                break
            buffer = buffer[end + 4 + length :]
            target = head[: head.find(b"\r\n")].split(b" ")[1].decode("latin-1")
            self.respond(target)
        self.buffer = buffer

    def respond(self, target: str) -> None:
        cached = self.cache.get(target)
        if cached is None:
            status, body, latency = route(self.payloads, target)
            cached = (http_response(status, body), latency)
            if len(self.cache) < 4096 and status == 200:
                self.cache[target] = cached
        response, latency = cached
        if latency:
            asyncio.get_running_loop().call_later(latency, self.write, response)
        else:
            self.write(response)

    def write(self, response: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(response)


async def serve_raw(payloads: Payloads, host: str, port: int) -> asyncio.AbstractServer:
    """Listen with the raw protocol."""
    cache: dict[str, tuple[bytes, float]] = {}
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: RawHTTP(payloads, cache), host, port, backlog=1024)


async def serve_aiohttp(payloads: Payloads, host: str, port: int) -> Any:
    """Listen with a minimal aiohttp.web application."""
    from aiohttp import web

    async def handle(request: web.Request) -> web.Response:
        status, body, latency = route(payloads, request.path_qs)
        if latency:
            await asyncio.sleep(latency)
        return web.Response(status=status, body=body, content_type="application/json")

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port, backlog=1024)
    await site.start()
    return runner


async def main_async(args: argparse.Namespace) -> None:
    """Serve until SIGTERM/SIGINT or until stdin closes."""
    payloads = Payloads(args.pages)
    if args.impl == "raw":
        server = await serve_raw(payloads, args.host, args.port)
        port = server.sockets[0].getsockname()[1]
    else:
        server = await serve_aiohttp(payloads, args.host, args.port)
        port = server.addresses[0][1]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    # The parent holds our stdin: when it dies without stopping us, stdin reaches EOF.
    loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not sys.stdin.read(1) else None)
    print(f"READY {port}", flush=True)
    await stop.wait()
    if args.impl == "raw":
        server.close()
    else:
        await server.cleanup()


def main() -> None:
    """Parse the command line and serve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--pages", type=int, default=1000, help="session pages of 100 to build")
    parser.add_argument("--impl", choices=["raw", "aiohttp"], default="raw")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main_async(args))


if __name__ == "__main__":
    main()

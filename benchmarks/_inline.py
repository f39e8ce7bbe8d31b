"""sigma-async's per-request features written out in one coroutine: what its structure costs.

A reference row of scenario 8 (counted) and of scenario 1's paired blocks (timed). It sends
``GET /channels/{id}`` through the session a :class:`~sigma_async.SigmaClient` opens (its pool
connector, response class and headers) and does, inline and in sigma-async's order, each thing
sigma-async does on every successful call: the URL of the id (checked as one path segment and
made once, then kept, as a route keeps it), the closed check, the rate-limit gate asked before
and told after, the attempt counted, the debug-log check, the pool-wait flag reset, aiohttp's
exceptions caught, the body cap (declared length and encoding read; a body of no declared length
is refused here, where sigma-async counts it as it arrives), the response released, the status
checked, the JSON read and the ``Channel`` built by the generated structure function, each
failure caught as the SDK catches it. What it leaves out is structure, not work: no route table,
no ``Request`` or ``RawResponse`` tuple, no sans-I/O functions, no engine method, no resource
method. Its failure paths raise the SDK's error types but build no detailed message; they never
run here.

sigma-async's count minus this row's is what its modules cost on top of the features
(``benchmarks/README.md``, scenario 8).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from ._clients import BenchClient, sigma_client
from ._data import CHANNEL_ID

INLINE = "sigma-async's features inline, no structure (reference)"


@asynccontextmanager
async def open_inline(base_url: str) -> AsyncIterator[BenchClient]:
    """A SigmaClient's session and gate, driven by the per-request features written inline."""
    from yarl import URL

    from sigma_async import models
    from sigma_async._decode_support import StructureError
    from sigma_async._gate import observe_response
    from sigma_async._http import transport
    from sigma_async._http.sansio import _UNRESERVED
    from sigma_async._json import loads
    from sigma_async._structure import STRUCTURE_FUNCTIONS
    from sigma_async.errors import (
        APIConnectionError,
        APIStatusError,
        ClientClosedError,
        ResponseDecodeError,
        ResponseTooLargeError,
        SigmaValidationError,
    )

    structure_channel = STRUCTURE_FUNCTIONS[models.Channel]
    logger = logging.getLogger("sigma_async")
    async with sigma_client(base_url) as client:
        engine = client._engine
        session = engine._open_session()
        prefix = engine._root + "/channels/"
        gate = engine.limiter
        traffic = engine.traffic
        max_bytes = engine._max_bytes
        max_retry_after = engine._policy.max_retry_after
        unreserved = _UNRESERVED.fullmatch
        connected = transport._CONNECTED
        network_errors = transport.NETWORK_ERRORS
        urls: dict[str, URL] = {}

        async def get_channel() -> Any:
            channel_id = CHANNEL_ID
            url = urls.get(channel_id)
            if url is None:
                if not (channel_id.__class__ is str and unreserved(channel_id)):
                    raise SigmaValidationError("channel_id must be one path segment")
                url = urls[channel_id] = URL(prefix + channel_id, encoded=True)
            if engine.closed:
                raise ClientClosedError("closed")
            if gate is not None and not gate.admits_now():
                await gate.acquire()
            traffic.attempts += 1
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug("GET %s", url)
            try:
                connected.set(False)
                response = await session.request("GET", url, allow_redirects=False)
                try:
                    length = response.content_length
                    if length is None or length > max_bytes:
                        raise ResponseTooLargeError("no or too large length", limit=max_bytes)
                    if response.headers.get("Content-Encoding", "identity") != "identity":
                        raise ResponseTooLargeError("encoded body", limit=max_bytes)
                    body = await response.read()
                finally:
                    response.release()
            except network_errors:
                raise APIConnectionError("failed", method="GET", url=str(url)) from None
            status = response.status
            observe_response(gate, traffic, status, response.headers, max_retry_after)
            if not 200 <= status < 300:
                raise APIStatusError(f"HTTP {status}", status=status, method="GET", url=str(url))
            try:
                data = loads(body)
            except (ValueError, RecursionError):
                raise ResponseDecodeError("not JSON", status=status) from None
            try:
                return structure_channel(data)
            except StructureError:
                raise ResponseDecodeError("wrong shape", status=status) from None

        bench = BenchClient()
        bench.get_channel = get_channel
        yield bench

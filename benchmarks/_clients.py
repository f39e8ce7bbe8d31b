"""The clients the benchmarks compare, each opened the same way: ``async with make(base_url)``.

Every factory yields an object with ``get_channel()`` and ``list_sessions(...)``, so the
scenarios can drive sigma-async and its baselines through one loop. Pool limits are alike:
100 connections, all kept alive.
"""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from ._data import APP_ID, CHANNEL_ID, SECRET_KEY, USERNAME

API = "/api/livestream"
MAX_CONNECTIONS = 100
TOKEN = base64.b64encode(f"{USERNAME}:{SECRET_KEY}".encode()).decode()
HEADERS = {
    "Authorization": f"Basic {TOKEN}",
    "X-App-Id": APP_ID,
    "Accept": "application/json",
    "User-Agent": "sigma-bench",
}

SIGMA = "sigma-async"
RAW_AIOHTTP = "raw aiohttp + json.loads"
RAW_MODELS = "raw aiohttp + json.loads + cattrs models (reference)"
PYDANTIC = "hand-written aiohttp + pydantic v2 model_validate_json"
FLOOR = "raw aiohttp + the client's JSON reader + structure function (floor)"
OPC = "openapi-python-client (httpx)"
HTTPX = "plain httpx.AsyncClient"


class BenchClient:
    """What a scenario calls; ``get_channel`` returns a model or a dict with the channel's id."""

    get_channel: Callable[[], Awaitable[Any]]


def channel_id_of(result: Any) -> Any:
    """The id of whatever a client returned for a channel (model or dict)."""
    return result["id"] if isinstance(result, dict) else result.id


@asynccontextmanager
async def sigma_client(base_url: str, **options: Any) -> AsyncIterator[Any]:
    """sigma-async's own client (its defaults, 100 connections)."""
    try:
        from sigma_async import SigmaClient
    except ImportError:  # not re-exported yet
        from sigma_async._client import SigmaClient

    async with SigmaClient(
        username=USERNAME,
        secret_key=SECRET_KEY,
        app_id=APP_ID,
        base_url=base_url,
        max_connections=MAX_CONNECTIONS,
        **options,
    ) as client:
        yield client


@asynccontextmanager
async def open_sigma(base_url: str) -> AsyncIterator[BenchClient]:
    """``await client.channels.get(id)``."""
    async with sigma_client(base_url) as client:
        bench = BenchClient()
        # The SDK's own coroutine, awaited by the worker as a user's code awaits it: a
        # coroutine of the benchmark's around it would add a frame the other clients lack.
        bench.get_channel = functools.partial(client.channels.get, CHANNEL_ID)
        yield bench


def aiohttp_session(**kwargs: Any) -> Any:
    """An aiohttp session set up as sigma-async sets up its own (pool, no cookies, timeouts)."""
    import aiohttp

    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=MAX_CONNECTIONS),
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=30, sock_connect=10),
        headers=HEADERS,
        **kwargs,
    )


@asynccontextmanager
async def open_aiohttp_decoding(
    base_url: str, decode: Callable[[bytes], Any]
) -> AsyncIterator[BenchClient]:
    """``session.get`` + ``response.read()`` + ``decode(body)``: the hand-written aiohttp client."""
    async with aiohttp_session() as session:
        bench = BenchClient()
        url = f"{base_url}{API}/channels/{CHANNEL_ID}"

        async def get_channel() -> Any:
            async with session.get(url) as response:
                body = await response.read()
                if response.status != 200:
                    raise RuntimeError(f"HTTP {response.status}")
                return decode(body)

        bench.get_channel = get_channel
        yield bench


def open_raw_aiohttp(base_url: str) -> Any:
    """``session.get`` + ``json.loads``: the floor any aiohttp-based SDK can reach."""
    return open_aiohttp_decoding(base_url, json.loads)


def open_raw_models(base_url: str) -> Any:
    """Raw aiohttp, then stdlib ``json`` and sigma-async's converter: what a user would write.

    A reference for any SDK that returns our models; the floor row (:func:`open_floor`) reads
    JSON as the client does and calls the structure function directly.
    """
    from sigma_async import models
    from sigma_async._convert import structure

    channel = models.Channel
    return open_aiohttp_decoding(base_url, lambda body: structure(json.loads(body), channel))


def open_floor(base_url: str) -> Any:
    """Raw aiohttp, then what sigma-async decodes with and nothing else: the design's floor.

    The raw row's session, then the client's JSON reader (orjson when installed) and the
    generated ``Channel`` structure function, called directly: no request building, gate,
    retries or error mapping. The distance from sigma-async to this row is what the SDK's own
    plumbing costs, its session's settings included (its connector and per-request arguments).
    """
    from sigma_async import models
    from sigma_async._json import loads
    from sigma_async._structure import STRUCTURE_FUNCTIONS

    structure_channel = STRUCTURE_FUNCTIONS[models.Channel]
    return open_aiohttp_decoding(base_url, lambda body: structure_channel(loads(body)))


def open_pydantic(base_url: str) -> Any:
    """Raw aiohttp, then pydantic v2 ``model_validate_json`` (datamodel-codegen models).

    What a demanding user would hand-write instead of an SDK: JSON parsed and validated in Rust.
    """
    from ._peers import peers

    return open_aiohttp_decoding(base_url, peers().pydantic.Channel.model_validate_json)


def httpx_limits() -> Any:
    """100 connections, all kept alive (httpx keeps only 20 by default)."""
    import httpx

    return httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS)


@asynccontextmanager
async def open_httpx(base_url: str) -> AsyncIterator[BenchClient]:
    """``client.get`` + ``response.json()``."""
    import httpx

    async with httpx.AsyncClient(
        base_url=f"{base_url}{API}", headers=HEADERS, limits=httpx_limits(), timeout=30
    ) as client:
        bench = BenchClient()
        path = f"/channels/{CHANNEL_ID}"

        async def get_channel() -> Any:
            response = await client.get(path)
            response.raise_for_status()
            return response.json()

        bench.get_channel = get_channel
        yield bench


def opc_client(base_url: str) -> Any:
    """The generated client, authenticated by plain headers (its ``headers=`` argument)."""
    import httpx

    from ._peers import peers

    package = peers().opc
    return package.client.Client(
        base_url=f"{base_url}{API}",
        headers=HEADERS,
        timeout=httpx.Timeout(30),
        raise_on_unexpected_status=True,
        httpx_args={"limits": httpx_limits()},
    )


@asynccontextmanager
async def open_opc(base_url: str) -> AsyncIterator[BenchClient]:
    """``await get_channel.asyncio(id, client=client)`` of the generated client."""
    from ._peers import peers

    get_channel_api = peers().opc.api.channels.get_channel
    async with opc_client(base_url) as client:
        bench = BenchClient()

        async def get_channel() -> Any:
            return await get_channel_api.asyncio(CHANNEL_ID, client=client)

        bench.get_channel = get_channel
        yield bench


OPENERS: dict[str, Callable[[str], Any]] = {
    SIGMA: open_sigma,
    RAW_AIOHTTP: open_raw_aiohttp,
    RAW_MODELS: open_raw_models,
    PYDANTIC: open_pydantic,
    FLOOR: open_floor,
    OPC: open_opc,
    HTTPX: open_httpx,
}

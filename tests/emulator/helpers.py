"""Small request helpers shared by the emulator tests."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from yarl import URL

from sigma_async.testing import SigmaEmulator


async def call(
    http: aiohttp.ClientSession, method: str, path: str | URL, **kwargs: Any
) -> tuple[int, Any]:
    """Send one request; return the status and the body (JSON decoded; None when empty)."""
    async with http.request(method, path, **kwargs) as response:
        raw = await response.read()
        if not raw:
            return response.status, None
        if response.content_type != "application/json":
            return response.status, raw.decode("utf-8")
        return response.status, json.loads(raw)


def raw_session(emu: SigmaEmulator, root: str) -> aiohttp.ClientSession:
    """A plain aiohttp session of the default app; paths are relative to ``root``."""
    return aiohttp.ClientSession(base_url=root.rstrip("/") + "/", headers=emu.credentials.headers())


async def create_channel(http: aiohttp.ClientSession, **fields: Any) -> dict[str, Any]:
    body = {"name": "Channel_02", **fields}
    channel: dict[str, Any]
    status, channel = await call(http, "POST", "channels", json=body)
    assert status == 201, channel
    return channel


async def started_channel(http: aiohttp.ClientSession, **fields: Any) -> dict[str, Any]:
    channel = await create_channel(http, **fields)
    status, _ = await call(http, "PATCH", f"channels/{channel['id']}/start")
    assert status == 200
    return channel


async def live_channel(
    emu: SigmaEmulator, http: aiohttp.ClientSession, **fields: Any
) -> tuple[dict[str, Any], str]:
    """A started channel with a live session; returns the channel and the session id."""
    channel = await started_channel(http, **fields)
    return channel, emu.publish(channel["id"], live=True)


async def list_all(
    http: aiohttp.ClientSession, resource: str, q: dict[str, Any] | None = None, **params: Any
) -> dict[str, Any]:
    query = {key: str(value) for key, value in params.items()}
    if q is not None:
        query["q"] = json.dumps(q)
    page: dict[str, Any]
    status, page = await call(http, "GET", resource, params=query)
    assert status == 200, page
    return page


def is_nest_error(body: Any, status: int) -> bool:
    return (
        isinstance(body, dict)
        and set(body) == {"statusCode", "message", "error"}
        and body["statusCode"] == status
        and isinstance(body["error"], str)
        and isinstance(body["message"], (str, list))
    )

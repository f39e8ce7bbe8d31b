"""A thousand concurrent requests from one session: all answered, nothing lost or doubled."""

from __future__ import annotations

import asyncio

import aiohttp

from sigma_async.testing import SigmaEmulator

CONCURRENCY = 1000


async def test_a_thousand_concurrent_requests(emu: SigmaEmulator) -> None:
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(
        base_url=emu.api_url + "/", headers=emu.credentials.headers(), connector=connector
    ) as http:

        async def create(index: int) -> int:
            async with http.post("channels", json={"name": f"load-{index:04d}"}) as response:
                await response.read()
                return response.status

        async def read() -> int:
            async with http.get("channels", params={"perPage": "5"}) as response:
                await response.read()
                return response.status

        jobs = [create(i) if i % 2 == 0 else read() for i in range(CONCURRENCY)]
        statuses = await asyncio.gather(*jobs)

    assert statuses.count(201) == CONCURRENCY // 2
    assert statuses.count(200) == CONCURRENCY // 2
    assert emu.stats.received["createChannel"] == CONCURRENCY // 2
    assert emu.stats.applied["createChannel"] == CONCURRENCY // 2
    expected = {f"load-{i:04d}" for i in range(0, CONCURRENCY, 2)}
    assert set(emu.stats.created_names) == expected
    assert emu.stats.duplicates() == {}
    assert len(emu.channels()) == CONCURRENCY // 2

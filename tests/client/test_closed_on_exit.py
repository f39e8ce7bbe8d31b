"""Leaving ``async with`` closes the client and the emulator, even when the block raised."""

from __future__ import annotations

import aiohttp
import pytest

from sigma_async import ClientClosedError, SigmaClient
from sigma_async.testing import SigmaEmulator


async def _fail_inside(left: list[SigmaClient | str]) -> None:
    async with SigmaEmulator() as emulator, emulator.client() as client:
        left += [client, emulator.api_url + "/channels"]
        raise LookupError("the block failed")


async def test_an_error_in_the_block_still_closes_both() -> None:
    left: list[SigmaClient | str] = []
    with pytest.raises(LookupError):
        await _fail_inside(left)
    client, url = left
    assert isinstance(client, SigmaClient)
    assert isinstance(url, str)
    with pytest.raises(ClientClosedError):
        await client.__aenter__()
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectionError):
            await session.get(url)  # the emulator no longer listens

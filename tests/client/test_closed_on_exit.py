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


class _RecordingClient(SigmaClient):
    """A subclass that releases something of its own when closed (under either name)."""

    released: list[str]

    async def aclose(self) -> None:
        self.released.append("aclose")
        await super().aclose()


@pytest.mark.parametrize("leave", ["async with", "close", "aclose"])
async def test_every_way_out_runs_a_subclass_aclose(leave: str) -> None:
    async with SigmaEmulator() as emulator:
        creds = emulator.credentials
        client = _RecordingClient(
            username=creds.username,
            secret_key=creds.secret_key,
            app_id=creds.app_id,
            base_url=emulator.base_url,
        )
        client.released = []
        async with client:
            assert await client.channels.list().to_list() == []  # a real request first
            if leave != "async with":
                await getattr(client, leave)()
        assert client.released[0] == "aclose"
        with pytest.raises(ClientClosedError):
            await client.__aenter__()

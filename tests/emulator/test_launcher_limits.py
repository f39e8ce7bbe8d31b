"""The launcher's rate limit and live-channel quota: options, checks, banner, real 429s."""

from __future__ import annotations

import asyncio
import io
import re

import aiohttp
import pytest

from sigma_async._http.sansio import default_headers
from sigma_async.operations import API_PREFIX
from sigma_async.testing import Credentials, ServeOptions, launch
from sigma_async.testing._launcher import _parser

CHOSEN = Credentials("me", "chosen-secret-0123456789", "my-app")


async def _serving(options: ServeOptions, out: io.StringIO) -> asyncio.Future[int]:
    task = asyncio.ensure_future(launch(options, out=out, err=io.StringIO()))
    for _ in range(1000):
        if "Ctrl-C" in out.getvalue() or task.done():
            break
        await asyncio.sleep(0.01)
    return task


async def _stop(task: asyncio.Future[int]) -> None:
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


@pytest.mark.parametrize("retry_after", [True, False])
async def test_a_launched_emulator_limits_each_apps_requests(retry_after: bool) -> None:
    options = ServeOptions(
        port=0,
        credentials=CHOSEN,
        rate_limit=0.5,
        burst=2,
        retry_after=retry_after,
        max_live_channels=3,
    )
    out = io.StringIO()
    task = await _serving(options, out)
    try:
        banner = out.getvalue()
        assert "rate limit: 0.5 requests/s per app (burst 2)" in banner
        assert "live quota: 3 channels per app" in banner
        found = re.search(r"listening on (http://\S+)", banner)
        assert found is not None
        url = found.group(1) + API_PREFIX + "/channels"
        headers = default_headers(CHOSEN.username, CHOSEN.secret_key, CHOSEN.app_id)
        async with aiohttp.ClientSession(headers=headers) as session:
            statuses = []
            for _ in range(3):
                async with session.get(url) as response:
                    statuses.append(response.status)
                    last = response.headers
        assert statuses == [200, 200, 429]
        assert ("Retry-After" in last) is retry_after
    finally:
        await _stop(task)


def test_the_command_line_flags_reach_the_options() -> None:
    args = _parser("x").parse_args(
        ["--rate-limit", "200", "--burst", "20", "--no-retry-after", "--max-live-channels", "5"]
    )
    assert (args.rate_limit, args.burst, args.retry_after, args.max_live_channels) == (
        200.0,
        20,
        False,
        5,
    )
    defaults = _parser("x").parse_args([])
    assert (defaults.rate_limit, defaults.burst, defaults.retry_after) == (None, None, True)
    assert defaults.max_live_channels is None

"""``sigma-async emulator serve`` with the emulator's rate limit and live-channel quota."""

from __future__ import annotations

import json

import aiohttp

from sigma_async._http.sansio import default_headers
from sigma_async.operations import API_PREFIX

from .conftest import serving


async def test_serve_with_a_rate_limit_answers_429_past_it() -> None:
    argv = ["emulator", "serve", "--port", "0", "--json", "--rate-limit", "0.5", "--burst", "1"]
    async with serving(argv, ready="\n") as out:
        served = json.loads(out.getvalue().splitlines()[0])
        headers = default_headers(served["username"], served["secretKey"], served["appId"])
        async with aiohttp.ClientSession(headers=headers) as session:
            statuses = []
            for _ in range(2):
                async with session.get(served["apiUrl"] + "/channels") as response:
                    statuses.append(response.status)
                    retry_after = response.headers.get("Retry-After")
        assert served["apiUrl"].endswith(API_PREFIX)
        assert statuses == [200, 429]
        assert retry_after is not None

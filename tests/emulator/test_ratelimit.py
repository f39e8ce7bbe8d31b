"""The emulator's optional rate limit (NestJS throttler answers) and its live-channel quota."""

from __future__ import annotations

import json
from collections.abc import Callable

import aiohttp
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigma_async.contract import API_DOCS_PATH
from sigma_async.testing import LiveQuotaError, SigmaEmulator
from sigma_async.testing._ratelimit import THROTTLED_MESSAGE, TokenBucket

from .helpers import call, started_channel

HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")


def _session(emu: SigmaEmulator) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(base_url=emu.api_url + "/", headers=emu.credentials.headers())


async def test_a_burst_is_admitted_then_refused_as_the_throttler_does(
    make_emulator: Callable[..., SigmaEmulator],
) -> None:
    # One token a minute: nothing refills while the test runs.
    async with make_emulator(rate_limit=1 / 60, burst=3) as emu, _session(emu) as http:
        remaining = []
        for _ in range(3):
            async with http.get("channels") as response:
                assert response.status == 200
                assert response.headers["X-RateLimit-Limit"] == "3"
                remaining.append(int(response.headers["X-RateLimit-Remaining"]))
                reset = response.headers["X-RateLimit-Reset"]
                assert reset.isdigit()
                assert int(reset) >= 1
        assert remaining == [2, 1, 0]
        for _ in range(2):
            async with http.get("channels") as response:
                assert response.status == 429
                assert json.loads(await response.read()) == {
                    "statusCode": 429,
                    "message": THROTTLED_MESSAGE,
                }
                retry_after = response.headers["Retry-After"]
                assert retry_after.isdigit()
                assert 1 <= int(retry_after) <= 60
                assert not any(name in response.headers for name in HEADERS)
        assert emu.stats.rate_admitted["listChannels"] == 3
        assert emu.stats.rate_refused["listChannels"] == 2
        status, report = await call(http, "GET", emu.base_url + "/_emulator/ratelimit")
        assert status == 200
        assert report["admitted"] == 3
        assert report["refused"] == 2
        assert report["refusedByOperation"] == {"listChannels": 2}
        assert report["burst"] == 3


async def test_retry_after_can_be_left_out(make_emulator: Callable[..., SigmaEmulator]) -> None:
    async with (
        make_emulator(rate_limit=1 / 60, burst=1, retry_after=False) as emu,
        _session(emu) as http,
    ):
        assert (await call(http, "GET", "channels"))[0] == 200
        async with http.get("channels") as response:
            assert response.status == 429
            assert "Retry-After" not in response.headers


async def test_a_refused_request_has_no_side_effect(
    make_emulator: Callable[..., SigmaEmulator],
) -> None:
    async with make_emulator(rate_limit=1 / 60, burst=1) as emu, _session(emu) as http:
        assert emu.rate_limiter is not None  # the emulator was made with a rate limit
        emu.rate_limiter.enabled = False  # set the scene unlimited
        channel_id = (await started_channel(http))["id"]
        await call(http, "DELETE", f"channels/{channel_id}/stop")
        emu.rate_limiter.enabled = True
        assert (await call(http, "GET", f"channels/{channel_id}"))[0] == 200  # the one token
        status, _ = await call(http, "PATCH", f"channels/{channel_id}/start")
        assert status == 429
        assert emu.channel(channel_id)["status"] == "stop"
        assert emu.stats.applied["startChannel"] == 1  # the scene's start only


async def test_errors_carry_the_headers_and_each_app_has_its_own_budget(
    make_emulator: Callable[..., SigmaEmulator],
) -> None:
    async with make_emulator(rate_limit=1 / 60, burst=2) as emu:
        other = emu.add_app()
        async with _session(emu) as http:
            async with http.get("channels/no-such-channel") as response:
                assert response.status == 404  # the throttler counts it; its headers are there
                assert response.headers["X-RateLimit-Remaining"] == "1"
            assert (await call(http, "GET", "channels"))[0] == 200
            assert (await call(http, "GET", "channels"))[0] == 429
        async with aiohttp.ClientSession(
            base_url=emu.api_url + "/", headers=other.headers()
        ) as http:
            assert (await call(http, "GET", "channels"))[0] == 200


async def test_the_control_api_and_unauthenticated_requests_are_not_counted(
    make_emulator: Callable[..., SigmaEmulator],
) -> None:
    async with make_emulator(rate_limit=1 / 60, burst=1) as emu, _session(emu) as http:
        for _ in range(3):
            assert (await call(http, "GET", emu.base_url + "/_emulator/ratelimit"))[0] == 200
        async with aiohttp.ClientSession(base_url=emu.api_url + "/") as anonymous:
            assert (await call(anonymous, "GET", "channels"))[0] == 401
        assert (await call(http, "GET", "channels"))[0] == 200
        assert sum(emu.stats.rate_admitted.values()) == 1
        assert sum(emu.stats.rate_refused.values()) == 0


async def test_no_limit_by_default(make_emulator: Callable[..., SigmaEmulator]) -> None:
    async with make_emulator() as emu, _session(emu) as http:
        for _ in range(50):
            async with http.get("channels") as response:
                assert response.status == 200
                assert not any(name in response.headers for name in HEADERS)
        assert emu.rate_limiter is None
        assert not emu.stats.rate_admitted


@pytest.mark.parametrize(
    "options",
    [
        {"rate_limit": 0},
        {"rate_limit": -1},
        {"rate_limit": float("inf")},
        {"rate_limit": True},
        {"rate_limit": 10, "burst": 0},
        {"rate_limit": 10, "burst": 1.5},
        {"burst": 5},
    ],
)
def test_bad_rate_limits_are_refused(options: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"rate_limit|burst"):
        SigmaEmulator(**options)  # type: ignore[arg-type]


@given(
    rate=st.floats(min_value=0.5, max_value=5_000),
    burst=st.integers(min_value=1, max_value=100),
    gaps=st.lists(st.floats(min_value=0, max_value=0.05), min_size=1, max_size=300),
)
def test_the_bucket_never_admits_more_than_burst_plus_refill(
    rate: float, burst: int, gaps: list[float]
) -> None:
    bucket = TokenBucket(rate, burst)
    now = 0.0
    admitted = 0
    for gap in gaps:
        now += gap
        if bucket.take(now):
            admitted += 1
            remaining = int(bucket.admitted_headers()["X-RateLimit-Remaining"])
            assert 0 <= remaining < burst
        else:
            assert bucket.retry_after() >= 1
        assert 0 <= bucket.tokens <= burst
    # Over any run: the initial burst plus what refilled, never more.
    assert admitted <= burst + rate * now + 1e-6


async def test_the_live_channel_quota_refuses_the_push(
    make_emulator: Callable[..., SigmaEmulator],
) -> None:
    async with make_emulator(max_live_channels=2) as emu, _session(emu) as http:
        channels = [await started_channel(http, name=f"c{n}") for n in range(3)]
        for channel in channels[:2]:
            emu.publish(channel["id"], live=True)
        # Starting a channel is an API call: the quota does not refuse it. Pushing is refused.
        with pytest.raises(LiveQuotaError, match="quota"):
            emu.publish(channels[2]["id"])
        assert emu.sessions(channel_id=channels[2]["id"]) == []
        assert emu.channel(channels[2]["id"])["currentSessionId"] is None
        assert emu.stats.publish_refused == 1
        # The encoder's side over the control API: refused with 409, counted too.
        status, body = await call(
            http, "POST", emu.base_url + f"/_emulator/channels/{channels[2]['id']}/publish"
        )
        assert status == 409
        assert "quota" in body["message"]
        assert emu.stats.publish_refused == 2
        # A slot frees when a live channel stops: then the push succeeds.
        await call(http, "DELETE", f"channels/{channels[0]['id']}/stop")
        assert emu.publish(channels[2]["id"])
        # Other apps get the emulator's quota unless they say otherwise.
        assert emu._app(emu.add_app().app_id).live_limit == 2
        assert emu._app(emu.add_app(live_limit=5).app_id).live_limit == 5


async def test_the_api_document_is_never_limited(
    make_emulator: Callable[..., SigmaEmulator],
) -> None:
    # NestJS's throttler guard is bound to the controllers; Swagger's document is none of them.
    async with make_emulator(rate_limit=1 / 60, burst=1) as emu, _session(emu) as http:
        for _ in range(3):
            async with http.get(API_DOCS_PATH.lstrip("/")) as response:
                assert response.status == 200
                assert not any(name in response.headers for name in HEADERS)
        async with http.get("channels") as response:
            assert response.status == 200  # the one token is still there
        assert sum(emu.stats.rate_admitted.values()) == 1
        assert not emu.stats.rate_refused

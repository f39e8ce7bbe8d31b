"""wait_for_status, events.watch and catchup_playlist_url."""

from __future__ import annotations

import pytest
from aiohttp import web

from sigma_async import (
    Channel,
    EventAction,
    SessionStatus,
    SigmaClient,
    SigmaError,
    SigmaValidationError,
    WaitTimeoutError,
    catchup_playlist_url,
)
from sigma_async._convert import structure

from .conftest import CHANNEL_JSON, SESSION_ID, FakeSigma, Reply, event_json


async def test_wait_for_status_polls_until_reached(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(*(Reply(json={"status": s}) for s in ("init", "processing", "preparing", "live")))
    status = await client.sessions.wait_for_status(
        SESSION_ID, {"live", SessionStatus.ERROR}, timeout=5, poll_interval=0.001
    )
    assert status is SessionStatus.LIVE
    assert len(fake.requests) == 4
    assert {r.raw_path for r in fake.requests} == {f"/api/livestream/sessions/{SESSION_ID}/status"}


async def test_wait_for_status_times_out(fake: FakeSigma, client: SigmaClient) -> None:
    async def processing(request: web.BaseRequest) -> web.StreamResponse:
        return Reply(json={"status": "processing"}).build()

    fake.handler = processing
    with pytest.raises(WaitTimeoutError) as caught:
        await client.sessions.wait_for_status(SESSION_ID, {"live"}, timeout=0.5, poll_interval=0.01)
    assert caught.value.last_status == "processing"
    assert isinstance(caught.value, TimeoutError)
    assert "did not reach live within 0.5 s (last status: processing)" in str(caught.value)


async def test_wait_for_status_stops_at_ended(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(Reply(json={"status": "ended"}))
    with pytest.raises(SigmaError, match="ended before reaching live"):
        await client.sessions.wait_for_status(SESSION_ID, ["live"], timeout=5, poll_interval=0.001)
    assert len(fake.requests) == 1


async def test_wait_for_status_arguments(client: SigmaClient) -> None:
    with pytest.raises(SigmaValidationError):
        await client.sessions.wait_for_status(SESSION_ID, "live", timeout=1)
    with pytest.raises(SigmaValidationError):
        await client.sessions.wait_for_status(SESSION_ID, set(), timeout=1)
    with pytest.raises(SigmaValidationError, match="timeout"):
        await client.sessions.wait_for_status(SESSION_ID, {"live"}, timeout=0)


async def test_watch_yields_new_events_oldest_first_until_ended(
    fake: FakeSigma, client: SigmaClient
) -> None:
    init = event_json("e1", "init", "2024-07-22T11:33:50.903Z")
    published = event_json("e2", "published", "2024-07-22T11:33:51.000Z")
    stable = event_json("e3", "stable", "2024-07-22T11:34:20.063Z")
    ended = event_json(
        "e4", "ended", "2024-07-22T11:35:02.901Z", actor="user", message="Kênh đã kết thúc"
    )
    # Each poll sees the list newest first, as the service sorts it.
    fake.reply(
        Reply(json={"data": [published, init], "total": 2}),
        Reply(json={"data": [published, init], "total": 2}),
        Reply(json={"data": [ended, stable, published, init], "total": 4}),
    )
    seen = [e async for e in client.events.watch(SESSION_ID, poll_interval=0.001)]
    assert [e.id for e in seen] == ["e1", "e2", "e3", "e4"]
    assert seen[-1].action is EventAction.ENDED
    assert seen[-1].message == "Kênh đã kết thúc"
    assert len(fake.requests) == 3  # no poll after the ended event


async def test_watch_on_an_ended_session_returns_history(
    fake: FakeSigma, client: SigmaClient
) -> None:
    fake.reply(
        Reply(
            json={
                "data": [
                    event_json("b", "ended", "2024-07-22T11:35:00.000Z"),
                    event_json("a", "init", "2024-07-22T11:30:00.000Z"),
                ]
            }
        )
    )
    assert [e.id async for e in client.events.watch(SESSION_ID, poll_interval=0.001)] == ["a", "b"]


def channel_with(**s3: object) -> Channel:
    data = {**CHANNEL_JSON, "destinationCatchup": {"type": "s3", "s3": s3}}
    return structure(data, Channel)


def test_catchup_playlist_url_path_style() -> None:
    channel = channel_with(endpoint="https://s3.example.com/", bucket="media")
    assert catchup_playlist_url(channel, SESSION_ID) == (
        f"https://s3.example.com/media/sigma-livestream/{SESSION_ID}/catchup/master-catchup.m3u8"
    )


def test_catchup_playlist_url_endpoint_without_scheme() -> None:
    channel = channel_with(endpoint="s3.hn.example.vn", bucket="b")
    assert catchup_playlist_url(channel, "s1") == (
        "https://s3.hn.example.vn/b/sigma-livestream/s1/catchup/master-catchup.m3u8"
    )


def test_catchup_playlist_url_override_and_encoding() -> None:
    channel = structure({"id": "c", "name": "n"}, Channel)
    url = catchup_playlist_url(channel, "a/../b", s3_base_url="https://cdn.example.com/vod/")
    assert (
        url == "https://cdn.example.com/vod/sigma-livestream/a%2F..%2Fb/catchup/master-catchup.m3u8"
    )


def test_catchup_playlist_url_needs_an_s3_destination() -> None:
    with pytest.raises(SigmaValidationError, match="no S3 catch-up destination"):
        catchup_playlist_url(structure({"id": "c", "name": "n"}, Channel), "s1")
    with pytest.raises(SigmaValidationError, match="no S3 catch-up destination"):
        catchup_playlist_url(channel_with(endpoint="https://s3"), "s1")
    with pytest.raises(SigmaValidationError, match="session_id"):
        catchup_playlist_url(channel_with(endpoint="https://s3", bucket="b"), "")


async def test_watch_reads_only_pages_with_news(fake: FakeSigma, client: SigmaClient) -> None:
    history = [
        event_json(f"e{i:03d}", "stable", f"2024-07-22T11:{i // 60:02d}:{i % 60:02d}.000Z")
        for i in range(150)
    ]
    asked: list[int] = []

    async def newest_first(request: web.BaseRequest) -> web.StreamResponse:
        page, per_page = int(request.query["page"]), int(request.query["perPage"])
        asked.append(page)
        ordered = history[::-1]
        data = ordered[(page - 1) * per_page : page * per_page]
        return Reply(json={"data": data, "total": len(history), "perPage": per_page}).build()

    fake.handler = newest_first
    seen: list[str] = []
    async for event in client.events.watch(SESSION_ID, poll_interval=0.001):
        seen.append(event.id)
        if len(seen) == 150:  # first poll done: two pages were read
            assert asked == [1, 2]
            history.append(event_json("e150", "unstable", "2024-07-22T12:00:00.000Z"))
        elif len(seen) == 151:  # second poll: page 1 had the news, page 2 was all known
            assert asked == [1, 2, 1, 2]
            history.append(event_json("e151", "ended", "2024-07-22T12:00:01.000Z"))
    assert seen == [f"e{i:03d}" for i in range(152)]

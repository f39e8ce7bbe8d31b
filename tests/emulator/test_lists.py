"""Lists: the q filter, sort, page/perPage and the page envelope, on all three resources."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
import pytest

from sigma_async.testing import MAX_PER_PAGE, SigmaEmulator

from .helpers import call, create_channel, is_nest_error, list_all, live_channel


@pytest.fixture
async def catalogue(emu: SigmaEmulator, http: aiohttp.ClientSession) -> list[dict[str, Any]]:
    """Five channels created one second apart, with varied fields."""
    specs: list[dict[str, Any]] = [
        {"name": "alpha", "tags": ["news", "vn"], "mode": "normal"},
        {"name": "bravo", "tags": ["sport"], "mode": "low-latency", "outputFormat": "dash"},
        {"name": "charlie", "tags": [], "mode": "ultra-low-latency", "stopTimeout": 10},
        {"name": "delta", "tags": ["news"], "mode": "normal", "type": "forward"},
        {"name": "echo", "tags": ["vn"], "mode": "low-latency", "record": True},
    ]
    created: list[dict[str, Any]] = []
    for spec in specs:
        created.append(await create_channel(http, **spec))
        emu.advance(1)
    return created


def names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["data"]]


async def test_default_order_is_updated_at_desc(
    catalogue: list[dict[str, Any]], http: aiohttp.ClientSession
) -> None:
    page = await list_all(http, "channels")
    assert names(page) == ["echo", "delta", "charlie", "bravo", "alpha"]
    assert page == {
        "data": page["data"],
        "total": 5,
        "count": 5,
        "page": 1,
        "perPage": MAX_PER_PAGE,
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ({"name": "charlie"}, ["charlie"]),
        ({"mode": "normal"}, ["alpha", "delta"]),
        ({"tags": "news"}, ["alpha", "delta"]),  # a scalar matches inside an array
        ({"tags": []}, ["charlie"]),
        (
            {"input.rtmpServer": "rtmp://127.0.0.1:1935/livestream"},
            ["alpha", "bravo", "charlie", "delta", "echo"],
        ),
        ({"$and": [{"mode": "normal"}, {"type": "forward"}]}, ["delta"]),
        ({"$or": [{"name": "alpha"}, {"outputFormat": "dash"}]}, ["alpha", "bravo"]),
        ({"$nor": [{"mode": "normal"}, {"mode": "low-latency"}]}, ["charlie"]),
        ({"name": {"$in": ["echo", "bravo", "zulu"]}}, ["bravo", "echo"]),
        ({"name": {"$nin": ["echo", "bravo"]}}, ["alpha", "charlie", "delta"]),
        ({"mode": {"$ne": "normal"}}, ["bravo", "charlie", "echo"]),
        ({"stopTimeout": {"$lt": 30}}, ["charlie"]),
        ({"stopTimeout": {"$gte": 30}, "record": True}, ["echo"]),
        ({"record": 1}, []),  # JSON true is not 1
        ({"machine": {"$exists": True}}, []),
        ({"machine.machineType": None}, ["alpha", "bravo", "charlie", "delta", "echo"]),
        ({"nosuchfield": "x"}, []),
        ({}, ["alpha", "bravo", "charlie", "delta", "echo"]),
    ],
)
async def test_q_filters(
    catalogue: list[dict[str, Any]],
    http: aiohttp.ClientSession,
    q: dict[str, Any],
    expected: list[str],
) -> None:
    page = await list_all(http, "channels", q, sort="name|asc")
    assert names(page) == expected
    assert page["total"] == page["count"] == len(expected)


@pytest.mark.parametrize(
    "q",
    [
        "not json",
        "[]",
        '"name"',
        "42",
        "null",
        '{"$and": {}}',
        '{"$and": []}',
        '{"$or": [1]}',
        '{"$where": "1"}',
        '{"name": {"$regex": "a"}}',
        '{"name": {"$in": "a"}}',
        '{"name": {"$exists": 1}}',
        '{"name": NaN}',
        '{"$and":[' * 150 + '{"a":1}' + "]}" * 150,
    ],
)
async def test_bad_q_is_400(http: aiohttp.ClientSession, q: str) -> None:
    status, error = await call(http, "GET", "channels", params={"q": q})
    assert status == 400
    assert is_nest_error(error, 400)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name|asc", ["alpha", "bravo", "charlie", "delta", "echo"]),
        ("name|desc", ["echo", "delta", "charlie", "bravo", "alpha"]),
        ("createdAt|asc", ["alpha", "bravo", "charlie", "delta", "echo"]),
        ("stopTimeout|asc", ["charlie"]),  # first of the page only: ties follow
        ("input.streamToken|asc", None),
    ],
)
async def test_sort(
    catalogue: list[dict[str, Any]], http: aiohttp.ClientSession, sort: str, expected: Any
) -> None:
    page = await list_all(http, "channels", sort=sort)
    if sort == "stopTimeout|asc":
        assert names(page)[0] == "charlie"
    elif expected is None:
        tokens = [c["input"]["streamToken"] for c in page["data"]]
        assert tokens == sorted(tokens)
    else:
        assert names(page) == expected


async def test_ties_are_broken_by_id(emu: SigmaEmulator, http: aiohttp.ClientSession) -> None:
    # Created at the same virtual instant: updatedAt ties everywhere.
    for index in range(7):
        await create_channel(http, name=f"same-{index}")
    for sort in ("updatedAt|desc", "updatedAt|asc", "mode|asc"):
        page = await list_all(http, "channels", sort=sort)
        ids = [c["id"] for c in page["data"]]
        assert ids == sorted(ids)


@pytest.mark.parametrize(
    "sort", ["name", "name|up", "|asc", "name|ASC", "nosuch|asc", "tags|asc", "1name|asc"]
)
async def test_bad_sort_is_400(http: aiohttp.ClientSession, sort: str) -> None:
    status, error = await call(http, "GET", "channels", params={"sort": sort})
    assert status == 400
    assert is_nest_error(error, 400)


async def test_pages_cover_everything_once(emu: SigmaEmulator, http: aiohttp.ClientSession) -> None:
    for index in range(23):
        await create_channel(http, name=f"c{index:02d}")
        emu.advance(0.01)
    seen: list[str] = []
    for page_number in range(1, 6):
        page = await list_all(http, "channels", sort="name|asc", page=page_number, perPage=5)
        assert page["page"] == page_number
        assert page["perPage"] == 5
        assert page["total"] == 23
        assert page["count"] == len(page["data"]) == (3 if page_number == 5 else 5)
        seen.extend(names(page))
    assert seen == [f"c{index:02d}" for index in range(23)]
    beyond = await list_all(http, "channels", page=9, perPage=5)
    assert beyond["data"] == []
    assert beyond["count"] == 0
    assert beyond["total"] == 23


async def test_per_page_is_capped(emu: SigmaEmulator, http: aiohttp.ClientSession) -> None:
    for index in range(MAX_PER_PAGE + 3):
        await create_channel(http, name=f"c{index}")
    page = await list_all(http, "channels", perPage=1000)
    assert page["perPage"] == MAX_PER_PAGE
    assert page["count"] == MAX_PER_PAGE
    assert page["total"] == MAX_PER_PAGE + 3


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "-1"},
        {"page": "1.5"},
        {"page": "one"},
        {"page": ""},
        {"perPage": "0"},
        {"perPage": "+5"},
        {"perPage": "1e2"},
        [("page", "1"), ("page", "2")],
        [("q", "{}"), ("q", "{}")],
    ],
)
async def test_bad_paging_is_400(http: aiohttp.ClientSession, params: Any) -> None:
    status, error = await call(http, "GET", "channels", params=params)
    assert status == 400
    assert is_nest_error(error, 400)


async def test_sessions_and_events_follow_the_guide_queries(
    emu: SigmaEmulator, http: aiohttp.ClientSession
) -> None:
    first, first_session = await live_channel(emu, http, name="first")
    second, second_session = await live_channel(emu, http, name="second")

    guide_sessions = {
        "q": json.dumps({"channelId": first["id"]}),
        "sort": "updatedAt|desc",
        "page": "1",
        "perPage": "100",
    }
    status, page = await call(http, "GET", "sessions", params=guide_sessions)
    assert status == 200
    assert [s["id"] for s in page["data"]] == [first_session]
    assert page["total"] == 1
    assert page["perPage"] == 100

    guide_events = {
        "q": json.dumps({"$and": [{"sessionId": second_session}]}),
        "sort": "updatedAt|desc",
        "page": "1",
        "perPage": "100",
    }
    status, page = await call(http, "GET", "events", params=guide_events)
    assert status == 200
    assert {e["sessionId"] for e in page["data"]} == {second_session}
    assert [e["action"] for e in page["data"]] == ["stable", "process", "published", "init"]

    by_nested = await list_all(http, "sessions", {"channel.name": "second"})
    assert [s["id"] for s in by_nested["data"]] == [second_session]
    by_client = await list_all(
        http, "sessions", {"clientInfo.app": "livestream"}, sort="channel.name|asc"
    )
    assert [s["channelId"] for s in by_client["data"]] == [first["id"], second["id"]]


@pytest.mark.parametrize(
    ("resource", "field"),
    [
        ("sessions", "duration"),
        ("sessions", "clientInfo.stream_id"),
        ("sessions", "startedAt"),
        ("events", "action"),
        ("events", "actor"),
    ],
)
async def test_sessions_and_events_sort_on_their_fields(
    emu: SigmaEmulator, http: aiohttp.ClientSession, resource: str, field: str
) -> None:
    await live_channel(emu, http)
    for direction in ("asc", "desc"):
        await list_all(http, resource, sort=f"{field}|{direction}")
    status, _ = await call(http, "GET", resource, params={"sort": "stopTimeout|asc"})
    assert status == 400  # a channel field, not one of theirs

"""AsyncPaginator through real HTTP: page walking, totals, duplicates, prefetch, early exit."""

from __future__ import annotations

import asyncio
import gc
import json
from typing import Any

import pytest
from aiohttp import web

from sigma_async import AsyncPaginator, Page, ResponseDecodeError, Session, SigmaClient

from .conftest import CHANNEL_ID, FakeSigma, Reply, session_json


class Pages:
    """Serves ``/sessions`` pages out of a list, the way the service slices them."""

    def __init__(self, count: int, *, with_total: bool = True, delay: float = 0.0) -> None:
        self.items = [session_json(f"s{i:04d}") for i in range(count)]
        self.with_total = with_total
        self.delay = delay
        self.asked: list[int] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.gate: asyncio.Event | None = None
        self.arrived = asyncio.Event()  # set at each request

    async def __call__(self, request: web.BaseRequest) -> web.StreamResponse:
        page, per_page = int(request.query["page"]), int(request.query["perPage"])
        self.asked.append(page)
        self.arrived.set()
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if self.gate is not None and page > 1:
                await self.gate.wait()
            if self.delay:
                await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        data = self.items[(page - 1) * per_page : page * per_page]
        envelope: dict[str, Any] = {"data": data, "count": len(data), "page": page}
        if self.with_total:
            envelope |= {"total": len(self.items), "perPage": per_page}
        return Reply(json=envelope).build()


def ids(items: list[Session]) -> list[str]:
    return [item.id for item in items]


def page_tasks() -> list[asyncio.Task[Any]]:
    """The client's page fetches still alive (the server's own tasks are not counted)."""
    names = ((t, getattr(t.get_coro(), "__qualname__", "")) for t in asyncio.all_tasks())
    return [task for task, name in names if name.endswith("fetch_page")]


async def test_total_zero_asks_one_page(fake: FakeSigma, client: SigmaClient) -> None:
    fake.handler = pages = Pages(0)
    assert await client.sessions.list(CHANNEL_ID).to_list() == []
    assert pages.asked == [1]


@pytest.mark.parametrize("with_total", [True, False])
async def test_exact_multiple_of_per_page(
    fake: FakeSigma, client: SigmaClient, with_total: bool
) -> None:
    fake.handler = pages = Pages(30, with_total=with_total)
    items = await client.sessions.list(CHANNEL_ID, per_page=10).to_list()
    assert ids(items) == [f"s{i:04d}" for i in range(30)]
    # With a total the walk stops at page 3; without, page 4 comes back empty and ends it.
    assert pages.asked == ([1, 2, 3] if with_total else [1, 2, 3, 4])


@pytest.mark.parametrize("with_total", [True, False])
async def test_short_last_page(fake: FakeSigma, client: SigmaClient, with_total: bool) -> None:
    fake.handler = pages = Pages(25, with_total=with_total)
    items = [s async for s in client.sessions.list(CHANNEL_ID, per_page=10)]
    assert len(items) == 25
    assert pages.asked == [1, 2, 3]


async def test_pages_yields_envelopes(fake: FakeSigma, client: SigmaClient) -> None:
    fake.handler = Pages(25)
    seen = [page async for page in client.sessions.list(CHANNEL_ID, per_page=10).pages()]
    assert [(p.page, p.count, p.total, p.per_page, len(p.data)) for p in seen] == [
        (1, 10, 25, 10, 10),
        (2, 10, 25, 10, 10),
        (3, 5, 25, 10, 5),
    ]
    assert all(isinstance(p, Page) for p in seen)


async def test_service_page_size_wins(fake: FakeSigma, client: SigmaClient) -> None:
    """If the service applies a smaller page than asked, the page count follows its perPage."""

    async def capped(request: web.BaseRequest) -> web.StreamResponse:
        page = int(request.query["page"])
        data = [session_json(f"s{i}") for i in range(12)][(page - 1) * 5 : page * 5]
        return Reply(json={"data": data, "total": 12, "perPage": 5, "page": page}).build()

    fake.handler = capped
    items = await client.sessions.list(CHANNEL_ID, per_page=100).to_list()
    assert len(items) == 12
    assert [r.query["page"] for r in fake.requests] == ["1", "2", "3"]


async def test_duplicates_across_pages_are_yielded_once(
    fake: FakeSigma, client: SigmaClient
) -> None:
    # Between two requests s2 was updated and moved: page 2 repeats it.
    fake.reply(
        Reply(json={"data": [session_json("s1"), session_json("s2")], "total": 4, "perPage": 2}),
        Reply(json={"data": [session_json("s2"), session_json("s3")], "total": 4, "perPage": 2}),
    )
    items = await client.sessions.list(CHANNEL_ID, per_page=2).to_list()
    assert ids(items) == ["s1", "s2", "s3"]
    assert len(fake.requests) == 2


def one_per_page(*session_ids: str) -> list[Reply]:
    total = len(session_ids)
    return [
        Reply(json={"data": [session_json(sid)], "total": total, "perPage": 1})
        for sid in session_ids
    ]


async def test_a_record_seen_again_stays_remembered(fake: FakeSigma, client: SigmaClient) -> None:
    # s1 moves down twice; each sighting renews it, so page 4 still drops it.
    fake.reply(*one_per_page("s1", "s1", "s2", "s1"))
    items = await client.sessions.list(CHANNEL_ID, per_page=1).to_list()
    assert ids(items) == ["s1", "s2"]


async def test_duplicates_are_dropped_within_a_window_of_pages(
    fake: FakeSigma, client: SigmaClient
) -> None:
    # The paginator remembers the ids of the last prefetch + 1 pages, not of the whole list
    # (memory stays flat): a record pushed three pages down by changes comes again.
    fake.reply(*one_per_page("s1", "s2", "s1", "s3", "s4", "s1"))
    items = await client.sessions.list(CHANNEL_ID, per_page=1).to_list()
    assert ids(items) == ["s1", "s2", "s3", "s4", "s1"]


async def test_to_list_limit(fake: FakeSigma, client: SigmaClient) -> None:
    fake.handler = pages = Pages(50)
    items = await client.sessions.list(CHANNEL_ID, per_page=10).to_list(limit=15)
    assert ids(items) == [f"s{i:04d}" for i in range(15)]
    assert pages.asked == [1, 2]
    assert await client.sessions.list(CHANNEL_ID).to_list(limit=0) == []


async def test_list_sends_nothing_until_iterated(fake: FakeSigma, client: SigmaClient) -> None:
    paginator = client.sessions.list(CHANNEL_ID)
    assert isinstance(paginator, AsyncPaginator)
    await asyncio.sleep(0)
    assert fake.requests == []


async def test_prefetch_fetches_concurrently_in_order(fake: FakeSigma, client: SigmaClient) -> None:
    fake.handler = pages = Pages(95, delay=0.01)
    items = await client.sessions.list(CHANNEL_ID, per_page=10, prefetch=4).to_list()
    assert ids(items) == [f"s{i:04d}" for i in range(95)]
    assert sorted(pages.asked) == list(range(1, 11))
    assert pages.most_in_flight == 4  # never more than prefetch pages at once


async def test_prefetch_one_is_sequential(fake: FakeSigma, client: SigmaClient) -> None:
    fake.handler = pages = Pages(30, delay=0.005)
    await client.sessions.list(CHANNEL_ID, per_page=10).to_list()
    assert pages.most_in_flight == 1


async def test_early_break_cancels_pages_in_flight(fake: FakeSigma, client: SigmaClient) -> None:
    fake.handler = pages = Pages(100)
    pages.gate = asyncio.Event()  # pages after the first never answer until released
    tasks_seen: list[asyncio.Task[Any]] = []
    async for session in client.sessions.list(CHANNEL_ID, per_page=10, prefetch=3):
        assert session.id == "s0000"
        while len(pages.asked) < 3:  # wait until pages 2 and 3 are on the wire
            pages.arrived.clear()
            await pages.arrived.wait()
        tasks_seen = page_tasks()
        break
    assert len(tasks_seen) == 2
    gc.collect()
    for _ in range(50):  # the generator is closed by the loop's asyncgen finalizer
        await asyncio.sleep(0)
        if not page_tasks():
            break
    assert page_tasks() == []
    assert all(task.cancelled() for task in tasks_seen)
    assert sorted(pages.asked) == [1, 2, 3]
    pages.gate.set()


async def test_failed_page_propagates_and_cancels_the_rest(
    fake: FakeSigma, make_client: Any
) -> None:
    client = make_client(max_retries=0)
    pages = Pages(100)

    async def fail_page_two(request: web.BaseRequest) -> web.StreamResponse:
        if request.query["page"] == "2":
            return Reply(status=404, json={"message": "gone"}).build()
        return await pages(request)

    fake.handler = fail_page_two
    with pytest.raises(Exception, match="gone"):
        await client.sessions.list(CHANNEL_ID, per_page=10, prefetch=4).to_list()
    assert page_tasks() == []


async def test_total_shrinking_mid_walk_stops_early(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(
        Reply(json={"data": [session_json("a"), session_json("b")], "total": 6, "perPage": 2}),
        Reply(json={"data": [session_json("c"), session_json("d")], "total": 4, "perPage": 2}),
    )
    items = await client.sessions.list(CHANNEL_ID, per_page=2).to_list()
    assert ids(items) == ["a", "b", "c", "d"]
    assert len(fake.requests) == 2


async def test_empty_page_ends_even_with_a_larger_total(
    fake: FakeSigma, client: SigmaClient
) -> None:
    fake.reply(
        Reply(json={"data": [session_json("a")], "total": 300, "perPage": 1}),
        Reply(json={"data": [], "total": 300, "perPage": 1}),
    )
    assert ids(await client.sessions.list(CHANNEL_ID, per_page=1).to_list()) == ["a"]
    assert len(fake.requests) == 2


async def test_page_query_is_the_only_change(fake: FakeSigma, client: SigmaClient) -> None:
    fake.handler = Pages(3)
    await client.sessions.list(CHANNEL_ID, per_page=1, q={"status": "ended"}).to_list()
    queries = [r.query for r in fake.requests]
    assert [q["page"] for q in queries] == ["1", "2", "3"]
    assert {json.dumps({k: v for k, v in q.items() if k != "page"}) for q in queries} == {
        json.dumps(
            {
                "q": '{"channelId":"42efeee4-e94e-4444-b0a6-90850413519d","status":"ended"}',
                "sort": "updatedAt|desc",
                "perPage": "1",
            }
        )
    }


@pytest.mark.parametrize("total", [None, 10**12])
async def test_a_service_that_ignores_page_does_not_loop_forever(
    fake: FakeSigma, client: SigmaClient, total: int | None
) -> None:
    same = {"data": [session_json("s1"), session_json("s2")], "perPage": 2}
    if total is not None:
        same["total"] = total

    async def ignores_page(request: web.BaseRequest) -> web.StreamResponse:
        return web.json_response(same)

    fake.handler = ignores_page
    listing = client.sessions.list(CHANNEL_ID, per_page=2, prefetch=2).to_list()
    with pytest.raises(ResponseDecodeError, match="not paging"):
        await asyncio.wait_for(listing, timeout=10)  # without the guard: no end, so a failure
    assert len(fake.requests) <= 8

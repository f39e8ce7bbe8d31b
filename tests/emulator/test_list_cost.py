"""Every list costs what its page costs, and answers what a fresh filter-and-sort would.

Issue 11 item 23. Channels keep their sorted views (``_index.ChannelIndex``); sessions, whose
``duration`` moves with the clock, are filtered and sorted as lazily derived records and only
the page is rendered (``_index.session_page``); events are served as stored. The sweep
:func:`test_every_list_renders_only_its_page` runs over every list operation of the table.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import aiohttp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from multidict import MultiDict

from sigma_async.operations import LIST_CHANNELS, LIST_SESSIONS, OPERATIONS, Operation
from sigma_async.testing import SigmaEmulator, _store
from sigma_async.testing._index import session_page
from sigma_async.testing._query import ListQuery, page_of, parse_list_query

from .helpers import create_channel, list_all

CHANNELS = 40


class _Renders:
    """Counts channel views built and deep copies made (the per-channel costs of a list)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.renders = 0
        self.copies = 0
        render, deepcopy = _store.ChannelState._render, copy.deepcopy

        def counted_render(channel: _store.ChannelState) -> dict[str, Any]:
            self.renders += 1
            return render(channel)

        def counted_copy(value: Any, *args: Any) -> Any:
            self.copies += 1
            return deepcopy(value, *args)

        monkeypatch.setattr(_store.ChannelState, "_render", counted_render)
        monkeypatch.setattr(copy, "deepcopy", counted_copy)

    def reset(self) -> None:
        self.renders = self.copies = 0


async def test_a_list_builds_and_copies_nothing_per_stored_channel(
    emu: SigmaEmulator, http: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(CHANNELS):
        await create_channel(http, name=f"c{index}", description="x" * 200, tags=["a", "b"])
    counter = _Renders(monkeypatch)
    await list_all(http, "channels", perPage=1)  # the first list after a change sorts once
    assert counter.copies == 0
    counter.reset()
    for sort in (None, "name|asc", None):
        params = {"perPage": 1} if sort is None else {"perPage": 1, "sort": sort}
        page = await list_all(http, "channels", **params)
        assert page["total"] == CHANNELS
    assert (counter.renders, counter.copies) == (0, 0)
    # One change rebuilds one view, not all of them.
    target = page["data"][0]["id"]
    async with http.patch(f"channels/{target}", json={"name": "renamed"}) as response:
        assert response.status == 200
    counter.reset()
    page = await list_all(http, "channels", perPage=1)
    assert page["data"][0]["name"] == "renamed"  # the newest update comes first
    assert counter.renders == 0  # the PATCH answer already built it
    assert counter.copies == 0


FILTERS = st.sampled_from(
    [
        None,
        {"status": "idle"},
        {"tags": "even"},
        {"$or": [{"mode": "low-latency"}, {"stopTimeout": {"$gt": 40}}]},
        {"description": {"$exists": False}},
        {"name": {"$in": ["c1", "c2", "c30"]}},
    ]
)


def list_queries(
    operation: Operation, filters: st.SearchStrategy[dict[str, Any] | None]
) -> st.SearchStrategy[ListQuery]:
    """Parsed list requests of ``operation``: any sortable field either way, a filter, a page."""

    @st.composite
    def build(draw: st.DrawFn) -> ListQuery:
        field = draw(st.sampled_from(operation.sortable))
        raw = {"sort": f"{field}|{draw(st.sampled_from(['asc', 'desc']))}"}
        raw.update(page=str(draw(st.integers(1, 5))), perPage=str(draw(st.integers(1, 12))))
        q = draw(filters)
        if q is not None:
            raw["q"] = json.dumps(q)
        return parse_list_query(MultiDict(raw), operation.sortable)

    return build()


@settings(max_examples=60, deadline=None)
@given(query=list_queries(LIST_CHANNELS, FILTERS))
def test_the_index_answers_what_a_fresh_sort_answers(
    populated: SigmaEmulator, query: ListQuery
) -> None:
    app = populated._app(None)
    fresh = page_of(populated.channels(), query)
    assert populated._engine.channel_page(app, query) == fresh


@pytest.fixture(scope="module")
def populated() -> SigmaEmulator:
    """An emulator (not serving) with channels of varied settings, times and statuses."""
    emu = SigmaEmulator(seed=9)
    engine, app = emu._engine, emu._app(None)
    for index in range(30):
        fields: dict[str, Any] = {"name": f"c{index}", "tags": ["even" if index % 2 else "odd"]}
        if index % 3:
            fields["description"] = None if index % 5 else f"d{index % 4}"
        fields["mode"] = ("normal", "low-latency")[index % 2]
        fields["stopTimeout"] = 20 + index % 4 * 10
        channel = engine.create_channel(app, fields)
        if index % 4 == 0:
            engine.start_channel(app, channel.id)
        if index % 7 == 0:
            engine.update_channel(app, channel.id, {"record": True})
        emu.advance(0.0005 * (index % 3))  # some share an instant, some do not
    return emu


# The list sweep ----------------------------------------------------------------------------

LISTS = [op for op in OPERATIONS.values() if op.method == "GET" and "perPage" in op.query_params]
# How the emulator builds one whole wire record of each listed resource: what a list may do for
# the records of its page only. None: the records are stored as sent (events), nothing is built.
BUILDERS: dict[str, tuple[type, str] | None] = {
    "channels": (_store.ChannelState, "_render"),
    "sessions": (_store.SessionRecord, "to_wire"),
    "events": None,
}
RECORDS = 30


class _Builds:
    """Counts the whole wire records built (of any resource) and the deep copies made."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.built = self.copies = 0
        for builder in BUILDERS.values():
            if builder is not None:
                self._count(monkeypatch, *builder)
        deepcopy = copy.deepcopy

        def counted_copy(value: Any, *args: Any) -> Any:
            self.copies += 1
            return deepcopy(value, *args)

        monkeypatch.setattr(copy, "deepcopy", counted_copy)

    def _count(self, monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> None:
        build = getattr(owner, name)

        def counted(record: Any) -> Any:
            self.built += 1
            return build(record)

        monkeypatch.setattr(owner, name, counted)

    def reset(self) -> None:
        self.built = self.copies = 0


def test_the_sweep_knows_how_each_listed_record_is_built() -> None:
    assert {op.resource for op in LISTS} == set(BUILDERS)


def _populate(emu: SigmaEmulator) -> None:
    """RECORDS channels, each with a live session (and so its events), made without HTTP."""
    engine, app = emu._engine, emu._app(None)
    for index in range(RECORDS):
        channel = engine.create_channel(app, {"name": f"c{index}", "description": "x" * 200})
        engine.start_channel(app, channel.id)
        emu.publish(channel.id, live=True)


@pytest.mark.parametrize("operation", LISTS, ids=[op.operation_id for op in LISTS])
async def test_every_list_renders_only_its_page(
    emu: SigmaEmulator,
    http: aiohttp.ClientSession,
    monkeypatch: pytest.MonkeyPatch,
    operation: Operation,
) -> None:
    _populate(emu)
    stored = {"channels": emu.channels(), "sessions": emu.sessions(), "events": emu.events()}
    total = len(stored[operation.resource])
    assert total >= RECORDS
    counter = _Builds(monkeypatch)
    resource = operation.path.lstrip("/")
    await list_all(http, resource, perPage=1)  # a channel list builds each view once per change
    counter.reset()
    sorts = [None, *operation.sortable[:3]]
    for sort in sorts:
        params = {"perPage": 1} if sort is None else {"perPage": 1, "sort": f"{sort}|asc"}
        page = await list_all(http, resource, **params)
        assert (page["total"], page["count"]) == (total, 1)
    # At most the page's one record per list, never one per stored record; no deep copies.
    assert counter.built <= len(sorts)
    assert counter.copies == 0


SESSION_FILTERS = st.sampled_from(
    [
        None,
        {"status": "live"},
        {"duration": {"$gt": 3}},
        {"channel.name": {"$in": ["c1", "renamed", "c7"]}},
        {"clientInfo.ip": "127.0.0.1"},
        {"finishedAt": {"$exists": True}},
        {"$or": [{"status": "ended"}, {"duration": {"$lte": 1}}]},
    ]
)


@settings(max_examples=60, deadline=None)
@given(query=list_queries(LIST_SESSIONS, SESSION_FILTERS), later=st.sampled_from([0.0, 2.5, 7.0]))
def test_a_session_page_answers_what_fresh_records_answer(
    with_sessions: SigmaEmulator, query: ListQuery, later: float
) -> None:
    with_sessions.advance(later)  # live sessions' durations move between examples
    app = with_sessions._app(None)
    fresh = page_of(with_sessions.sessions(), query)
    assert session_page(app, with_sessions.now(), query) == fresh


@pytest.fixture(scope="module")
def with_sessions() -> SigmaEmulator:
    """An emulator (not serving) with sessions live, starting, interrupted and ended."""
    emu = SigmaEmulator(seed=11)
    engine, app = emu._engine, emu._app(None)
    for index in range(24):
        channel = engine.create_channel(app, {"name": f"c{index}"})
        engine.start_channel(app, channel.id)
        session_id = emu.publish(channel.id, live=index % 3 != 0)
        emu.advance(0.7 * (index % 4))
        if index % 5 == 1 and index % 3 != 0:
            emu.interrupt(session_id)
        if index % 4 == 2:
            engine.stop_channel(app, channel.id)
        if index == 7:
            engine.update_channel(app, channel.id, {"name": "renamed"})
    return emu

"""Hostile or careless arguments: a clear error before any request, or safe encoding.

Never a request to another path: an id with ``/``, ``?``, ``#``, ``..`` or ``%`` stays one
path segment of the endpoint it was meant for, checked on the raw request line the server
received (and, against the emulator, by which operation the request reached).
"""

from __future__ import annotations

import json
import math
import urllib.parse
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web

from sigma_async import (
    ChannelCreate,
    ChannelUpdate,
    NotFoundError,
    SigmaClient,
    SigmaValidationError,
)
from sigma_async.testing import SigmaEmulator

from ..harness import ClientFactory, json_reply
from .conftest import APP_ID, CHANNEL_JSON, FAST, SECRET_KEY, USERNAME, ScriptedServer

# (call, method, path template): each call that puts an id in the path.
PATH_CALLS: dict[str, tuple[Callable[[SigmaClient, Any], Awaitable[Any]], str, str]] = {
    "channels.get": (lambda c, i: c.channels.get(i), "GET", "/channels/{}"),
    "channels.update": (
        lambda c, i: c.channels.update(i, ChannelUpdate(description="d")),
        "PATCH",
        "/channels/{}",
    ),
    "channels.start": (lambda c, i: c.channels.start(i), "PATCH", "/channels/{}/start"),
    "channels.stop": (lambda c, i: c.channels.stop(i), "DELETE", "/channels/{}/stop"),
    "channels.delete": (lambda c, i: c.channels.delete(i), "DELETE", "/channels/{}"),
    "sessions.get": (lambda c, i: c.sessions.get(i), "GET", "/sessions/{}"),
    "sessions.status": (lambda c, i: c.sessions.status(i), "GET", "/sessions/{}/status"),
}

SAFELY_ENCODED = [
    "a/b",
    "../../admin",
    "../channels",
    "a?status=active",
    "a#fragment",
    "a&page=9",
    "%2e%2e",
    "%2F..%2F",
    "..%2f",
    "...",
    "a b",
    "a;b=c",
    "a\\b",
    "ü-ñ-中",
    "\u202eevil",
    "x" * 300,
    "*",
    "@host",
    "http://other.example/",
]

REFUSED = ["", ".", "..", "a\x00b", "a\r\nX-Evil: 1", "\t", "a\x7fb", "a\x85b", "\ud800"]
NOT_STRINGS = [None, 42, b"bytes", ["a"]]


@pytest.fixture
async def server(scripted: Callable[..., Awaitable[ScriptedServer]]) -> ScriptedServer:
    async def answer(request: web.BaseRequest) -> web.StreamResponse:
        if request.path.endswith("/status"):
            return json_reply({"status": "live"})
        if "/sessions/" in request.raw_path:
            return json_reply({"id": "s", "status": "live"})
        return json_reply(CHANNEL_JSON)

    record = await scripted()
    record.script = answer
    return record


@pytest.mark.parametrize("channel_id", SAFELY_ENCODED)
@pytest.mark.parametrize("call", list(PATH_CALLS))
async def test_ids_stay_one_segment_of_the_intended_endpoint(
    server: ScriptedServer, make_client: ClientFactory, call: str, channel_id: str
) -> None:
    function, method, template = PATH_CALLS[call]
    await function(make_client(server.url), channel_id)
    (request,) = server.requests
    assert request.method == method
    segment = urllib.parse.quote(channel_id, safe="")
    assert request.raw_path == "/api/livestream" + template.format(segment)
    assert request.query_string == ""
    # Exactly one segment, and it decodes back to the id given.
    prefix, _, rest = template.partition("{}")
    inner = request.raw_path.removeprefix("/api/livestream" + prefix).removesuffix(rest)
    assert not set(inner) & set("/?#")
    assert urllib.parse.unquote(inner) == channel_id


@pytest.mark.parametrize("channel_id", [*REFUSED, *NOT_STRINGS])
@pytest.mark.parametrize("call", list(PATH_CALLS))
async def test_unusable_ids_are_refused_before_any_request(
    server: ScriptedServer, make_client: ClientFactory, call: str, channel_id: Any
) -> None:
    function, _, _ = PATH_CALLS[call]
    with pytest.raises(SigmaValidationError) as caught:
        await function(make_client(server.url), channel_id)
    assert server.requests == []
    if isinstance(channel_id, str) and channel_id.strip() and channel_id not in (".", ".."):
        assert channel_id not in str(caught.value)  # named, not echoed (it may be garbage)


async def test_against_the_emulator_hostile_ids_reach_only_get_channel() -> None:
    async with SigmaEmulator(seed=6) as emulator:
        async with emulator.client(**FAST) as client:
            real = await client.channels.create(ChannelCreate(name="target"))
            for channel_id in SAFELY_ENCODED:
                with pytest.raises(NotFoundError):
                    await client.channels.get(channel_id)
            assert (await client.channels.get(real.id)).id == real.id
        received = dict(emulator.stats.received)
    assert received == {"createChannel": 1, "getChannel": len(SAFELY_ENCODED) + 1}


@pytest.mark.parametrize("channel_id", ["x/../y", 'a"}, {"$or": [{}]}', "a&page=9", "%00"])
async def test_ids_in_filters_are_json_not_query_syntax(
    server: ScriptedServer, make_client: ClientFactory, channel_id: str
) -> None:
    async def empty_page(request: web.BaseRequest) -> web.StreamResponse:
        return json_reply({"data": [], "total": 0})

    server.script = empty_page
    client = make_client(server.url)
    await client.sessions.list(channel_id).to_list()
    await client.events.list(channel_id).to_list()
    sessions, events = server.requests
    assert sessions.raw_path == "/api/livestream/sessions"
    assert events.raw_path == "/api/livestream/events"
    for request, expected in (
        (sessions, {"channelId": channel_id}),
        (events, {"$and": [{"sessionId": channel_id}]}),
    ):
        query = urllib.parse.parse_qs(request.query_string, keep_blank_values=True)
        assert sorted(query) == ["page", "perPage", "q", "sort"]
        assert query["page"] == ["1"]
        assert json.loads(query["q"][0]) == expected


# Names and bodies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ChannelCreate(name=""), "at least 1"),
        (lambda: ChannelCreate(name="x" * 51), "at most 50"),
        (lambda: ChannelCreate(name="x", description="d" * 251), "at most 250"),
        (lambda: ChannelCreate(name="x", stop_timeout=0), "at least 1"),
        (lambda: ChannelCreate(name="x", stop_timeout=-30), "at least 1"),
        (lambda: ChannelUpdate(name=""), "at least 1"),
        (lambda: ChannelUpdate(name="y" * 51), "at most 50"),
    ],
)
def test_bad_channel_fields_are_refused_when_built(make: Callable[[], Any], message: str) -> None:
    with pytest.raises((SigmaValidationError, ValueError), match=message):
        make()


@pytest.mark.parametrize(
    "changes",
    [
        # Built inside the test: a value of the wrong type is refused when the model is built.
        lambda: ChannelCreate(name="x", stop_timeout=math.nan),  # type: ignore[arg-type]
        lambda: ChannelCreate(name="x", stop_timeout=math.inf),  # type: ignore[arg-type]
        lambda: ChannelCreate(name="x", tags=["\ud800"]),
        lambda: ChannelCreate(name="x", tags=[object()]),  # type: ignore[list-item]
    ],
    ids=["NaN", "infinity", "lone surrogate", "not JSON"],
)
async def test_bodies_json_cannot_carry_are_refused_before_any_request(
    server: ScriptedServer, make_client: ClientFactory, changes: Callable[[], ChannelCreate]
) -> None:
    with pytest.raises(SigmaValidationError, match="JSON"):
        await make_client(server.url).channels.create(changes())
    assert server.requests == []


@pytest.mark.parametrize(
    "name", ["x" * 50, "tab\there", "new\nline", 'quote" and \\', "ü-中-🎥", "</script>", "a\x00b"]
)
async def test_any_valid_name_is_sent_exactly_as_json(
    server: ScriptedServer, make_client: ClientFactory, name: str
) -> None:
    await make_client(server.url).channels.create(ChannelCreate(name=name))
    (request,) = server.requests
    assert request.raw_path == "/api/livestream/channels"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.body) == {"name": name}


# Lists --------------------------------------------------------------------------------------

BAD_PER_PAGE = [0, -1, 101, 10**9, True, 1.5, "10", None]


@pytest.mark.parametrize("per_page", BAD_PER_PAGE)
@pytest.mark.parametrize("listing", ["channels", "sessions", "events"])
async def test_bad_per_page_is_refused_when_the_list_is_made(
    server: ScriptedServer, make_client: ClientFactory, listing: str, per_page: Any
) -> None:
    client = make_client(server.url)
    makers: dict[str, Callable[[], object]] = {
        "channels": lambda: client.channels.list(per_page=per_page),
        "sessions": lambda: client.sessions.list("c", per_page=per_page),
        "events": lambda: client.events.list("s", per_page=per_page),
    }
    make = makers[listing]
    with pytest.raises(SigmaValidationError, match="per_page"):
        make()  # refused when made, not when first iterated
    assert server.requests == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"prefetch": 0}, "prefetch"),
        ({"prefetch": -2}, "prefetch"),
        ({"prefetch": True}, "prefetch"),
        ({"sort": "updatedAt|desc&page=99"}, "sort"),
        ({"sort": "name"}, "sort"),
        ({"sort": "name|sideways"}, "sort"),
        ({"sort": ""}, "sort"),
        ({"q": "status=active"}, "q must be a mapping"),
        ({"q": [("status", "active")]}, "q must be a mapping"),
        ({"q": {"name": math.nan}}, "JSON"),
        ({"q": {"name": object()}}, "JSON"),
        ({"status": 5}, "status"),
        ({"status": [5]}, "status"),
        ({"tags": "news"}, "tags"),
        ({"tags": 5}, "tags"),
        ({"tags": ["a", 5]}, "tags"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": -1}, "timeout"),
        ({"timeout": math.nan}, "timeout"),
        ({"timeout": math.inf}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
    ],
)
async def test_bad_list_options_are_refused_before_any_request(
    server: ScriptedServer, make_client: ClientFactory, options: dict[str, Any], message: str
) -> None:
    client = make_client(server.url)
    with pytest.raises(SigmaValidationError, match=message):
        await client.channels.list(**options).to_list()
    assert server.requests == []


@pytest.mark.parametrize("statuses", [5, "live", [], [5], None])
async def test_wait_for_status_needs_a_collection_of_statuses(
    server: ScriptedServer, make_client: ClientFactory, statuses: Any
) -> None:
    client = make_client(server.url)
    with pytest.raises(SigmaValidationError, match="statuses"):
        await client.sessions.wait_for_status("s1", statuses, timeout=1)
    assert server.requests == []


@pytest.mark.parametrize("limit", ["3", 2.5, True])
async def test_to_list_limit_must_be_an_int(
    server: ScriptedServer, make_client: ClientFactory, limit: Any
) -> None:
    with pytest.raises(SigmaValidationError, match="limit"):
        await make_client(server.url).channels.list().to_list(limit=limit)
    assert server.requests == []


# Client and call options --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("timeout", math.inf),
        ("timeout", math.nan),
        ("timeout", 0),
        ("connect_timeout", math.inf),
        ("connect_timeout", -1),
        ("max_retries", -1),
        ("max_retries", 1.5),
        ("max_connections", 0),
        ("max_response_bytes", 0),
        ("retry_base_delay", -1),
        ("retry_max_delay", math.nan),
        ("max_retry_after", 0),
    ],
)
def test_bad_client_options_are_refused_when_built(option: str, value: object) -> None:
    with pytest.raises(SigmaValidationError, match=option):
        SigmaClient(
            username=USERNAME,
            secret_key=SECRET_KEY,
            app_id=APP_ID,
            **{option: value},  # type: ignore[arg-type]
        )


@pytest.mark.parametrize(("option", "value"), [("timeout", math.inf), ("max_retries", -3)])
async def test_bad_per_call_options_are_refused_before_any_request(
    server: ScriptedServer, make_client: ClientFactory, option: str, value: object
) -> None:
    client = make_client(server.url)
    with pytest.raises(SigmaValidationError, match=option):
        await client.channels.get("c1", **{option: value})  # type: ignore[arg-type]
    assert server.requests == []

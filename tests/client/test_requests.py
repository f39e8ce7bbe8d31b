"""Every operation sends exactly the guide's request, through real HTTP on loopback."""

from __future__ import annotations

import json
import platform

import aiohttp
import pytest

from sigma_async import (
    UNSET,
    CatchupDestination,
    Channel,
    ChannelCreate,
    ChannelMode,
    ChannelStatus,
    ChannelType,
    ChannelUpdate,
    MachineConfig,
    OutputFormat,
    S3Destination,
    Session,
    SessionStatus,
    SigmaClient,
    SigmaValidationError,
    __version__,
)

from .conftest import (
    APP_ID,
    BASIC_TOKEN,
    CHANNEL_ID,
    CHANNEL_JSON,
    SESSION_ID,
    FakeSigma,
    Reply,
    event_json,
    session_json,
)

PREFIX = "/api/livestream"


def assert_common_headers(fake: FakeSigma) -> None:
    for request in fake.requests:
        assert request.headers["Authorization"] == f"Basic {BASIC_TOKEN}"
        assert request.headers["X-App-Id"] == APP_ID
        python = ".".join(platform.python_version_tuple()[:2])
        assert request.headers["User-Agent"] == (
            f"sigma-async/{__version__} python/{python} aiohttp/{aiohttp.__version__}"
        )
        if request.body:
            assert request.headers["Content-Type"] == "application/json"
        else:
            assert "Content-Type" not in request.headers


async def test_create_sends_the_guide_body(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(Reply(status=201, json=CHANNEL_JSON))
    channel = await client.channels.create(
        ChannelCreate(
            name="Channel_02",
            description=None,
            tags=[],
            transcode_profile=["fbffbd08-ed7f-4a51-aabd-3132ac863bb5"],
            type=ChannelType.TRANSCODE,
            mode=ChannelMode.ULTRA_LOW_LATENCY,
            stop_timeout=30,
            catchup=True,
            record=False,
            output_format=OutputFormat.HLS,
            machine=MachineConfig(enabled=True, machine_id="m-1", machine_type="SIGMA_MACHINE"),
            destination_catchup=CatchupDestination(
                type="s3",
                s3=S3Destination(
                    access_key="AK",
                    bucket="b",
                    endpoint="https://s3",
                    secret_key="SK",
                    region="r",
                    segment_prefix=None,
                ),
            ),
        )
    )
    assert isinstance(channel, Channel)
    assert channel.id == CHANNEL_ID
    assert channel.status == ChannelStatus.ACTIVE
    [request] = fake.requests
    assert (request.method, request.raw_path, request.raw_query) == (
        "POST",
        f"{PREFIX}/channels",
        "",
    )
    assert json.loads(request.body) == {
        "name": "Channel_02",
        "description": None,
        "tags": [],
        "transcodeProfile": ["fbffbd08-ed7f-4a51-aabd-3132ac863bb5"],
        "type": "transcode",
        "mode": "ultra-low-latency",
        "stopTimeout": 30,
        "catchup": True,
        "record": False,
        "outputFormat": "hls",
        "machine": {"enabled": True, "machineId": "m-1", "machineType": "SIGMA_MACHINE"},
        "destinationCatchup": {
            "type": "s3",
            "s3": {
                "accessKey": "AK",
                "bucket": "b",
                "endpoint": "https://s3",
                "secretKey": "SK",
                "region": "r",
                "segmentPrefix": None,
            },
        },
    }
    assert b": " not in request.body  # compact JSON
    assert_common_headers(fake)


async def test_create_leaves_unset_fields_out(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(Reply(status=201, json=CHANNEL_JSON))
    await client.channels.create(ChannelCreate(name="launch"))
    assert json.loads(fake.requests[0].body) == {"name": "launch"}


async def test_get_channel(fake: FakeSigma, client: SigmaClient) -> None:
    channel = await client.channels.get(CHANNEL_ID)
    assert channel.name == "Channel_02"
    assert channel.input is not None
    assert channel.input.rtmp_server is not None
    assert channel.input.rtmp_server.startswith("rtmp://")
    [request] = fake.requests
    assert (request.method, request.raw_path) == ("GET", f"{PREFIX}/channels/{CHANNEL_ID}")
    assert request.body == b""
    assert_common_headers(fake)


async def test_update_channel_sends_only_the_changes(fake: FakeSigma, client: SigmaClient) -> None:
    channel = await client.channels.update(
        CHANNEL_ID, ChannelUpdate(name="renamed", description=None, tags=["a"])
    )
    assert channel.id == CHANNEL_ID
    [request] = fake.requests
    assert (request.method, request.raw_path) == ("PATCH", f"{PREFIX}/channels/{CHANNEL_ID}")
    assert json.loads(request.body) == {"name": "renamed", "description": None, "tags": ["a"]}
    assert_common_headers(fake)


@pytest.mark.parametrize(
    ("operation", "method", "suffix"),
    [("start", "PATCH", "/start"), ("stop", "DELETE", "/stop"), ("delete", "DELETE", "")],
)
@pytest.mark.parametrize(
    "reply",
    [Reply(status=200, body=b""), Reply(status=200, body=b"OK, not JSON"), Reply(json={"x": 1})],
    ids=["empty", "text", "json"],
)
async def test_start_stop_delete_ignore_the_body(
    fake: FakeSigma, client: SigmaClient, operation: str, method: str, suffix: str, reply: Reply
) -> None:
    fake.reply(reply)
    result = await getattr(client.channels, operation)(CHANNEL_ID)
    assert result is None
    [request] = fake.requests
    assert (request.method, request.raw_path, request.raw_query, request.body) == (
        method,
        f"{PREFIX}/channels/{CHANNEL_ID}{suffix}",
        "",
        b"",
    )
    assert_common_headers(fake)


def guide_list_query(q: str) -> dict[str, str]:
    """A list call's query as the guide sends it: filter ``q``, newest first, first 100."""
    return {"q": q, "sort": "updatedAt|desc", "page": "1", "perPage": "100"}


async def test_list_sessions_sends_the_guide_query(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(
        Reply(
            json={
                "data": [session_json(SESSION_ID)],
                "total": 1,
                "count": 1,
                "page": 1,
                "perPage": 100,
            }
        )
    )
    sessions = [s async for s in client.sessions.list(channel_id=CHANNEL_ID)]
    assert [s.id for s in sessions] == [SESSION_ID]
    assert isinstance(sessions[0], Session)
    [request] = fake.requests
    assert (request.method, request.raw_path) == ("GET", f"{PREFIX}/sessions")
    assert request.query == guide_list_query('{"channelId":"42efeee4-e94e-4444-b0a6-90850413519d"}')
    assert list(request.query) == ["q", "sort", "page", "perPage"]
    assert_common_headers(fake)


async def test_list_events_sends_the_guide_query(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(Reply(json={"data": [event_json("e1", "ended", "2024-07-22T11:35:02.901Z")]}))
    events = await client.events.list(session_id=SESSION_ID).to_list()
    assert [e.id for e in events] == ["e1"]
    [request] = fake.requests
    assert (request.method, request.raw_path) == ("GET", f"{PREFIX}/events")
    assert request.query == guide_list_query(
        '{"$and":[{"sessionId":"5017085c-d828-491d-837f-2160df3e07c1"}]}'
    )


async def test_list_filters_sort_and_per_page(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(Reply(json={"data": []}), Reply(json={"data": []}), Reply(json={"data": []}))
    await client.sessions.list(
        CHANNEL_ID, q={"status": "live"}, sort="createdAt|asc", per_page=10
    ).to_list()
    await client.events.list(SESSION_ID, q={"action": "ended"}).to_list()
    await client.channels.list(status="active", tags=["news", "vn"], q={"name": "x"}).to_list()
    sessions, events, channels = (r.query for r in fake.requests)
    assert json.loads(sessions["q"]) == {"channelId": CHANNEL_ID, "status": "live"}
    assert (sessions["sort"], sessions["perPage"]) == ("createdAt|asc", "10")
    assert json.loads(events["q"]) == {"$and": [{"sessionId": SESSION_ID}, {"action": "ended"}]}
    assert fake.requests[2].raw_path == f"{PREFIX}/channels"
    assert json.loads(channels["q"]) == {
        "status": "active",
        "tags": {"$in": ["news", "vn"]},
        "name": "x",
    }


async def test_list_channels_without_filter_sends_no_q(
    fake: FakeSigma, client: SigmaClient
) -> None:
    fake.reply(Reply(json={"data": [CHANNEL_JSON], "total": 1}))
    channels = await client.channels.list().to_list()
    assert [c.id for c in channels] == [CHANNEL_ID]
    assert fake.requests[0].query == {"sort": "updatedAt|desc", "page": "1", "perPage": "100"}


async def test_channel_status_filter_accepts_several(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(Reply(json={"data": []}))
    await client.channels.list(status=[ChannelStatus.IDLE, "stop"]).to_list()
    assert json.loads(fake.requests[0].query["q"]) == {"status": {"$in": ["idle", "stop"]}}


async def test_get_session_and_status(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(Reply(json=session_json(SESSION_ID, "live")), Reply(json={"status": "live"}))
    session = await client.sessions.get(SESSION_ID)
    status = await client.sessions.status(SESSION_ID)
    assert session.status is SessionStatus.LIVE
    assert status is SessionStatus.LIVE
    assert [(r.method, r.raw_path) for r in fake.requests] == [
        ("GET", f"{PREFIX}/sessions/{SESSION_ID}"),
        ("GET", f"{PREFIX}/sessions/{SESSION_ID}/status"),
    ]
    assert session.started_at is UNSET


@pytest.mark.parametrize(
    ("channel_id", "encoded"),
    [
        ("../sessions", "..%2Fsessions"),
        ("a?page=2", "a%3Fpage%3D2"),
        ("a#frag", "a%23frag"),
        ("100%", "100%25"),
        ("kênh 1", "k%C3%AAnh%201"),
        ("%2E%2E", "%252E%252E"),
    ],
)
async def test_ids_stay_one_path_segment(
    fake: FakeSigma, client: SigmaClient, channel_id: str, encoded: str
) -> None:
    await client.channels.get(channel_id)
    [request] = fake.requests
    assert request.raw_path == f"{PREFIX}/channels/{encoded}"
    assert request.raw_query == ""


@pytest.mark.parametrize("bad_id", ["", ".", "..", "a\nb", "a\x00", "tab\there", 42, None])
async def test_bad_ids_are_refused_before_sending(
    fake: FakeSigma, client: SigmaClient, bad_id: object
) -> None:
    with pytest.raises(SigmaValidationError):
        await client.channels.get(bad_id)  # type: ignore[arg-type]
    with pytest.raises(SigmaValidationError):
        await client.sessions.status(bad_id)  # type: ignore[arg-type]
    with pytest.raises(SigmaValidationError):
        client.events.list(bad_id)  # type: ignore[arg-type]
    assert fake.requests == []


@pytest.mark.parametrize("per_page", [0, -1, 101, 2.5, True, "10"])
async def test_bad_per_page_is_refused_when_listing(client: SigmaClient, per_page: object) -> None:
    with pytest.raises(SigmaValidationError, match="per_page"):
        client.sessions.list(CHANNEL_ID, per_page=per_page)  # type: ignore[arg-type]


async def test_bad_list_arguments_are_refused_before_sending(
    fake: FakeSigma, client: SigmaClient
) -> None:
    with pytest.raises(SigmaValidationError, match="sort"):
        client.channels.list(sort="updatedAt desc")
    with pytest.raises(SigmaValidationError, match="prefetch"):
        client.channels.list(prefetch=0)
    with pytest.raises(SigmaValidationError, match="conflicts"):
        client.sessions.list(CHANNEL_ID, q={"channelId": "other"})
    with pytest.raises(SigmaValidationError, match="JSON"):
        client.channels.list(q={"when": object()})
    with pytest.raises(SigmaValidationError, match="ChannelCreate"):
        await client.channels.create({"name": "x"})  # type: ignore[arg-type]
    assert fake.requests == []


async def test_per_call_timeout_and_retries_are_validated(client: SigmaClient) -> None:
    with pytest.raises(SigmaValidationError, match="timeout"):
        await client.channels.get(CHANNEL_ID, timeout=-1)
    with pytest.raises(SigmaValidationError, match="max_retries"):
        await client.channels.get(CHANNEL_ID, max_retries=-1)

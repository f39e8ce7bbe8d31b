"""Every error class, through real HTTP, and what they say (never the credentials)."""

from __future__ import annotations

import logging
import traceback

import pytest

from sigma_async import (
    APIStatusError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    ResponseDecodeError,
    SigmaClient,
    SigmaError,
)

from ..harness import STATUS_CLASSES, ClientFactory, Loopback, status_leaves
from .conftest import BASIC_TOKEN, CHANNEL_ID, SECRET_KEY, FakeSigma, Reply


def test_class_for_every_status_is_the_leaf_that_pins_it() -> None:
    # The sweep over every status a server can send, without a socket: the pinned leaves by
    # their status, any other 5xx an InternalServerError, anything else the base class.
    pinned = {status: cls for status, cls in status_leaves() if cls is not InternalServerError}
    for status in range(100, 600):
        expected = pinned.get(status) or (InternalServerError if status >= 500 else APIStatusError)
        assert APIStatusError.class_for(status) is expected, status


def nest(status: int, message: object, error: str = "Error") -> Reply:
    return Reply(status=status, json={"statusCode": status, "message": message, "error": error})


@pytest.mark.parametrize(("status", "cls"), STATUS_CLASSES)
async def test_status_maps_to_class(
    fake: FakeSigma, make_client: ClientFactory, status: int, cls: type[APIStatusError]
) -> None:
    client = make_client(max_retries=0)
    fake.reply(nest(status, "Channel not found", "Not Found"))
    with pytest.raises(cls) as caught:
        await client.channels.get(CHANNEL_ID)
    error = caught.value
    assert type(error) is cls
    assert isinstance(error, SigmaError)
    assert error.status == status
    assert error.message == "Channel not found"
    assert error.method == "GET"
    assert error.url == f"{fake.url}/api/livestream/channels/{CHANNEL_ID}"
    assert error.body == {
        "statusCode": status,
        "message": "Channel not found",
        "error": "Not Found",
    }
    assert str(error) == f"{status} GET {error.url}: Channel not found"
    assert "\n" not in str(error)


async def test_validation_messages_are_joined(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(nest(400, ["name must be shorter", "stopTimeout must be\na number"]))
    with pytest.raises(BadRequestError) as caught:
        await client.channels.get(CHANNEL_ID)
    assert caught.value.message == "name must be shorter; stopTimeout must be a number"


async def test_html_error_body_uses_the_reason(fake: FakeSigma, client: SigmaClient) -> None:
    page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    fake.reply(*[Reply(status=502, body=page, headers={"Content-Type": "text/html"})] * 3)
    with pytest.raises(InternalServerError) as caught:
        await client.channels.get(CHANNEL_ID)
    assert caught.value.message == "Bad Gateway"
    assert caught.value.body == page
    assert len(fake.requests) == 3  # retried, then given up


async def test_request_id_and_headers_are_kept(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(
        Reply(status=404, json={"message": "nope"}, headers={"X-Request-Id": "req-123"}),
    )
    with pytest.raises(NotFoundError) as caught:
        await client.channels.get(CHANNEL_ID)
    assert caught.value.request_id == "req-123"
    headers = {name.lower(): value for name, value in caught.value.headers.items()}
    assert headers["x-request-id"] == "req-123"
    assert str(caught.value).endswith("[request id req-123]")


async def test_rate_limit_carries_retry_after(fake: FakeSigma, make_client: ClientFactory) -> None:
    client = make_client(max_retries=0)
    fake.reply(Reply(status=429, json={"message": "slow down"}, headers={"Retry-After": "7"}))
    with pytest.raises(RateLimitError) as caught:
        await client.channels.get(CHANNEL_ID)
    assert caught.value.retry_after == 7.0


async def test_redirect_is_not_followed(
    fake: FakeSigma, client: SigmaClient, loopback: Loopback
) -> None:
    """A 3xx is an error: following it to another host would hand over the Basic token."""
    other_host = FakeSigma()
    target = await loopback.http(other_host.handle) + "/steal"
    for status in (301, 302, 307, 308):
        fake.reply(Reply(status=status, headers={"Location": target}))
        with pytest.raises(APIStatusError) as caught:
            await client.channels.get(CHANNEL_ID)
        assert type(caught.value) is APIStatusError
        assert caught.value.status == status
        assert f"redirect to {target} not followed" in str(caught.value)
    assert len(fake.requests) == 4  # 3xx is not retried either
    assert other_host.requests == []


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (Reply(body="<html>maintenance</html>"), "not JSON"),
        (Reply(body='{"id": "x", "name": "trunc'), "incomplete or malformed"),
        (Reply(body=b""), "empty"),
        (Reply(json={"id": 42, "name": "x"}), "Channel"),
        (Reply(json=["not", "an", "object"]), "Channel"),
    ],
    ids=["html", "truncated-json", "empty", "wrong-type", "wrong-shape"],
)
async def test_bad_success_body_is_a_decode_error(
    fake: FakeSigma, client: SigmaClient, reply: Reply, expected: str
) -> None:
    fake.reply(reply)
    with pytest.raises(ResponseDecodeError, match=expected) as caught:
        await client.channels.get(CHANNEL_ID)
    assert caught.value.status == 200
    assert len(fake.requests) == 1  # a bad body is not retried


async def test_decode_error_names_the_wire_field(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(Reply(json={"data": [{"id": "s", "status": "live", "createdAt": 5}]}))
    with pytest.raises(ResponseDecodeError) as caught:
        await client.sessions.list("c").to_list()
    assert caught.value.path == "$.data[0].createdAt"


async def test_html_excerpt_but_no_broken_json_excerpt(
    fake: FakeSigma, client: SigmaClient
) -> None:
    fake.reply(Reply(body="<html>down</html>"), Reply(body='{"secretKey": "SK-123", "na'))
    with pytest.raises(ResponseDecodeError) as html:
        await client.channels.get(CHANNEL_ID)
    with pytest.raises(ResponseDecodeError) as broken:
        await client.channels.get(CHANNEL_ID)
    assert html.value.body_excerpt == "<html>down</html>"
    assert broken.value.body_excerpt is None
    assert "SK-123" not in str(broken.value)


async def test_credentials_never_show(
    fake: FakeSigma, client: SigmaClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.reply(*[nest(503, "busy")] * 3, nest(401, "Unauthorized"))
    texts = [repr(client), repr(client.channels), repr(vars(client))]
    for _ in range(2):
        with pytest.raises(APIStatusError) as caught:
            await client.channels.get(CHANNEL_ID)
        error = caught.value
        texts += [str(error), repr(error), repr(error.args), repr(vars(error))]
        texts.append("".join(traceback.format_exception(type(error), error, error.__traceback__)))
        texts.append(repr(caught.getrepr(showlocals=True)))
    texts += [record.getMessage() for record in caplog.records]
    assert any("attempt" in text for text in texts)  # the log was captured at all
    for text in texts:
        assert SECRET_KEY not in text
        assert BASIC_TOKEN not in text
    assert "base_url=" in repr(client)
    assert "app_id=" in repr(client)

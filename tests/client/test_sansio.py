"""The sans-I/O layer: building requests and decoding responses without a socket."""

from __future__ import annotations

import email.utils
import json
import re
import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st
from multidict import CIMultiDict

from sigma_async import (
    APIStatusError,
    Channel,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    ResponseDecodeError,
    SigmaValidationError,
)
from sigma_async._http.sansio import (
    RawResponse,
    Secret,
    api_root,
    decode_json,
    default_headers,
    error_for_status,
    list_query,
    parse_retry_after,
    path_segment,
    request_headers,
)

NOW = 1_700_000_000.0


def response(status: int, body: bytes, reason: str = "", **headers: str) -> RawResponse:
    return RawResponse(status, reason, CIMultiDict(headers), body, "https://h/api/livestream/x")


def test_default_headers() -> None:
    headers = default_headers("user", "secret", "app")
    assert headers["Authorization"] == "Basic dXNlcjpzZWNyZXQ="
    assert headers["X-App-Id"] == "app"
    assert isinstance(headers["Authorization"], Secret)
    assert "dXNlcjpzZWNyZXQ=" not in repr(headers)


def test_non_ascii_credentials_are_utf8() -> None:
    headers = default_headers("người", "khóa", "app")
    assert headers["Authorization"] == "Basic bmfGsOG7nWk6a2jDs2E="


@pytest.mark.parametrize(
    ("base_url", "root"),
    [
        ("https://api.sigma.video", "https://api.sigma.video/api/livestream"),
        ("https://api.sigma.video/", "https://api.sigma.video/api/livestream"),
        ("https://gw.example.com/sigma/", "https://gw.example.com/sigma/api/livestream"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/livestream"),
    ],
)
def test_api_root(base_url: str, root: str) -> None:
    assert api_root(base_url) == root


def test_path_segment() -> None:
    assert path_segment("42efeee4-e94e", "channel_id") == "42efeee4-e94e"
    assert path_segment("../sessions", "channel_id") == "..%2Fsessions"
    assert path_segment("a?page=2&x=#", "channel_id") == "a%3Fpage%3D2%26x%3D%23"
    for bad in ("", ".", "..", "a\rb", "\x7f", "\u0085"):
        with pytest.raises(SigmaValidationError, match="channel_id"):
            path_segment(bad, "channel_id")


def test_list_query_is_compact_json_in_the_guide_order() -> None:
    query = list_query({"$and": [{"sessionId": "s"}]}, sort="updatedAt|desc", page=3, per_page=50)
    assert query == {
        "q": '{"$and":[{"sessionId":"s"}]}',
        "sort": "updatedAt|desc",
        "page": "3",
        "perPage": "50",
    }
    assert list(query) == ["q", "sort", "page", "perPage"]
    assert list_query({"name": "kênh"}, sort="a|asc", page=1, per_page=1)["q"] == '{"name":"kênh"}'
    assert "q" not in list_query({}, sort="a|asc", page=1, per_page=1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("1.5", 1.5),
        (email.utils.formatdate(NOW + 30, usegmt=True), 30.0),
        (email.utils.formatdate(NOW - 30, usegmt=True), 0.0),
        ("-5", None),
        ("soon", None),
        ("", None),
        (None, None),
        ("1e3", None),
        ("nan", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == expected


def test_error_for_status_nestjs() -> None:
    body = json.dumps({"statusCode": 404, "message": "Channel not found", "error": "Not Found"})
    error = error_for_status(
        "GET", response(404, body.encode(), "Not Found", **{"X-Request-Id": "r1"})
    )
    assert type(error) is NotFoundError
    assert error.message == "Channel not found"
    assert error.request_id == "r1"
    assert error.body["statusCode"] == 404


def test_error_for_status_without_body() -> None:
    error = error_for_status("DELETE", response(500, b"", "Internal Server Error"))
    assert type(error) is InternalServerError
    assert error.message == "Internal Server Error"
    assert error.body is None
    error = error_for_status("DELETE", response(599, b""))
    assert error.message == "HTTP 599"


def test_error_for_status_rate_limit() -> None:
    error = error_for_status("GET", response(429, b"{}", "Too Many", **{"retry-after": "9"}))
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 9.0
    assert error.message == "Too Many"


def test_error_for_status_redirect() -> None:
    error = error_for_status("GET", response(307, b"", Location="https://elsewhere/x"))
    assert type(error) is APIStatusError
    assert error.message == "redirect to https://elsewhere/x not followed"


def test_error_message_is_one_bounded_line() -> None:
    message = "line one\n" + "x" * 2000
    error = error_for_status("GET", response(400, json.dumps({"message": message}).encode()))
    assert "\n" not in str(error)
    assert len(error.message) == 500


def test_decode_json() -> None:
    channel = decode_json(response(200, b'{"id": "c", "name": "n"}'), Channel)
    assert (channel.id, channel.name) == ("c", "n")
    with pytest.raises(ResponseDecodeError, match="not JSON") as caught:
        decode_json(response(200, b"<html>oops</html>"), Channel)
    assert caught.value.body_excerpt == "<html>oops</html>"
    with pytest.raises(ResponseDecodeError, match="Channel") as caught:
        decode_json(response(201, b'{"id": "c"}'), Channel)
    assert caught.value.status == 201
    with pytest.raises(ResponseDecodeError, match="not JSON"):
        decode_json(response(200, b"\xff\xfe garbage"), Channel)


@given(st.text(min_size=1))
def test_path_segment_round_trips_as_one_segment(value: str) -> None:
    try:
        segment = path_segment(value, "channel_id")
    except SigmaValidationError:
        assert value in (".", "..") or any(
            ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F for char in value
        )
        return
    assert re.fullmatch(r"(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})+", segment)
    assert urllib.parse.unquote(segment, errors="strict") == value
    assert segment not in (".", "..")


def test_unencodable_text_is_a_validation_error() -> None:
    with pytest.raises(SigmaValidationError, match="channel_id"):
        path_segment("a\udc80", "channel_id")
    with pytest.raises(SigmaValidationError, match="JSON"):
        list_query({"name": "\ud800"}, sort="a|asc", page=1, per_page=1)


@pytest.mark.parametrize("own_session", [True, False])
def test_request_headers_send_every_header_once(own_session: bool) -> None:
    # Whichever session sends it, a request ends up with the client's headers once each, plus
    # Content-Type when it has a body; the own session holds them, a caller's session does not.
    headers = default_headers("user", "s3cret", "app")
    split = request_headers(headers, own_session=own_session)
    session = dict(split.session) if own_session else {}
    for added, extra in ((split.bodiless, {}), (split.json, {"Content-Type": "application/json"})):
        merged = CIMultiDict(session)
        assert not set(map(str.lower, added)) & set(map(str.lower, merged))
        merged.extend(added)
        assert dict(merged) == {**headers, **extra}
    assert dict(split.session) == headers
    token = headers["Authorization"].removeprefix("Basic ")
    assert token not in repr(split)
    assert "'<redacted>'" in repr(split)

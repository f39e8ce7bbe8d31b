"""The converter: wire names, round trips of the guide's samples, the unset/None rule, decoding."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import sigma_async
from sigma_async import (
    UNSET,
    CatchupDestination,
    Channel,
    ChannelCreate,
    ChannelType,
    ChannelUpdate,
    ClientInfo,
    ResponseDecodeError,
    S3Destination,
    Session,
    SessionPage,
    SigmaError,
    SigmaValidationError,
    models,
)
from sigma_async._convert import format_datetime, parse_datetime, structure, unstructure
from sigma_async._model_support import WIRE_NAME

from .samples import guide_samples

MODEL_CLASSES = [
    value for value in vars(models).values() if isinstance(value, type) and attrs.has(value)
]


def strip_unknown(data: Any, cls: Any) -> Any:
    """The sample less the keys the model does not know (what a round trip may drop)."""
    if isinstance(data, list):
        return [strip_unknown(item, cls) for item in data]
    if not (isinstance(data, dict) and attrs.has(cls)):
        return data
    hints = attrs.resolve_types(cls)
    known = {field.metadata[WIRE_NAME]: field for field in attrs.fields(hints)}
    out = {}
    for key, value in data.items():
        if key in known:
            inner = known[key].type
            out[key] = strip_unknown(value, _model_of(inner))
    return out


def _model_of(tp: Any) -> Any:
    import typing

    for arg in (tp, *typing.get_args(tp)):
        if attrs.has(arg):
            return arg
        for inner in typing.get_args(arg):
            if attrs.has(inner):
                return inner
    return None


@pytest.mark.parametrize(("fixture", "schema", "sample"), guide_samples())
def test_guide_samples_round_trip(fixture: str, schema: str, sample: Any) -> None:
    cls = getattr(models, schema)
    model = structure(sample, cls)
    assert isinstance(model, cls)
    assert unstructure(model) == strip_unknown(sample, cls)


def test_every_field_carries_its_exact_wire_name() -> None:
    for cls in MODEL_CLASSES:
        for field in attrs.fields(cls):
            assert field.metadata[WIRE_NAME], (cls, field.name)
    wire = {f.name: f.metadata[WIRE_NAME] for f in attrs.fields(ClientInfo)}
    assert wire["client_id"] == "client_id"
    assert wire["tc_url"] == "tcUrl"
    assert wire["stream_id"] == "stream_id"
    assert {f.name: f.metadata[WIRE_NAME] for f in attrs.fields(Channel)}[
        "current_session_id"
    ] == "currentSessionId"


def test_mixed_key_styles_map_both_ways() -> None:
    info = structure({"client_id": "c1", "tcUrl": "rtmp://x", "stream_id": "s1"}, ClientInfo)
    assert (info.client_id, info.tc_url, info.stream_id) == ("c1", "rtmp://x", "s1")
    assert unstructure(info) == {"client_id": "c1", "tcUrl": "rtmp://x", "stream_id": "s1"}


def test_models_are_slotted_keyword_only_attrs_classes() -> None:
    for cls in MODEL_CLASSES:
        assert "__slots__" in vars(cls), cls
    with pytest.raises(TypeError):
        ChannelCreate("positional")  # type: ignore[call-arg]


def test_channel_create_needs_only_a_name_and_sends_only_what_was_set() -> None:
    assert unstructure(ChannelCreate(name="launch")) == {"name": "launch"}
    with pytest.raises(TypeError):
        ChannelCreate()  # type: ignore[call-arg]


def test_unset_is_left_out_and_none_is_sent_as_null_where_nullable() -> None:
    assert unstructure(ChannelUpdate(description=None)) == {"description": None}
    assert unstructure(ChannelUpdate()) == {}
    assert ChannelUpdate().description is UNSET
    # Not nullable in the spec: None means "not sent".
    assert unstructure(ChannelUpdate(stop_timeout=None, tags=None)) == {}
    assert unstructure(ChannelUpdate(tags=[])) == {"tags": []}


def test_a_plain_string_works_like_the_enum_member() -> None:
    created = ChannelCreate(name="x", type="forward", mode="low-latency")
    assert created.type is ChannelType.FORWARD
    assert unstructure(created) == {"name": "x", "type": "forward", "mode": "low-latency"}


def test_unknown_enum_value_in_a_response_is_kept_not_raised() -> None:
    channel = structure({"id": "a", "name": "n", "type": "simulcast"}, Channel)
    assert channel.type == "simulcast"
    assert isinstance(channel.type, str)
    assert channel.type is not None
    assert not channel.type.known
    assert ChannelType.FORWARD.known
    assert unstructure(channel)["type"] == "simulcast"


def test_unknown_keys_are_ignored() -> None:
    channel = structure({"id": "a", "name": "n", "newServerField": {"x": 1}}, Channel)
    assert unstructure(channel) == {"id": "a", "name": "n"}


def test_timestamps_are_aware_utc_and_written_back_with_z() -> None:
    session = structure(
        {"id": "s", "status": "live", "createdAt": "2024-07-22T11:33:50.903Z"}, Session
    )
    assert session.created_at == dt.datetime(
        2024, 7, 22, 11, 33, 50, 903000, tzinfo=dt.timezone.utc
    )
    assert unstructure(session)["createdAt"] == "2024-07-22T11:33:50.903Z"
    assert parse_datetime("2024-07-22T13:33:50.903+02:00") == session.created_at
    assert parse_datetime("2024-07-22T11:33:50.903").tzinfo is dt.timezone.utc
    assert format_datetime(dt.datetime(2024, 1, 1)) == "2024-01-01T00:00:00.000Z"


def test_nullable_timestamps_tell_null_from_absent() -> None:
    started = structure({"id": "s", "status": "init", "startedAt": None}, Session)
    assert started.started_at is None
    assert started.finished_at is UNSET
    assert unstructure(started) == {"id": "s", "status": "init", "startedAt": None}


LIVE = {"id": "s", "status": "live"}


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({"data": [{**LIVE, "createdAt": 5}]}, "$.data[0].createdAt"),
        ({"data": [{**LIVE, "clientInfo": {"tcUrl": 3}}]}, "$.data[0].clientInfo.tcUrl"),
        ({"data": [{**LIVE, "channel": {"id": "c"}}]}, "$.data[0].channel.name"),
        ({"data": [{"status": "live"}]}, "$.data[0].id"),
        ({"data": {"id": "s"}}, "$.data"),
        ({"data": [], "total": "2"}, "$.total"),
        ({"data": [{**LIVE, "isCreateTask": "true"}]}, "$.data[0].isCreateTask"),
        ({"data": [{"id": "s", "status": 3}]}, "$.data[0].status"),
        (None, "$"),
        ([1, 2], "$"),
    ],
)  # fmt: skip
def test_wrong_shapes_raise_the_decode_error_with_the_wire_path(payload: Any, path: str) -> None:
    with pytest.raises(ResponseDecodeError) as caught:
        structure(payload, SessionPage)
    assert isinstance(caught.value, SigmaError)
    assert caught.value.path == path
    assert path in str(caught.value)


def test_secret_fields_are_hidden_in_repr_but_readable() -> None:
    s3 = S3Destination(access_key="AKIA-unique-1", secret_key="s3cret-unique-2", bucket="b")
    destination = CatchupDestination(type="s3", s3=s3)
    text = repr(ChannelCreate(name="x", destination_catchup=destination))
    assert "AKIA-unique-1" not in text
    assert "s3cret-unique-2" not in text
    assert "'***'" in text
    assert "bucket='b'" in text
    assert s3.secret_key == "s3cret-unique-2"
    assert unstructure(s3)["secretKey"] == "s3cret-unique-2"


def test_request_limits_are_checked_before_anything_is_sent() -> None:
    with pytest.raises(SigmaValidationError, match="at most 50"):
        ChannelCreate(name="x" * 51)
    with pytest.raises(SigmaValidationError, match="at least 1"):
        ChannelCreate(name="")
    with pytest.raises(SigmaValidationError, match="at most 250"):
        ChannelUpdate(description="d" * 251)
    with pytest.raises(SigmaValidationError, match="at least 1"):
        ChannelCreate(name="x", stop_timeout=0)
    assert isinstance(SigmaValidationError("x"), ValueError)
    ChannelCreate(name="x" * 50, description="d" * 250, stop_timeout=1)


def test_models_are_exported_by_name() -> None:
    for cls in MODEL_CLASSES:
        assert getattr(sigma_async, cls.__name__) is cls


@pytest.mark.parametrize("tags", ["abc", {"a": 1}, 5, [1], ["a", None]])
def test_lists_must_be_arrays_of_the_right_items(tags: Any) -> None:
    with pytest.raises(ResponseDecodeError) as caught:
        structure({"id": "a", "name": "n", "tags": tags}, Channel)
    assert caught.value.path is not None
    assert caught.value.path.startswith("$.tags")

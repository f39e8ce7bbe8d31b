"""Drift telemetry: each unknown key and enum value is recorded and logged once."""

from __future__ import annotations

import collections
import json
import logging
import typing
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from aiohttp import web
from aiohttp.test_utils import RawTestServer

import sigma_async
from sigma_async import SigmaClient, drift_report, models
from sigma_async._convert import structure
from sigma_async._drift import MAX_ENTRIES, DriftFinding, recorder
from sigma_async._model_support import WIRE_NAME, SigmaEnum

from .test_convert_properties import MODEL_CLASSES
from .test_request_types import minimal


@pytest.fixture(autouse=True)
def fresh_recorder() -> Iterator[None]:
    recorder.clear()
    yield
    recorder.clear()


def wire_body(cls: Any) -> dict[str, Any]:
    """A minimal valid body of ``cls`` (its required fields), as the service would send it."""
    return typing.cast(dict[str, Any], sigma_async._convert.unstructure(minimal(cls)))


def drift_logs(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "sigma_async.drift"]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_an_unknown_key_in_any_model_is_recorded_once(
    cls: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="sigma_async.drift")
    body = {**wire_body(cls), "newServerField": {"x": 1}}
    for _ in range(50):
        assert structure(body, cls) == structure(wire_body(cls), cls)
    assert drift_report().findings == (DriftFinding("unknown key", cls.__name__, "newServerField"),)
    assert drift_logs(caplog) == [
        f"response differs from the spec: {cls.__name__}: unknown key 'newServerField'"
    ]


def every_key_body(cls: Any) -> dict[str, Any]:
    """A valid body of ``cls`` with every key: the minimal one, each optional field null."""
    optional = [f.metadata[WIRE_NAME] for f in attrs.fields(cls) if f.default is not attrs.NOTHING]
    return {**dict.fromkeys(optional), **wire_body(cls)}


OPTIONAL_KEYS = [
    (cls, field.metadata[WIRE_NAME])
    for cls in MODEL_CLASSES
    for field in attrs.fields(cls)
    if field.default is not attrs.NOTHING
]


@pytest.mark.parametrize(
    ("cls", "key"), OPTIONAL_KEYS, ids=[f"{c.__name__}.{k}" for c, k in OPTIONAL_KEYS]
)
def test_an_unknown_key_in_place_of_an_optional_one_is_recorded(cls: Any, key: str) -> None:
    # As many keys as the model has fields, one of them unknown: the every-key path of the
    # structure functions, where the absent optional key is what tells the unknown one.
    full = every_key_body(cls)
    body = {**{k: v for k, v in full.items() if k != key}, "newServerField": 1}
    assert len(body) == len(attrs.fields(cls))
    assert structure(body, cls) == structure({k: v for k, v in full.items() if k != key}, cls)
    assert drift_report().findings == (DriftFinding("unknown key", cls.__name__, "newServerField"),)


ENUM_FIELDS = [
    (cls, field)
    for cls in MODEL_CLASSES
    for field in attrs.fields(cls)
    for arm in typing.get_args(typing.get_type_hints(cls)[field.name])
    or (typing.get_type_hints(cls)[field.name],)
    if isinstance(arm, type) and issubclass(arm, SigmaEnum)
]


@pytest.mark.parametrize(
    ("cls", "field"), ENUM_FIELDS, ids=[f"{c.__name__}.{f.name}" for c, f in ENUM_FIELDS]
)
def test_an_unknown_value_of_any_enum_field_is_kept_and_recorded_once(
    cls: Any, field: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="sigma_async.drift")
    wire = field.metadata[WIRE_NAME]
    body = {**wire_body(cls), wire: "a-newer-value"}
    for _ in range(50):
        model = structure(body, cls)
        assert getattr(model, field.name) == "a-newer-value"
        assert not getattr(model, field.name).known
    (finding,) = drift_report().findings
    assert (finding.kind, finding.model, finding.wire_name, finding.value) == (
        "unknown enum value",
        cls.__name__,
        wire,
        "a-newer-value",
    )
    assert len(drift_logs(caplog)) == 1


@pytest.mark.parametrize(
    ("cls", "field"), ENUM_FIELDS, ids=[f"{c.__name__}.{f.name}" for c, f in ENUM_FIELDS]
)
@pytest.mark.parametrize("kind", ["str subclass", "array"])
def test_an_enum_field_takes_only_a_plain_string(cls: Any, field: Any, kind: str) -> None:
    # A known member's value as a str subclass, or an array, is no JSON string: the same
    # failure as any other wrong type, not a member (nor a TypeError from hashing a list).
    class Text(str):
        pass

    enum_cls = next(
        arm
        for arm in typing.get_args(typing.get_type_hints(cls)[field.name])
        or (typing.get_type_hints(cls)[field.name],)
        if isinstance(arm, type) and issubclass(arm, SigmaEnum)
    )
    member = next(iter(enum_cls)).value
    wire = field.metadata[WIRE_NAME]
    value: Any = Text(member) if kind == "str subclass" else [member]
    for body in ({**wire_body(cls), wire: value}, {**every_key_body(cls), wire: value}):
        with pytest.raises(sigma_async.ResponseDecodeError) as failure:
            structure(body, cls)
        got = "value" if kind == "str subclass" else "array"
        assert f"expected a {enum_cls.__name__} string, got {got}" in str(failure.value)
        assert failure.value.path == f"$.{wire}"


class AnsweringDict(dict[str, Any]):
    """A dict that answers a missing key with a value, without storing it."""

    def __init__(self, answer: Any, items: dict[str, Any]) -> None:
        super().__init__(items)
        self.answer = answer

    def __missing__(self, key: str) -> Any:
        return self.answer


REQUIRED_FIRST = [cls for cls in MODEL_CLASSES if wire_body(cls)]


@pytest.mark.parametrize("cls", REQUIRED_FIRST, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("stores", [True, False], ids=["defaultdict", "answering dict"])
def test_an_unknown_key_in_a_dict_that_answers_a_missing_key_is_recorded(
    cls: Any, stores: bool
) -> None:
    # A required key the body lacks, answered by the mapping itself: its length no longer
    # tells how many keys the spec lacks, so the unknown one must be found another way.
    plain = wire_body(cls)
    key, value = next(iter(plain.items()))
    rest = {**{k: v for k, v in plain.items() if k != key}, "newServerField": 1}
    body = collections.defaultdict(lambda: value, rest) if stores else AnsweringDict(value, rest)
    assert structure(body, cls) == structure(plain, cls)
    assert drift_report().findings == (DriftFinding("unknown key", cls.__name__, "newServerField"),)


def test_a_body_that_fits_the_spec_records_nothing() -> None:
    for cls in MODEL_CLASSES:
        structure(wire_body(cls), cls)
    structure({"id": "a", "name": "n", "type": "forward", "tags": []}, models.Channel)
    assert not drift_report()
    assert drift_report().findings == ()


def test_nested_findings_name_the_model_that_holds_them() -> None:
    session = {
        "id": "s",
        "status": "live",
        "clientInfo": {"tcUrl": "rtmp://x", "vhost": "v"},
        "channel": {"id": "c", "name": "n", "status": "paused"},
        "events": [{"id": "e", "action": "init", "actor": "user", "traceId": "t"}],
    }
    page = {"data": [session] * 30, "total": 30, "cursor": "abc"}
    structure(page, models.SessionPage)
    assert {str(f) for f in drift_report().findings} == {
        "SessionPage: unknown key 'cursor'",
        "ClientInfo: unknown key 'vhost'",
        "Channel.status: unknown ChannelStatus value 'paused'",
        "Event: unknown key 'traceId'",
    }


def test_the_record_is_bounded_against_a_hostile_server() -> None:
    for index in range(MAX_ENTRIES + 100):
        structure({"id": "a", "name": "n", f"k{index}": 1}, models.Channel)
    report = drift_report()
    assert len(report.findings) == MAX_ENTRIES
    assert report.dropped == 100
    long_key = "x" * 10_000
    recorder.clear()
    structure({"id": "a", "name": "n", long_key: 1}, models.Channel)
    assert len(drift_report().findings[0].wire_name) <= 83


async def test_drift_over_http_is_reported_once_over_many_responses(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="sigma_async.drift")
    channel = {"id": "c1", "name": "n", "type": "simulcast", "region": "eu-1"}

    async def handle(request: web.BaseRequest) -> web.Response:
        return web.Response(body=json.dumps(channel).encode(), content_type="application/json")

    server = RawTestServer(handle, host="127.0.0.1")
    await server.start_server()
    try:
        async with SigmaClient(
            username="u",
            secret_key="drift-secret",
            app_id="a",
            base_url=str(server.make_url("")).rstrip("/"),
        ) as client:
            for _ in range(25):
                got = await client.channels.get("c1")
                assert got.type == "simulcast"
    finally:
        await server.close()
    assert {str(f) for f in drift_report().findings} == {
        "Channel: unknown key 'region'",
        "Channel.type: unknown ChannelType value 'simulcast'",
    }
    assert len(drift_logs(caplog)) == 2
    assert all("drift-secret" not in line for line in drift_logs(caplog))


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_a_repeated_drifted_body_costs_the_recorder_one_note_per_new_key(
    cls: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The decoder remembers what the recorder holds: the 2nd..50th body of a drifted shape
    # passes one subset test and never reaches the recorder; a new key does, once.
    notes: list[tuple[Any, ...]] = []
    note = recorder._note

    def counted(*args: Any) -> bool:
        notes.append(args)
        return note(*args)

    monkeypatch.setattr(recorder, "_note", counted)
    body = {**wire_body(cls), "newServerField": 1}
    for _ in range(50):
        structure(body, cls)
    assert len(notes) == 1
    for _ in range(50):
        structure({**body, "another": 2}, cls)
    assert len(notes) == 2
    assert {f.wire_name for f in drift_report().findings} == {"newServerField", "another"}


def test_a_cleared_recorder_is_told_again(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="sigma_async.drift")
    body = {"id": "a", "name": "n", "region": "eu-1"}
    for _ in range(3):
        structure(body, models.Channel)
        assert drift_report().findings == (DriftFinding("unknown key", "Channel", "region"),)
        recorder.clear()
        assert not drift_report()
    assert len(drift_logs(caplog)) == 3


def test_a_dropped_finding_is_counted_each_time_it_is_seen() -> None:
    for index in range(MAX_ENTRIES):
        structure({"id": "a", "name": "n", f"k{index}": 1}, models.Channel)
    for _ in range(5):
        structure({"id": "a", "name": "n", "k0": 1, "late": 1}, models.Channel)
    report = drift_report()
    assert len(report.findings) == MAX_ENTRIES
    assert report.dropped == 5  # "late" was never held, so it never stops being counted


def test_a_long_unknown_key_is_recorded_once_but_not_remembered_in_full() -> None:
    long_key = "x" * 10_000
    for _ in range(3):
        structure({"id": "a", "name": "n", long_key: 1}, models.Channel)
    (finding,) = drift_report().findings
    assert len(finding.wire_name) <= 83
    accepted = recorder.accepted_keys("Channel", frozenset())
    assert long_key not in accepted
    assert all(len(key) <= 83 for key in accepted)

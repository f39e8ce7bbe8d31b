"""Property tests over the converter and the request builder; the response-decoding fuzz target.

The mutation fuzzing runs ``SIGMA_FUZZ_RUNS`` inputs (default 50,000) from ``SIGMA_FUZZ_SEED``
(default 7), the same on every machine; ``SIGMA_FUZZ_SECONDS`` runs it for a time instead. The
property tests take their example counts and seeding from the Hypothesis profile (see
``tests/conftest.py``): CI runs them derandomized, ``nox -s fuzz`` explores.
"""

from __future__ import annotations

import json
import os
import string
import urllib.parse
from typing import Any

import attrs
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from yarl import URL

from sigma_async import (
    CatchupDestination,
    ChannelCreate,
    ChannelMode,
    ChannelType,
    ChannelUpdate,
    MachineConfig,
    OutputFormat,
    S3Destination,
    SigmaValidationError,
)
from sigma_async._convert import structure, unstructure
from sigma_async._http.sansio import (
    API_PREFIX,
    MAX_PER_PAGE,
    api_root,
    default_headers,
    dump_json,
    list_query,
    path_segment,
)

from .fuzz import MODELS, STATUSES, decode_any, fuzz, seed_corpus

# The example count and the seeding come from the active profile (tests/conftest.py).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=25,
)


# Response decoding --------------------------------------------------------------------------


@FUZZ
@given(status=st.integers(0, len(STATUSES) - 1), model=st.integers(0, 6), body=st.binary())
def test_any_bytes_decode_to_a_model_or_a_typed_error(status: int, model: int, body: bytes) -> None:
    decode_any(bytes([status, model]) + body)


@FUZZ
@given(status=st.integers(0, len(STATUSES) - 1), model=st.integers(0, 6), data=st.data())
def test_any_json_decodes_to_a_model_or_a_typed_error(
    status: int, model: int, data: st.DataObject
) -> None:
    document = data.draw(json_values | st.dictionaries(st.sampled_from(KEYS), json_values))
    decode_any(bytes([status, model]) + json.dumps(document).encode())


KEYS = ["id", "name", "status", "data", "total", "perPage", "createdAt", "input", "tags", "s3"]


@FUZZ
@given(seed=st.sampled_from(seed_corpus()), cut=st.integers(0, 5000), junk=st.binary(max_size=8))
def test_guide_samples_cut_and_spliced_decode_safely(seed: bytes, cut: int, junk: bytes) -> None:
    decode_any(seed[: 2 + cut] + junk + seed[2 + cut :])


def test_fuzz_response_decoding() -> None:
    seed = int(os.environ.get("SIGMA_FUZZ_SEED", "7"))
    if "SIGMA_FUZZ_SECONDS" in os.environ:
        done = fuzz(seconds=float(os.environ["SIGMA_FUZZ_SECONDS"]), seed=seed)
    else:
        done = fuzz(runs=int(os.environ.get("SIGMA_FUZZ_RUNS", "50000")), seed=seed)
    print(f"fuzzed response decoding with {done} inputs (seed {seed})")
    assert done >= len(seed_corpus())
    assert len(MODELS) == 7


# The request builder ------------------------------------------------------------------------

UNRESERVED = set(string.ascii_letters + string.digits + "-._~%")


@FUZZ
@given(text=st.text(max_size=40) | st.sampled_from([".", "..", "%2F", "a/b", "?", "#"]))
@example(text="..%2F..")
def test_an_id_becomes_one_safe_segment_or_is_refused(text: str) -> None:
    try:
        segment = path_segment(text, "channel_id")
    except SigmaValidationError:
        return  # refused before any request
    assert set(segment) <= UNRESERVED  # nothing a URL parser would split on
    assert segment not in (".", "..")
    assert urllib.parse.unquote(segment, errors="strict") == text
    root = api_root("https://api.sigma.video")
    url = URL(root + "/channels/" + segment + "/start", encoded=True)
    assert url.raw_path == f"{API_PREFIX}/channels/{segment}/start"
    assert url.raw_parts[:-2] == ("/", "api", "livestream", "channels")  # still the endpoint
    assert url.query_string == ""
    assert url.fragment == ""


@FUZZ
@given(
    q=st.none() | st.dictionaries(st.text(max_size=10), json_values, max_size=4),
    sort=st.text(max_size=20) | st.sampled_from(["updatedAt|desc", "name|asc", "a.b|desc"]),
    page=st.integers(1, 10**6),
    per_page=st.integers(-5, 200),
)
def test_list_queries_are_well_formed_or_refused(
    q: dict[str, Any] | None, sort: str, page: int, per_page: int
) -> None:
    try:
        query = list_query(q, sort=sort, page=page, per_page=per_page)
    except SigmaValidationError:
        return
    assert 1 <= per_page <= MAX_PER_PAGE
    assert all(isinstance(v, str) for v in query.values())
    assert set(query) <= {"q", "sort", "page", "perPage"}
    assert "|" in query["sort"]
    assert not set(query["sort"]) & set("&=?#")
    if q:
        assert json.loads(query["q"]) == q


@FUZZ
@given(q=st.dictionaries(st.text(max_size=5), st.floats() | st.just(object()), min_size=1))
def test_filters_json_cannot_carry_are_refused(q: dict[str, Any]) -> None:
    try:
        query = list_query(q, sort="updatedAt|desc", page=1, per_page=10)
    except SigmaValidationError:
        return
    json.loads(query["q"], parse_constant=_no_constant)  # strict JSON: no NaN or Infinity


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} is not JSON")


names = st.text(min_size=1, max_size=50)
destinations = st.builds(
    CatchupDestination,
    type=st.just("s3"),
    s3=st.none()
    | st.builds(
        S3Destination,
        access_key=st.none() | st.text(max_size=20),
        secret_key=st.none() | st.text(max_size=20),
        bucket=st.none() | st.text(max_size=20),
    ),
)
channel_creates = st.builds(
    ChannelCreate,
    name=names,
    description=st.none() | st.text(max_size=250),
    tags=st.none() | st.lists(st.text(max_size=10), max_size=3),
    type=st.none() | st.sampled_from(list(ChannelType)),
    mode=st.none() | st.sampled_from(list(ChannelMode)),
    stop_timeout=st.none() | st.integers(1, 10**6),
    catchup=st.none() | st.booleans(),
    output_format=st.none() | st.sampled_from(list(OutputFormat)),
    machine=st.none() | st.builds(MachineConfig, enabled=st.none() | st.booleans()),
    destination_catchup=st.none() | destinations,
)


@FUZZ
@given(channel=channel_creates)
@example(  # keys that the repr shows anyway, as parts of names
    channel=ChannelCreate(
        name="n",
        destination_catchup=CatchupDestination(
            type="s3", s3=S3Destination(access_key="Catch", secret_key="s3=S3")
        ),
    )
)
def test_request_bodies_are_json_that_reads_back_the_same(channel: ChannelCreate) -> None:
    try:
        body = dump_json(unstructure(channel))
    except SigmaValidationError:
        return  # text JSON cannot carry (a lone surrogate): refused before sending
    document = json.loads(body)
    assert document["name"] == channel.name
    set_fields = {  # None on a nullable field (default UNSET) is a value: sent as null
        field.metadata["sigma_wire_name"]
        for field in attrs.fields(ChannelCreate)
        if getattr(channel, field.name) is not field.default
    }
    assert set(document) == set_fields  # what was set is sent, nothing else
    assert structure(document, ChannelCreate) == channel
    if channel.destination_catchup is not None and channel.destination_catchup.s3 is not None:
        # The repr must not depend on the keys' values at all: the same channel with other
        # keys prints the same. (Looking for the key as a substring would fail on keys like
        # "Catch" that the repr shows anyway, as part of a class name.)
        s3 = channel.destination_catchup.s3
        other_keys = attrs.evolve(
            s3,
            access_key=None if s3.access_key is None else s3.access_key + "-other",
            secret_key=None if s3.secret_key is None else "other-" + s3.secret_key,
        )
        other = attrs.evolve(
            channel, destination_catchup=attrs.evolve(channel.destination_catchup, s3=other_keys)
        )
        assert repr(channel) == repr(other)


@FUZZ
@given(changes=st.builds(ChannelUpdate, name=st.none() | names, record=st.none() | st.booleans()))
def test_updates_send_only_the_fields_set(changes: ChannelUpdate) -> None:
    document = json.loads(dump_json(unstructure(changes)))
    expected = {
        key
        for key, value in (("name", changes.name), ("record", changes.record))
        if value is not None
    }
    assert set(document) == expected


CREDENTIAL_ERRORS = {
    f"{field} {problem}"
    for field in ("username", "secret_key", "app_id")
    for problem in (
        "must be a non-empty string",
        "must not contain control characters",
        "has leading or trailing whitespace",
    )
} | {"username must not contain ':'"}


@FUZZ
@given(username=st.text(max_size=12), secret=st.text(max_size=24), app_id=st.text(max_size=12))
@example(username="0", secret="z", app_id="0")  # "z" is in the repr: in "Authorization"
@example(username="a:b", secret="username", app_id="0")  # the secret is in the message
def test_credentials_make_clean_headers_or_are_refused(
    username: str, secret: str, app_id: str
) -> None:
    try:
        headers = default_headers(username, secret, app_id)
    except SigmaValidationError as error:
        message = str(error)  # a fixed message that names the field: never any part of a value
        assert message in CREDENTIAL_ERRORS
        return
    for value in headers.values():
        assert not set(value) & set("\r\n\x00")
    # The repr must not depend on the secret at all (a substring test would trip on secrets
    # like "z" that the repr shows anyway, in the word "Authorization").
    assert repr(headers) == repr(default_headers(username, secret + "-other", app_id))
    assert repr(headers["Authorization"]) == "'<redacted>'"

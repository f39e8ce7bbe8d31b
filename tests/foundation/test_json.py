"""JSON reading with and without orjson: the same data, the same errors, the same models.

Without orjson (the `compat` session installs none) the client reads with the stdlib alone:
the comparisons of the two readers are skipped there (they would compare the stdlib with
itself), and the tests of what the models get from the stdlib path still run.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigma_async import ResponseDecodeError, _json, models
from sigma_async._http.sansio import RawResponse, decode_json

T = TypeVar("T")

needs_orjson = pytest.mark.skipif(
    _json.BACKEND == "json", reason="orjson is not installed: one reader, nothing to compare"
)

# Values of the width orjson reads as they are (64 bits): beyond it, see the model-level test.
small_ints = st.integers(min_value=-(2**63), max_value=2**63 - 1)
scalars = (
    st.none()
    | st.booleans()
    | small_ints
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=25,
)


def outcome(read: Any, body: bytes) -> tuple[str, str]:
    try:
        return "value", repr(read(body))  # repr: NaN never equals itself, -0.0 equals 0
    except RecursionError:
        return "error", "RecursionError"
    except ValueError as error:
        return "error", f"{type(error).__name__}: {error}"


@needs_orjson
@given(value=values, ascii_only=st.booleans())
def test_any_document_reads_as_the_stdlib_reads_it(value: Any, ascii_only: bool) -> None:
    body = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert outcome(_json.loads, body) == outcome(json.loads, body)


ORJSON_EDGE_CASES = [
    b"NaN",
    b"[Infinity, -Infinity]",
    b'"\\ud800"',
    b"\xef\xbb\xbf{}",
    '{"a": "é"}'.encode("utf-16"),
    b'{"a":1,"a":2}',
    b"[-0.0, -0, 1E2, 1e400]",
    b"",
    b"{",
    b"[1,]",
    b'"\x01"',
    b"\xff",
    b"[" * 5000 + b"]" * 5000,
    b'{"a":' * 5000 + b"1" + b"}" * 5000,
]
"""Bodies at orjson's edges: NaN, huge numbers, BOMs, UTF-16, lone surrogates, deep nesting."""


@needs_orjson
@pytest.mark.parametrize("body", ORJSON_EDGE_CASES)
def test_documents_orjson_refuses_are_read_or_refused_as_the_stdlib_does(body: bytes) -> None:
    assert outcome(_json.loads, body) == outcome(json.loads, body)


@needs_orjson
@given(bytes_=st.binary(max_size=40))
def test_any_bytes_read_or_fail_as_the_stdlib(bytes_: bytes) -> None:
    assert outcome(_json.loads, bytes_) == outcome(json.loads, bytes_)


def decode(body: bytes, cls: type[T]) -> T:
    """What the client does with a 200 response's body."""
    return decode_json(RawResponse(200, "OK", {}, body, "http://127.0.0.1/"), cls)


@pytest.mark.parametrize("big", [2**64, -(2**63) - 1, 10**30])
def test_integers_beyond_64_bits_give_the_models_the_stdlib_gives(big: int) -> None:
    body = json.dumps({"data": [], "total": big}).encode()
    page = decode(body, models.SessionPage)
    assert page.total == big
    assert type(page.total) is int
    session = json.dumps({"id": "s", "status": "live", "duration": big}).encode()
    built = decode(session, models.Session)
    assert built.duration == float(big)
    bad = json.dumps({"data": [], "total": big, "page": "x"}).encode()
    with pytest.raises(ResponseDecodeError) as caught:
        decode(bad, models.SessionPage)
    assert caught.value.path == "$.page"


def test_without_orjson_the_stdlib_reads_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_json, "_fast_loads", None)
    monkeypatch.setattr(_json, "first_loads", json.loads)
    monkeypatch.setattr(_json, "BACKEND", "json")
    body = b'{"data": [], "total": 3}'
    assert _json.loads(body) == {"data": [], "total": 3}
    assert decode(body, models.SessionPage).total == 3
    with pytest.raises(ValueError, match="Expecting"):
        _json.loads(b"{")


DECODED_BODIES = [
    b'{"id": "c", "name": "n"}',
    b'{"data": [], "total": 3}',
    b'{"data": [], "total": 123456789012345678901}',
    b'{"id": "s", "status": "live", "duration": 123456789012345678901}',
    b'{"data": [{"id": 5}]}',
    b'{"id": NaN}',
    b'{"id": "c"',
    b"   ",
    b"<html>oops</html>",
    *ORJSON_EDGE_CASES,
]


def _decoded(body: bytes, cls: type[Any]) -> Any:
    try:
        result = decode_json(RawResponse(200, "OK", {}, body, "http://127.0.0.1/"), cls)
    except ResponseDecodeError as error:
        return (str(error), error.path, error.status, error.body_excerpt)
    return ("model", repr(result))


@needs_orjson
@pytest.mark.parametrize("body", DECODED_BODIES)
@pytest.mark.parametrize("cls", [models.Channel, models.Session, models.SessionPage])
def test_decode_json_gives_the_same_models_and_errors_without_orjson(
    monkeypatch: pytest.MonkeyPatch, body: bytes, cls: type[Any]
) -> None:
    with_orjson = _decoded(body, cls)
    monkeypatch.setattr(_json, "_fast_loads", None)
    monkeypatch.setattr(_json, "first_loads", json.loads)
    monkeypatch.setattr(_json, "BACKEND", "json")
    assert _decoded(body, cls) == with_orjson

"""build_request fills path templates split once per operation: the same URLs as a replace.

The reference is the plain formula (each ``{name}`` of the template replaced by its value's
encoded segment), swept over every operation of the table with arbitrary ids.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigma_async._http.routes import Route, argument_name, build_request
from sigma_async._http.sansio import Request, path_segment
from sigma_async.errors import SigmaValidationError
from sigma_async.operations import OPERATIONS, Operation

ROOT = "http://127.0.0.1:8080/api/livestream"
WITH_PATH = [op for op in OPERATIONS.values() if op.path_params and op.request_model is None]
ids = st.text(min_size=0, max_size=12) | st.sampled_from(["42efeee4-e94e", "a/b?c#d%", ".", ".."])


def reference_url(template: str, names: tuple[str, ...], values: tuple[str, ...]) -> str:
    for name, value in zip(names, values, strict=True):
        segment = path_segment(value, argument_name(name))
        template = template.replace("{" + name + "}", segment, 1)
    return ROOT + template


@given(st.sampled_from(WITH_PATH), st.data())
def test_every_path_template_fills_as_the_formula_says(op: Operation, data: st.DataObject) -> None:
    values = tuple(data.draw(ids) for _ in op.path_params)
    refused: str | None
    try:
        expected = reference_url(op.path, op.path_params, values)
    except SigmaValidationError as error:  # a bad id: refused alike, with the same message
        refused = str(error)
    else:
        refused = None
    if refused is not None:
        with pytest.raises(SigmaValidationError) as caught:
            build_request(op, ROOT, {}, path=values)
        assert str(caught.value) == refused
        return
    request = build_request(op, ROOT, {}, path=values)
    assert str(request.url) == expected
    # A list (any iterable) of values gives the same request as a tuple.
    assert build_request(op, ROOT, {}, path=list(values)) == request


# The table's operations take one path parameter each; templates with more (in any order) are
# filled by the general loop, checked against the same formula.
MULTI = [
    attrs.evolve(
        OPERATIONS["getSession"],
        operation_id=f"getPair{number}",
        path=path,
        path_params=("first", "second"),
    )
    for number, path in enumerate(("/a/{first}/b/{second}", "/x/{second}/y/{first}/z"))
]


@given(st.sampled_from(MULTI), ids, ids)
def test_templates_of_several_parameters_fill_as_the_formula_says(
    op: Operation, first: str, second: str
) -> None:
    values = {"first": first, "second": second}
    # Filled (and so checked) in the template's order, whatever the parameters' order.
    names = tuple(sorted(op.path_params, key=lambda name: op.path.index("{" + name + "}")))
    refused: str | None
    try:
        expected = reference_url(op.path, names, tuple(values[name] for name in names))
    except SigmaValidationError as error:
        refused = str(error)
    else:
        refused = None
    if refused is not None:
        with pytest.raises(SigmaValidationError) as caught:
            build_request(op, ROOT, {}, path=(first, second))
        assert str(caught.value) == refused
        return
    assert str(build_request(op, ROOT, {}, path=(first, second)).url) == expected


@pytest.mark.parametrize("op", [*OPERATIONS.values(), *MULTI], ids=lambda op: op.operation_id)
def test_a_wrong_number_of_path_values_is_refused(op: Operation) -> None:
    for count in {0, 1, 2, 3} - {len(op.path_params)}:
        with pytest.raises(SigmaValidationError, match=r"takes \d+ path parameter"):
            build_request(op, ROOT, {}, path=("x",) * count)


@given(st.sampled_from([*WITH_PATH, *MULTI]), st.lists(ids, min_size=2, max_size=2), ids)
def test_one_route_builds_what_build_request_builds_call_after_call(
    op: Operation, first_values: list[str], other: str
) -> None:
    # The engine keeps one Route per operation: nothing of one call may leak into the next.
    route = Route(op, ROOT, {})
    for values in (first_values, [other, other], first_values):
        path = tuple(values[: len(op.path_params)])
        try:
            expected = build_request(op, ROOT, {}, path=path)
        except SigmaValidationError as error:
            with pytest.raises(SigmaValidationError, match=re.escape(str(error))):
                route.request(path)
        else:
            assert route.request(path) == expected


def test_a_template_whose_placeholders_differ_from_its_parameters_is_filled_by_the_count() -> None:
    # One placeholder but two parameters: the one-placeholder shortcut must not skip the count.
    op = attrs.evolve(OPERATIONS["getSession"], path="/a/{first}", path_params=("first", "second"))
    with pytest.raises(SigmaValidationError, match=r"takes 2 path parameter"):
        build_request(op, ROOT, {}, path=("x",))


class _Text(str):
    """A str subclass: equal to its text, so never looked up among the route's kept URLs."""


ONE_PARAMETER = [op for op in OPERATIONS.values() if len(op.path_params) == 1]


@pytest.mark.parametrize("op", ONE_PARAMETER, ids=[op.operation_id for op in ONE_PARAMETER])
@pytest.mark.parametrize("query", [None, {"page": "2"}], ids=["no-query", "query"])
def test_a_route_keeps_a_bounded_number_of_urls_and_only_of_checked_str_ids(
    op: Operation, query: dict[str, str] | None
) -> None:
    route = Route(op, ROOT, {}, {"Content-Type": "application/json"})
    body = None if op.request_model is None else op.request_model()
    bare = op.request_model is None and query is None
    kept: Any = route._request_of if bare else route._url_of  # an lru_cache wrapper
    assert kept is not None
    assert (route._request_of is None) == (op.request_model is not None)
    limit = kept.cache_info().maxsize
    assert limit is not None
    for number in range(limit + 10):
        route.request((f"id-{number}",), query, body)
    assert kept.cache_info().currsize == limit
    # A refused id is refused every time: a failure is never kept.
    for _ in range(2):
        with pytest.raises(SigmaValidationError):
            route.request(("..",), query, body)
    kept_id = f"id-{limit}"  # one of the last ones built, so still kept
    # A subclass equal to a kept id is encoded by its own class's rules, not looked up.
    hits = kept.cache_info().hits

    def fresh(value: str) -> Request:
        json_headers = {"Content-Type": "application/json"}
        return build_request(
            op, ROOT, {}, path=(value,), query=query, body=body, json_headers=json_headers
        )

    built = fresh(kept_id)
    assert route.request((_Text(kept_id),), query, body) == built
    assert kept.cache_info().hits == hits
    # A kept id builds what a new route builds, and its URL is the one made before.
    assert route.request((kept_id,), query, body) == built
    assert kept.cache_info().hits == hits + 1
    again = route.request(("again",), query, body).url
    if query is None:  # with a query, the kept URL is extended anew each call
        assert route.request(("again",), query, body).url is again
    # A long id is built every time, never kept: kept ids cannot grow large.
    long_id = "x" * 129
    misses = kept.cache_info().misses
    assert route.request((long_id,), query, body) == fresh(long_id)
    assert kept.cache_info().misses == misses

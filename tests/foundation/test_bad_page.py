"""A wrong-shaped page costs what a right one costs: one pass, the first bad field named.

Issue 11.4: ``{"data":[{},{},...]}`` well below the body cap used to take seconds of CPU and
hundreds of MiB, because an error was built and formatted for every item. Time is measured in the
benchmarks (scenario 2); here the memory the decode step takes on top of the parsed body is held
to a small multiple of the body (tracemalloc counts allocations, not time).
"""

from __future__ import annotations

import contextlib
import json
import tracemalloc
from collections.abc import Callable

import pytest

from sigma_async import ResponseDecodeError, models
from sigma_async._convert import loads, structure

MIB = 1024 * 1024


def empty_items_page(size: int) -> bytes:
    items = (size - len(b'{"data":[]}')) // 3  # "{}," per item
    return b'{"data":[' + b",".join([b"{}"] * items) + b"]}"


@pytest.mark.parametrize("size", [MIB // 2, 2 * MIB], ids=["0.5MiB", "2MiB"])
@pytest.mark.parametrize("page", [models.SessionPage, models.ChannelPage, models.EventPage])
def test_a_page_of_empty_items_fails_at_the_first_in_bounded_memory(size: int, page: type) -> None:
    body = empty_items_page(size)
    data = loads(body)
    tracemalloc.start()
    try:
        with pytest.raises(ResponseDecodeError) as caught:
            structure(data, page)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.path == "$.data[0].id"
    assert peak <= 3 * len(body), f"{peak:,} bytes for a {len(body):,}-byte body"


def _peak(decode: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        with contextlib.suppress(ResponseDecodeError):
            decode()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_bad_last_item_costs_about_what_the_whole_good_page_costs() -> None:
    good = {"id": "s", "status": "live"}
    good_data = loads(json.dumps({"data": [good] * 20_000}).encode())
    bad_data = loads(json.dumps({"data": [good] * 20_000 + [{"id": 5}]}).encode())
    with pytest.raises(ResponseDecodeError) as caught:
        structure(bad_data, models.SessionPage)
    assert caught.value.path == "$.data[20000].id"
    success = _peak(lambda: structure(good_data, models.SessionPage))
    failure = _peak(lambda: structure(bad_data, models.SessionPage))
    # The items before the bad one are built once (as on success) and dropped; the second walk
    # that finds the index keeps one item at a time, and no error is made for any other item.
    assert failure <= 1.2 * success, (failure, success)

"""Every ``list`` method takes the one :class:`ListOptions`, with its defaults, on the wire."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from sigma_async import NotFoundError, SigmaClient, SigmaValidationError
from sigma_async.operations import MAX_PER_PAGE
from sigma_async.pagination import AsyncPaginator
from sigma_async.resources._base import ListOptions

from .conftest import CHANNEL_ID, SESSION_ID, FakeSigma, Reply

Lister = Callable[..., AsyncPaginator[Any]]
LISTS: dict[str, Callable[[SigmaClient], tuple[Lister, tuple[str, ...]]]] = {
    "channels": lambda client: (client.channels.list, ()),
    "sessions": lambda client: (client.sessions.list, (CHANNEL_ID,)),
    "events": lambda client: (client.events.list, (SESSION_ID,)),
}


async def _first_query(fake: FakeSigma, paginator: AsyncPaginator[Any]) -> dict[str, str]:
    fake.reply(Reply(status=404, json={"message": "stop at the first page"}))
    with pytest.raises(NotFoundError):
        await paginator.to_list()
    return fake.requests[-1].query


@pytest.mark.parametrize("resource", sorted(LISTS))
def test_the_list_options_are_one_typed_dict(client: SigmaClient, resource: str) -> None:
    method, _ = LISTS[resource](client)
    options = inspect.signature(method).parameters["options"]
    assert options.kind is inspect.Parameter.VAR_KEYWORD
    assert "ListOptions" in str(options.annotation)
    expected = {"sort", "per_page", "prefetch", "timeout", "max_retries"}
    assert set(ListOptions.__optional_keys__) == expected


@pytest.mark.parametrize("resource", sorted(LISTS))
async def test_a_list_sends_the_default_sort_and_page_size(
    client: SigmaClient, fake: FakeSigma, resource: str
) -> None:
    method, args = LISTS[resource](client)
    query = await _first_query(fake, method(*args))
    # As sent before the options were one type: the wire does not change.
    expected = ("updatedAt|desc", "1", str(MAX_PER_PAGE))
    assert (query["sort"], query["page"], query["perPage"]) == expected


@pytest.mark.parametrize("resource", sorted(LISTS))
async def test_a_list_sends_the_options_given(
    client: SigmaClient, fake: FakeSigma, resource: str
) -> None:
    method, args = LISTS[resource](client)
    query = await _first_query(fake, method(*args, sort="createdAt|asc", per_page=7, prefetch=2))
    assert (query["sort"], query["perPage"]) == ("createdAt|asc", "7")
    with pytest.raises(SigmaValidationError, match="per_page"):
        method(*args, per_page=MAX_PER_PAGE + 1)
    assert len(fake.requests) == 1  # the refused one sent nothing

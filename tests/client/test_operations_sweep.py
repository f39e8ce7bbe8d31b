"""Sweeps over ``sigma_async.operations.OPERATIONS``: every operation, one public call each.

Each operation's request on the wire is checked against the generated table (method, path
template filled with one encoded segment per parameter, query only for list calls, a JSON body
exactly when the operation has a request model), every channel operation accepts a ``Channel``
object where it accepts an id, and every operation has a public method (adding one to the spec
without a resource method fails here).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from sigma_async import Channel, ChannelCreate, ChannelUpdate, SigmaClient
from sigma_async._convert import structure
from sigma_async.operations import API_PREFIX, OPERATIONS, Operation

from .conftest import CHANNEL_ID, CHANNEL_JSON, SESSION_ID, FakeSigma, Reply, session_json
from .test_requests import assert_common_headers

Call = Callable[[SigmaClient, Any], Awaitable[Any]]

ODD_ID = "a/b?c#d%é"
"""An id that must still travel as exactly one path segment."""
ODD_SEGMENT = "a%2Fb%3Fc%23d%25%C3%A9"


async def _to_list(paginator: Any) -> Any:
    return await paginator.to_list()


# operationId -> (the public call, given the client and the id to use; the reply it needs)
CALLS: dict[str, tuple[Call, Reply]] = {
    "listChannels": (
        lambda c, _: _to_list(c.channels.list()),
        Reply(json={"data": [], "total": 0}),
    ),
    "createChannel": (
        lambda c, _: c.channels.create(ChannelCreate(name="n")),
        Reply(status=201, json=CHANNEL_JSON),
    ),
    "getChannel": (lambda c, ref: c.channels.get(ref), Reply(json=CHANNEL_JSON)),
    "updateChannel": (
        lambda c, ref: c.channels.update(ref, ChannelUpdate(description="d")),
        Reply(json=CHANNEL_JSON),
    ),
    "deleteChannel": (lambda c, ref: c.channels.delete(ref), Reply()),
    "startChannel": (lambda c, ref: c.channels.start(ref), Reply()),
    "stopChannel": (lambda c, ref: c.channels.stop(ref), Reply()),
    "listSessions": (
        lambda c, _: _to_list(c.sessions.list()),
        Reply(json={"data": [], "total": 0}),
    ),
    "getSession": (lambda c, ref: c.sessions.get(ref), Reply(json=session_json(SESSION_ID))),
    "getSessionStatus": (lambda c, ref: c.sessions.status(ref), Reply(json={"status": "live"})),
    "listEvents": (
        lambda c, _: _to_list(c.events.list(SESSION_ID)),
        Reply(json={"data": [], "total": 0}),
    ),
}


def test_every_operation_has_a_public_call() -> None:
    assert set(CALLS) == set(OPERATIONS)


@pytest.mark.parametrize("operation", list(OPERATIONS.values()), ids=list(OPERATIONS))
async def test_each_operation_sends_what_the_table_says(
    fake: FakeSigma, client: SigmaClient, operation: Operation
) -> None:
    call, reply = CALLS[operation.operation_id]
    fake.reply(reply)
    await call(client, ODD_ID)
    [request] = fake.requests
    expected_path = operation.path
    for name in operation.path_params:
        expected_path = expected_path.replace("{" + name + "}", ODD_SEGMENT)
    assert request.method == operation.method
    assert request.raw_path == API_PREFIX + expected_path
    assert set(request.query) <= set(operation.query_params)
    assert bool(request.query) == bool(operation.query_params)
    assert bool(request.body) == (operation.request_model is not None)
    assert_common_headers(fake)


CHANNEL_OPERATIONS = [op for op in OPERATIONS.values() if op.path_params == ("channelId",)]


@pytest.mark.parametrize(
    "operation", CHANNEL_OPERATIONS, ids=[op.operation_id for op in CHANNEL_OPERATIONS]
)
async def test_each_channel_operation_accepts_a_channel_object(
    fake: FakeSigma, client: SigmaClient, operation: Operation
) -> None:
    channel = structure(CHANNEL_JSON, Channel)
    call, reply = CALLS[operation.operation_id]
    fake.reply(reply, reply)
    await call(client, CHANNEL_ID)
    await call(client, channel)
    by_id, by_object = fake.requests
    assert (by_object.method, by_object.raw_path, by_object.body) == (
        by_id.method,
        by_id.raw_path,
        by_id.body,
    )


async def test_sessions_list_accepts_a_channel_object(fake: FakeSigma, client: SigmaClient) -> None:
    fake.reply(Reply(json={"data": [], "total": 0}), Reply(json={"data": [], "total": 0}))
    await client.sessions.list(CHANNEL_ID).to_list()
    await client.sessions.list(structure(CHANNEL_JSON, Channel)).to_list()
    by_id, by_object = fake.requests
    assert by_object.raw_query == by_id.raw_query

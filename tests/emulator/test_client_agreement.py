"""The client and the emulator agree on every operation the generated table lists.

For each operation of ``sigma_async.operations.OPERATIONS`` the client's public method for it
succeeds against the emulator, and the emulator recorded exactly that operation id with the
table's success status. An operation added to the spec without a mapping here fails the sweep.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Awaitable, Callable
from typing import Any, TypeVar

import attrs
import pytest

from sigma_async import ChannelCreate, ChannelUpdate, SigmaClient
from sigma_async.operations import OPERATIONS, Operation
from sigma_async.testing import SigmaEmulator

T = TypeVar("T")


@attrs.frozen
class World:
    """A started channel with a live session, made through the client."""

    channel_id: str
    session_id: str


Call = Callable[[SigmaClient, World], Awaitable[Any]]


async def _first_page(items: AsyncIterable[T]) -> list[T]:
    return [item async for item in items]


# operationId -> the client's public call for it.
CALLS: dict[str, Call] = {
    "listChannels": lambda c, w: _first_page(c.channels.list(per_page=10)),
    "createChannel": lambda c, w: c.channels.create(ChannelCreate(name="another")),
    "getChannel": lambda c, w: c.channels.get(w.channel_id),
    "updateChannel": lambda c, w: c.channels.update(w.channel_id, ChannelUpdate(record=True)),
    "deleteChannel": lambda c, w: c.channels.delete(w.channel_id),
    "startChannel": lambda c, w: c.channels.start(w.channel_id),
    "stopChannel": lambda c, w: c.channels.stop(w.channel_id),
    "listSessions": lambda c, w: _first_page(c.sessions.list(w.channel_id)),
    "getSession": lambda c, w: c.sessions.get(w.session_id),
    "getSessionStatus": lambda c, w: c.sessions.status(w.session_id),
    "listEvents": lambda c, w: _first_page(c.events.list(w.session_id)),
}
# What must happen first (through the client) for the call to succeed.
PREPARE: dict[str, Call] = {
    "deleteChannel": lambda c, w: c.channels.stop(w.channel_id),  # a live channel is a 409
}


async def _world(client: SigmaClient, emu: SigmaEmulator) -> World:
    channel = await client.channels.create(ChannelCreate(name="agreement"))
    await client.channels.start(channel.id)
    return World(channel.id, emu.publish(channel.id, live=True))


def test_every_mapped_operation_is_in_the_table() -> None:
    assert set(CALLS) <= set(OPERATIONS)
    assert set(PREPARE) <= set(CALLS)


@pytest.mark.parametrize("operation", OPERATIONS.values(), ids=lambda op: op.operation_id)
async def test_the_client_and_the_emulator_agree(
    emu: SigmaEmulator, sigma_client: SigmaClient, operation: Operation
) -> None:
    call = CALLS.get(operation.operation_id)
    if call is None:
        pytest.fail(f"{operation.operation_id} has no client call in CALLS: add one")
    world = await _world(sigma_client, emu)
    prepare = PREPARE.get(operation.operation_id)
    if prepare is not None:
        await prepare(sigma_client, world)
    emu.stats.reset()
    result = await call(sigma_client, world)
    assert dict(emu.stats.received) == {operation.operation_id: 1}
    assert dict(emu.stats.responses) == {(operation.operation_id, operation.success_status): 1}
    if operation.response_model is not None:
        assert result  # a model, a status or a non-empty page

"""The client's own session answers with a response class whose attribute layout is known up front.

CPython (3.11 on) lays out an object's attributes by its class, and a name joins that layout
only while the class has made few objects. Swept over every operation: each attribute a
response of the client's own session holds after its exchange is one the class entered before
any request (``transport.RESPONSE_ATTRIBUTES``), so no burst can leave one out. The burst
itself: a server that holds 64 requests until all have arrived makes every response exist
before any reads its status line; each response of a class without the names then builds a
``__dict__`` of its own, and none of a class with them does.
"""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from sigma_async._http import transport
from sigma_async.operations import OPERATIONS, Operation

from ..harness import ClientFactory, Loopback
from .conftest import CHANNEL_ID, FakeSigma
from .test_operations_sweep import CALLS

BURST = 64

cpython_layouts = pytest.mark.skipif(
    sys.implementation.name != "cpython" or sys.version_info < (3, 11),
    reason="shared attribute layouts (inline values) are CPython 3.11+",
)


def _capture(responses: list[aiohttp.ClientResponse]) -> aiohttp.TraceConfig:
    async def on_end(session: Any, context: Any, params: aiohttp.TraceRequestEndParams) -> None:
        responses.append(params.response)

    trace = aiohttp.TraceConfig()
    trace.on_request_end.append(on_end)
    trace.freeze()
    return trace


@pytest.mark.parametrize("operation", list(OPERATIONS.values()), ids=list(OPERATIONS))
async def test_every_attribute_of_an_exchange_is_entered_up_front(
    fake: FakeSigma, make_client: ClientFactory, operation: Operation
) -> None:
    call, reply = CALLS[operation.operation_id]
    client = make_client()
    fake.reply(reply)
    await call(client, CHANNEL_ID)  # opens the client's own session
    session = client._session
    assert session is not None
    responses: list[aiohttp.ClientResponse] = []
    session.trace_configs.append(_capture(responses))
    fake.reply(reply)
    await call(client, CHANNEL_ID)
    [response] = responses
    assert type(response) is transport.PreparedResponse
    assert set(vars(response)) <= set(transport.RESPONSE_ATTRIBUTES)


def _has_own_dict(response: aiohttp.ClientResponse) -> bool:
    # An object within its class's layout shows the collector its values; one that left it
    # shows a dict holding them.
    return any(
        type(referent) is dict and "_real_url" in referent
        for referent in gc.get_referents(response)
    )


async def _burst(url: str, response_class: type[aiohttp.ClientResponse]) -> list[bool]:
    async with aiohttp.ClientSession(response_class=response_class) as session:

        async def one() -> bool:
            async with session.get(url) as response:
                await response.read()
                return _has_own_dict(response)

        # Bounded: a server that never saw all of the burst would otherwise hold it forever.
        return await asyncio.wait_for(asyncio.gather(*(one() for _ in range(BURST))), 30)


@cpython_layouts
async def test_a_burst_before_the_first_answer_leaves_no_response_with_a_dict(
    loopback: Loopback,
) -> None:
    arrived = 0
    all_arrived = asyncio.Event()

    async def hold_until_all_arrive(request: web.BaseRequest) -> web.StreamResponse:
        nonlocal arrived
        arrived += 1
        if arrived % BURST == 0:
            all_arrived.set()
        await all_arrived.wait()
        return web.json_response({"id": CHANNEL_ID})

    url = await loopback.http(hold_until_all_arrive)

    class Unprepared(aiohttp.ClientResponse):
        pass

    class Prepared(aiohttp.ClientResponse):
        pass

    transport.share_attribute_names(Prepared)

    if not all(await _burst(url, Unprepared)):
        pytest.skip("this CPython keeps room in the layout for names set after a burst")
    all_arrived.clear()
    assert not any(await _burst(url, Prepared))


_FRESH_PROCESS_PROBE = """
import gc
from sigma_async._http import transport

cls = transport.PreparedResponse
crowd = [object.__new__(cls) for _ in range(64)]  # each new object takes from the room left
probe = object.__new__(cls)
for name in transport.RESPONSE_ATTRIBUTES:
    if not hasattr(getattr(cls, name, None), "__set__"):
        setattr(probe, name, None)
probe._closed = True
print(any(type(r) is dict and "_real_url" in r for r in gc.get_referents(probe)))
"""


@cpython_layouts
def test_the_client_response_class_has_every_name_entered_at_import() -> None:
    # In a fresh process, so that no earlier exchange can have entered the names by chance.
    done = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS_PROBE], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"

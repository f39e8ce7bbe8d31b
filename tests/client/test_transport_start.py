"""Every branch of ``transport.start`` sends what the table says, and never follows a redirect.

``start`` writes the client's own session's keywords out (no ``**`` spread, which costs) and
spreads the options of a caller's session or of a call with its own timeout: four ways to one
wire. Swept over every operation, both kinds of session, with and without a call's timeout,
against a loopback server that answers 302 to an address where nothing listens: the method,
path and body arrive as built, Content-Type only with a body, and the 302 comes back as is.
"""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from aiohttp import web

from sigma_async._http import transport
from sigma_async._http.routes import build_request
from sigma_async._http.sansio import request_headers
from sigma_async.models import ChannelCreate, ChannelUpdate
from sigma_async.operations import API_PREFIX, OPERATIONS, Operation

from ..harness import Loopback

BODIES: dict[type[Any], Any] = {
    ChannelCreate: ChannelCreate(name="n"),
    ChannelUpdate: ChannelUpdate(description="d"),
}
HEADERS = {"Authorization": "Basic eDp5", "X-App-Id": "app", "Accept": "application/json"}


def _body(operation: Operation) -> Any:
    return None if operation.request_model is None else BODIES[operation.request_model]


@pytest.mark.parametrize("own_session", [True, False], ids=["own-session", "caller-session"])
@pytest.mark.parametrize("own_timeout", [False, True], ids=["client-timeout", "call-timeout"])
@pytest.mark.parametrize("operation", list(OPERATIONS.values()), ids=list(OPERATIONS))
async def test_each_branch_sends_the_request_and_returns_the_redirect(
    loopback: Loopback, operation: Operation, own_session: bool, own_timeout: bool
) -> None:
    seen: list[tuple[str, str, dict[str, str], bytes]] = []

    async def answer(request: web.BaseRequest) -> web.StreamResponse:
        seen.append((request.method, request.raw_path, dict(request.headers), await request.read()))
        # Followed, this would fail to connect (nothing listens on port 9).
        return web.Response(status=302, headers={"Location": "http://127.0.0.1:9/elsewhere"})

    base_url = await loopback.http(answer)
    timeout = aiohttp.ClientTimeout(total=5)
    headers = request_headers(HEADERS, own_session=own_session)
    path = ("abc",) * len(operation.path_params)
    query = dict.fromkeys(operation.query_params, "1") or None
    request = build_request(
        operation,
        base_url + API_PREFIX,
        headers.bodiless,
        path=path,
        query=query,
        body=_body(operation),
        json_headers=headers.json,
    )
    if own_session:
        session = transport.open_session(4, headers=headers.session, timeout=timeout, ssl=True)
    else:
        session = aiohttp.ClientSession()
    options = transport.send_options(own_session=own_session, timeout=timeout, ssl=True)
    if own_timeout:
        options = transport.with_timeout(options, aiohttp.ClientTimeout(total=4))
    async with session:
        response = await transport.start(session, request, options)
        try:
            await response.read()
        finally:
            response.release()
    assert response.status == 302
    [(method, raw_path, sent, body)] = seen
    assert method == operation.method
    assert raw_path == request.url.raw_path_qs
    assert body == (request.body or b"")
    assert {name: sent[name] for name in HEADERS} == HEADERS
    assert ("Content-Type" in sent) == (request.body is not None)


def test_a_calls_timeout_keeps_redirects_off_and_the_callers_options() -> None:
    timeout = aiohttp.ClientTimeout(total=1)
    own = transport.send_options(own_session=True, timeout=timeout, ssl=True)
    assert own is None
    assert transport.with_timeout(own, timeout) == {"allow_redirects": False, "timeout": timeout}
    callers = transport.send_options(own_session=False, timeout=aiohttp.ClientTimeout(), ssl=True)
    assert callers is not None
    assert transport.with_timeout(callers, timeout) == {
        "allow_redirects": False,
        "raise_for_status": False,
        "ssl": True,
        "timeout": timeout,
    }

"""The HTTP handlers of the emulated API, one per operation of the spec."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs
from aiohttp import web

from ..operations import (
    API_PREFIX,
    CREATE_CHANNEL,
    DELETE_CHANNEL,
    GET_CHANNEL,
    GET_SESSION,
    GET_SESSION_STATUS,
    LIST_CHANNELS,
    LIST_EVENTS,
    LIST_SESSIONS,
    OPERATIONS,
    START_CHANNEL,
    STOP_CHANNEL,
    UPDATE_CHANNEL,
)
from ._engine import CHANNEL_SORTABLE, EVENT_SORTABLE, SESSION_SORTABLE, Engine
from ._faults import FaultInjector
from ._index import session_page
from ._protocol import REQUEST_TIMEOUT
from ._query import page_of, parse_list_query
from ._stats import Stats
from ._store import AppState
from ._validation import validate_channel_body
from ._wire import ApiError, json_response

__all__ = [
    "APP_STATE",
    "ROUTES",
    "RUNTIME",
    "ResponseRecord",
    "Runtime",
    "operation_index",
    "read_body",
    "routes",
]


@attrs.frozen
class ResponseRecord:
    """One response the emulator sent, as a response hook sees it.

    ``operation`` is the spec operationId (None when no operation matched), ``path_pattern`` the
    spec path (``/channels/{channelId}``), ``path`` the request path, ``fault`` the kind of an
    injected fault that produced or damaged the response (None for a genuine one; a truncated
    response is reported with its full body).
    """

    operation: str | None
    method: str
    path: str
    path_pattern: str | None
    query: dict[str, str]
    status: int
    headers: dict[str, str]
    body: bytes
    fault: str | None = None

    def json(self) -> Any:
        """Decode the body as JSON."""
        return json.loads(self.body)


ResponseHook = Callable[[ResponseRecord], None]


@attrs.define(eq=False)
class Runtime:
    """What the middlewares and handlers of one emulator share."""

    engine: Engine
    stats: Stats
    faults: FaultInjector
    response_hook: ResponseHook | None = None
    errors: list[BaseException] = attrs.field(factory=list)
    request_timeout: float = REQUEST_TIMEOUT
    """Seconds a request's body may take to arrive once its head has."""


RUNTIME = web.AppKey("sigma_runtime", Runtime)
APP_STATE = web.RequestKey("sigma_app", AppState)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _runtime(request: web.Request) -> Runtime:
    return request.app[RUNTIME]


async def read_body(request: web.Request) -> bytes:
    """Read the request's body, or answer 408 and close when it does not arrive in time.

    So a client trickling its body cannot hold a handler (and its connection) forever.
    """
    try:
        return await asyncio.wait_for(request.read(), _runtime(request).request_timeout)
    except asyncio.TimeoutError:
        raise ApiError(408, "Request Timeout", close=True) from None


async def _read_json(request: web.Request) -> object:
    raw = await read_body(request)
    if not raw.strip():
        raise ApiError(400, ["the request body must be a JSON object"])
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise ApiError(400, "Unexpected token in JSON: the body is not UTF-8") from None
    except json.JSONDecodeError as exc:
        # body-parser's wording, which NestJS passes through with a string message.
        raise ApiError(400, f"Unexpected token in JSON at position {exc.pos}") from None
    except (ValueError, RecursionError):
        raise ApiError(400, "Unexpected token in JSON") from None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


async def create_channel(request: web.Request) -> web.StreamResponse:
    """``POST /channels``."""
    rt = _runtime(request)
    fields = validate_channel_body(
        await _read_json(request), partial=False, profiles=rt.engine.profiles
    )
    channel = rt.engine.create_channel(request[APP_STATE], fields)
    rt.stats.applied[CREATE_CHANNEL.operation_id] += 1
    rt.stats.created_names[channel.name] += 1
    return json_response(channel.view(), status=201)


async def list_channels(request: web.Request) -> web.StreamResponse:
    """``GET /channels``."""
    query = parse_list_query(request.query, CHANNEL_SORTABLE)
    return json_response(_runtime(request).engine.channel_page(request[APP_STATE], query))


async def get_channel(request: web.Request) -> web.StreamResponse:
    """``GET /channels/{channelId}``."""
    engine = _runtime(request).engine
    channel = engine.channel(request[APP_STATE], request.match_info["channelId"])
    return json_response(channel.view())


async def update_channel(request: web.Request) -> web.StreamResponse:
    """``PATCH /channels/{channelId}``: a partial update."""
    rt = _runtime(request)
    app = request[APP_STATE]
    channel_id = request.match_info["channelId"]
    # NestJS's ValidationPipe judges the body before the handler looks the channel up.
    fields = validate_channel_body(
        await _read_json(request), partial=True, profiles=rt.engine.profiles
    )
    channel, changed = rt.engine.update_channel(app, channel_id, fields)
    if changed:
        rt.stats.applied[UPDATE_CHANNEL.operation_id] += 1
    return json_response(channel.view())


async def delete_channel(request: web.Request) -> web.StreamResponse:
    """``DELETE /channels/{channelId}`` (answers the deleted channel; clients ignore it)."""
    rt = _runtime(request)
    channel = rt.engine.delete_channel(request[APP_STATE], request.match_info["channelId"])
    rt.stats.applied[DELETE_CHANNEL.operation_id] += 1
    return json_response(channel.view())


async def start_channel(request: web.Request) -> web.StreamResponse:
    """``PATCH /channels/{channelId}/start`` (answers the channel; clients ignore it)."""
    rt = _runtime(request)
    app = request[APP_STATE]
    channel, changed = rt.engine.start_channel(app, request.match_info["channelId"])
    if changed:
        rt.stats.applied[START_CHANNEL.operation_id] += 1
    return json_response(channel.view())


async def stop_channel(request: web.Request) -> web.StreamResponse:
    """``DELETE /channels/{channelId}/stop`` (answers the channel; clients ignore it)."""
    rt = _runtime(request)
    channel, changed = rt.engine.stop_channel(request[APP_STATE], request.match_info["channelId"])
    if changed:
        rt.stats.applied[STOP_CHANNEL.operation_id] += 1
    return json_response(channel.view())


async def list_sessions(request: web.Request) -> web.StreamResponse:
    """``GET /sessions``."""
    query = parse_list_query(request.query, SESSION_SORTABLE)
    now = _runtime(request).engine.scheduler.now()
    return json_response(session_page(request[APP_STATE], now, query))


async def get_session(request: web.Request) -> web.StreamResponse:
    """``GET /sessions/{sessionId}``."""
    engine = _runtime(request).engine
    app = request[APP_STATE]
    session = engine.session(app, request.match_info["sessionId"])
    return json_response(engine.session_wire(app, session))


async def get_session_status(request: web.Request) -> web.StreamResponse:
    """``GET /sessions/{sessionId}/status``."""
    engine = _runtime(request).engine
    session = engine.session(request[APP_STATE], request.match_info["sessionId"])
    return json_response({"status": session.status})


async def list_events(request: web.Request) -> web.StreamResponse:
    """``GET /events``."""
    query = parse_list_query(request.query, EVENT_SORTABLE)
    # Events keep their insertion order among equal sort keys (init before published).
    events = request[APP_STATE].events.values()
    return json_response(page_of(events, query, ties="insertion"))


# The handler of each operationId; the method and path of each come from the generated table.
ROUTES: Mapping[str, Handler] = MappingProxyType(
    {
        CREATE_CHANNEL.operation_id: create_channel,
        LIST_CHANNELS.operation_id: list_channels,
        GET_CHANNEL.operation_id: get_channel,
        UPDATE_CHANNEL.operation_id: update_channel,
        DELETE_CHANNEL.operation_id: delete_channel,
        START_CHANNEL.operation_id: start_channel,
        STOP_CHANNEL.operation_id: stop_channel,
        LIST_SESSIONS.operation_id: list_sessions,
        GET_SESSION.operation_id: get_session,
        GET_SESSION_STATUS.operation_id: get_session_status,
        LIST_EVENTS.operation_id: list_events,
    }
)


def routes() -> Iterable[tuple[str, str, str, Handler]]:
    """Yield ``(method, full route path, operationId, handler)`` for every spec operation.

    Raises :class:`LookupError` naming an operation of the table that has no handler here, so
    an operation added to the spec cannot go unserved silently.
    """
    missing = sorted(set(OPERATIONS) - set(ROUTES))
    if missing:
        raise LookupError(f"the emulator has no handler for {', '.join(missing)}")
    unknown = sorted(set(ROUTES) - set(OPERATIONS))
    if unknown:
        raise LookupError(f"the emulator serves operations the spec lacks: {', '.join(unknown)}")
    for operation_id, operation in OPERATIONS.items():
        yield operation.method, API_PREFIX + operation.path, operation_id, ROUTES[operation_id]


def operation_index() -> dict[tuple[str, str], tuple[str, str]]:
    """Map ``(method, full route path)`` to ``(operationId, spec path)``."""
    return {(op.method, API_PREFIX + op.path): (op_id, op.path) for op_id, op in OPERATIONS.items()}

"""The emulator's own control API, for driving a standalone server from outside Python.

What ``SigmaEmulator.publish``/``interrupt``/``recover``/``advance`` do in-process, over HTTP, under
``/_emulator`` (outside the Sigma API's ``/api/livestream``). Calls authenticate like the API
(Basic credentials and ``X-App-Id``) and reach only that app's channels and sessions. They are
never faulted or counted: they stand for the encoder and the test, not for clients.

- ``POST /_emulator/channels/{channelId}/publish`` (body ``{"live": true}`` optional):
  201 ``{"sessionId": ...}``
- ``POST /_emulator/sessions/{sessionId}/interrupt`` and ``.../recover``: 200, the session
- ``POST /_emulator/advance`` (body ``{"seconds": 5}``, manual clock only): 200 ``{"now": ...}``
- ``GET /_emulator/ratelimit``: the rate limit and its admitted/refused counters
  (``sigma_async.testing._ratelimit``)

A request the emulated service could not honour (publishing into an idle channel, say) is a 409.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from ._clock import ManualClock
from ._handlers import APP_STATE, RUNTIME, read_body
from ._lifecycle import EmulatorError, LiveQuotaError
from ._ratelimit import add_rate_limit_routes
from ._wire import ApiError, format_timestamp, json_response

__all__ = ["CONTROL_PREFIX", "add_control_routes"]

CONTROL_PREFIX = "/_emulator"
# A year of virtual time: more is surely a mistake, and far more overflows datetime.
_MAX_ADVANCE = 365 * 24 * 3600


def add_control_routes(app: web.Application) -> None:
    """Register the control routes on the emulator's application."""
    app.router.add_post(CONTROL_PREFIX + "/channels/{channelId}/publish", _publish)
    app.router.add_post(CONTROL_PREFIX + "/sessions/{sessionId}/interrupt", _interrupt)
    app.router.add_post(CONTROL_PREFIX + "/sessions/{sessionId}/recover", _recover)
    app.router.add_post(CONTROL_PREFIX + "/advance", _advance)
    add_rate_limit_routes(app, CONTROL_PREFIX)


async def _options(request: web.Request) -> dict[str, Any]:
    raw = await read_body(request)
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise ApiError(400, "the body must be JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, "the body must be a JSON object")
    return body


async def _publish(request: web.Request) -> web.StreamResponse:
    engine = request.app[RUNTIME].engine
    app = request[APP_STATE]
    channel = engine.channel(app, request.match_info["channelId"])
    live = (await _options(request)).get("live", False)
    if not isinstance(live, bool):
        raise ApiError(400, "live must be a boolean")
    try:
        session = engine.sessions.publish(app, channel, live=live, ip=request.remote or "")
    except EmulatorError as exc:
        if isinstance(exc, LiveQuotaError):
            request.app[RUNTIME].stats.publish_refused += 1
        raise ApiError(409, str(exc)) from None
    return json_response({"sessionId": session.id}, status=201)


async def _interrupt(request: web.Request) -> web.StreamResponse:
    return _drive(request, "interrupt")


async def _recover(request: web.Request) -> web.StreamResponse:
    return _drive(request, "recover")


def _drive(request: web.Request, action: str) -> web.StreamResponse:
    engine = request.app[RUNTIME].engine
    app = request[APP_STATE]
    session = engine.session(app, request.match_info["sessionId"])
    try:
        if action == "interrupt":
            engine.sessions.interrupt(app, session)
        else:
            engine.sessions.recover(app, session)
    except EmulatorError as exc:
        raise ApiError(409, str(exc)) from None
    return json_response(engine.session_wire(app, session))


async def _advance(request: web.Request) -> web.StreamResponse:
    scheduler = request.app[RUNTIME].engine.scheduler
    seconds = (await _options(request)).get("seconds")
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise ApiError(400, "seconds must be a number")
    if not 0 <= seconds <= _MAX_ADVANCE:
        raise ApiError(400, f"seconds must be within 0..{_MAX_ADVANCE}")
    if not isinstance(scheduler.clock, ManualClock):
        raise ApiError(409, "advance needs the manual clock; this emulator follows real time")
    scheduler.advance(seconds)
    return json_response({"now": format_timestamp(scheduler.now())})
